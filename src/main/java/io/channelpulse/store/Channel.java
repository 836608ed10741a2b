package io.channelpulse.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A tracked public channel and the state of its polling. */
@Entity
@DynamicUpdate
@Table(name = "channels")
public class Channel extends PanacheEntityBase {

    private static final Pattern DEMO_HANDLE = Pattern.compile("synthetic_\\d{2,3}");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String handle;
    public String title;
    public String description;
    public boolean verified;

    @Column(name = "avatar_url")
    public String avatarUrl;

    public Long subscribers;

    @Column(name = "post_count", insertable = false, updatable = false)
    public long postCount;

    @Column(name = "message_count", insertable = false, updatable = false)
    public long messageCount;

    public ChannelStatus status = ChannelStatus.ACTIVE;

    /** {@code preview} for a channel added to be polled, {@code import} for one an import created. */
    public String source = "preview";

    @Column(name = "added_at")
    public Instant addedAt = Instant.now();

    @Column(name = "last_polled_at")
    public Instant lastPolledAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "not_before")
    public Instant notBefore;

    /** When its next check is due (null: at once); written by each poll's end from the channel's posting rate. */
    @Column(name = "next_poll_at", insertable = false, updatable = false)
    public Instant nextPollAt;

    @Column(name = "backfill_before", insertable = false, updatable = false)
    public Long backfillBefore;

    @Column(name = "backfill_pages", insertable = false, updatable = false)
    public int backfillPages;

    @Column(name = "backfill_done", insertable = false, updatable = false)
    public boolean backfillDone;

    /** Why deletions are not being marked on this channel just now, or null. */
    @Column(name = "deletion_warning", insertable = false, updatable = false)
    public String deletionWarning;

    /**
     * Whether a handle is one the generator gives its channels ({@code synthetic_01}, {@code synthetic_02}, …),
     * whose posts are made up (demo data) and never polled.
     */
    public static boolean isDemoHandle(String handle) {
        return handle != null && DEMO_HANDLE.matcher(handle).matches();
    }

    public static Optional<Channel> findByHandle(String handle) {
        return find("lower(handle) = ?1", handle.toLowerCase(Locale.ROOT)).firstResultOptional();
    }

    public static List<Channel> listByHandle() {
        return list("order by lower(handle)");
    }

    /** Channels the scheduler looks at: all but the paused ones, as a channel may gain a preview later. */
    public static List<Long> pollableIds() {
        return getEntityManager()
                .createQuery("select c.id from Channel c where c.status <> :paused"
                        + " order by coalesce(c.lastPolledAt, c.addedAt)", Long.class)
                .setParameter("paused", ChannelStatus.PAUSED)
                .getResultList();
    }
}
