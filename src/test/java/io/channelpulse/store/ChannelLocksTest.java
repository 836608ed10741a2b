package io.channelpulse.store;

import io.channelpulse.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

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

        state.finish(channelId, ChannelStatus.ACTIVE, null, null);
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

    private long advisoryLocks() {
        return Db.count(dataSource, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'");
    }
}
