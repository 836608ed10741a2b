package io.channelpulse.store;

import io.channelpulse.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The right to poll a channel: one holder at a time, whatever the instances are called (two pollers here share one
 * process, host and port, which a lease named by host and port let both own), gone with its session, and the
 * polls it leaves unfinished found for another instance to go on with.
 */
@QuarkusTest
class ChannelLocksTest {

    @Inject
    ChannelLocks locks;

    @Inject
    PollState state;

    @Inject
    InstanceIdentity identity;

    @Inject
    DataSource dataSource;

    private long channelId;

    @BeforeEach
    void oneChannel() {
        Db.reset(dataSource);
        channelId = Db.count(dataSource, "INSERT INTO channels (handle) VALUES ('EmbUSA') RETURNING id");
    }

    @Test
    void oneHolderAtATimeEvenWithOneName() {
        try (ChannelLock first = locks.tryLock(channelId).orElseThrow()) {
            assertThat(first.held()).isTrue();
            assertThat(locks.tryLock(channelId)).as("a second poller, same process, host and port").isEmpty();
            assertThat(advisoryLocks()).isEqualTo(1);
        }
        assertThat(advisoryLocks()).as("unlocked at the end of the poll").isZero();
        try (ChannelLock again = locks.tryLock(channelId).orElseThrow()) {
            assertThat(again.held()).isTrue();
        }
    }

    @Test
    void theLockGoesWithItsSession() {
        try (ChannelLock lost = locks.tryLock(channelId).orElseThrow()) {
            // as a database restart or a dead client ends the session
            assertThat(Db.count(dataSource, """
                    SELECT count(pg_terminate_backend(pid)) FROM pg_locks
                    WHERE locktype = 'advisory' AND objsubid = 2 AND objid::bigint = ?""", channelId)).isEqualTo(1);
            assertThat(lost.held()).as("the poller sees it lost the lock").isFalse();
            try (ChannelLock taken = locks.tryLock(channelId).orElseThrow()) {
                assertThat(taken.held()).isTrue();
            }
        }
        assertThat(advisoryLocks()).isZero();
    }

    @Test
    void aPollThatBeganAndDidNotEndIsUnfinishedOnceNobodyHoldsIt() {
        assertThat(locks.unfinished()).isEmpty();
        try (ChannelLock lock = locks.tryLock(channelId).orElseThrow()) {
            state.begin(channelId);
            assertThat(Db.text(dataSource, "SELECT polled_by FROM channels")).isEqualTo(identity.name());
            assertThat(locks.unfinished()).as("being polled").isEmpty();
        }
        assertThat(locks.unfinished()).as("its poller went away midway").containsExactly(channelId);

        Db.count(dataSource, "UPDATE channels SET status = 'paused' WHERE id = ? RETURNING id", channelId);
        assertThat(locks.unfinished()).as("paused").isEmpty();
        Db.count(dataSource, "UPDATE channels SET status = 'active' WHERE id = ? RETURNING id", channelId);

        state.finish(channelId, ChannelStatus.ACTIVE, null, null, Duration.ofMinutes(5));
        assertThat(Db.text(dataSource, "SELECT polled_by FROM channels")).isNull();
        assertThat(locks.unfinished()).as("the poll ended").isEmpty();
    }

    @Test
    void everyStartIsItsOwnInstance() {
        String other = new InstanceIdentity().name();
        assertThat(identity.name()).isNotEqualTo(other)
                .contains(" pid " + ProcessHandle.current().pid() + " ");
        assertThat(identity.name().split(" pid ")[0]).as("the host, for people").isNotBlank();
    }

    @Test
    void aPageWithItsCursorCommitsWithoutWaitingForTheDisk() {
        String insidePage = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            // as on a server of one's own; the embedded one waits for no disk at all (zonky's default)
            Db.text(dataSource, "SELECT set_config('synchronous_commit', 'on', true)");
            state.saveBackfill(channelId, 100L, 1, false);
            // the same connection: the transaction's
            return Db.text(dataSource, "SHOW synchronous_commit");
        });
        assertThat(insidePage).isEqualTo("off");
        assertThat(Db.count(dataSource, "SELECT backfill_before FROM channels WHERE id = ?", channelId)).isEqualTo(100);
    }

    @Test
    void theMostOverdueChannelNobodyHoldsIsDueAndTheRestWait() {
        long later = Db.count(dataSource, "INSERT INTO channels (handle) VALUES ('pulse_edge') RETURNING id");
        assertThat(state.nextDue()).as("never polled: due at once").isEqualTo(new PollState.Due.Now(channelId));

        state.finish(channelId, ChannelStatus.ACTIVE, null, null, Duration.ofMinutes(10));
        assertThat(state.nextDue()).isEqualTo(new PollState.Due.Now(later));
        try (ChannelLock polling = locks.tryLock(later).orElseThrow()) {
            assertThat(state.nextDue()).as("the other one is being polled")
                    .isInstanceOfSatisfying(PollState.Due.In.class, in -> assertThat(in.after())
                            .isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10)));
            assertThat(state.load(channelId).orElseThrow().due()).isFalse();
        }
        Db.count(dataSource, "UPDATE channels SET status = 'paused' WHERE id = ? RETURNING id", later);
        state.finish(channelId, ChannelStatus.ACTIVE, null, null, Duration.ZERO);
        assertThat(state.nextDue()).isEqualTo(new PollState.Due.Now(channelId));
        assertThat(state.load(channelId).orElseThrow().due()).isTrue();
        Db.count(dataSource, "UPDATE channels SET status = 'paused' RETURNING id");
        assertThat(state.nextDue()).as("paused channels are never due").isEqualTo(new PollState.Due.Nothing());
    }

    /**
     * More checks due than requests allowed: lateness counts against each channel's own interval, so a busy channel
     * late by one interval goes before a quiet one late by a third of its own, though the quiet one fell due first.
     */
    @Test
    void underOverloadTheChannelLateByMoreOfItsOwnIntervalIsDueFirst() {
        long busy = Db.count(dataSource, "INSERT INTO channels (handle) VALUES ('pulse_edge') RETURNING id");
        Db.execute(dataSource, "UPDATE channels SET last_polled_at = now() - interval '4 hours',"
                + " next_poll_at = now() - interval '1 hour' WHERE id = " + channelId);
        Db.execute(dataSource, "UPDATE channels SET last_polled_at = now() - interval '10 minutes',"
                + " next_poll_at = now() - interval '5 minutes' WHERE id = " + busy);
        assertThat(state.nextDue()).isEqualTo(new PollState.Due.Now(busy));

        state.finish(busy, ChannelStatus.ACTIVE, null, null, Duration.ofMinutes(5));
        assertThat(state.nextDue()).isEqualTo(new PollState.Due.Now(channelId));
        state.finish(channelId, ChannelStatus.ACTIVE, null, null, Duration.ofHours(3));
        assertThat(state.nextDue()).as("none overdue: the one that falls due first")
                .isInstanceOfSatisfying(PollState.Due.In.class, in -> assertThat(in.after())
                        .isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5)));
    }

    private long advisoryLocks() {
        return Db.count(dataSource, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'");
    }
}
