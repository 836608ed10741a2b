package io.channelpulse.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One import of a Telegram Desktop export into a channel: its state and what it read, stored and skipped. */
@Entity
@Table(name = "imports")
public class ImportRun extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "channel_id")
    public Channel channel;

    /** queued, running, done or failed. */
    public String state = "queued";

    @Column(name = "file_name")
    public String fileName;

    /** The zone of the export's local "date" fields, for messages without date_unixtime. */
    public String zone;

    public long read;
    public long stored;
    public long skipped;

    /** {@code [{"line", "column", "message", "reason"}]}: the file's or a message's first problems, as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String errors = "[]";

    @Column(name = "created_at")
    public Instant createdAt = Instant.now();

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** A new queued import of {@code fileName} into the channel. */
    public static ImportRun start(long channelId, String fileName, String zone) {
        ImportRun run = new ImportRun();
        run.channel = getEntityManager().getReference(Channel.class, channelId);
        run.fileName = fileName;
        run.zone = zone;
        run.persist();
        return run;
    }

    /** The import with its channel, read in one statement. */
    public static Optional<ImportRun> findWithChannel(long id) {
        return find("from ImportRun i join fetch i.channel where i.id = ?1", id).firstResultOptional();
    }

    /** The newest imports with their channels, newest first. */
    public static List<ImportRun> newestWithChannels(int limit) {
        return find("from ImportRun i join fetch i.channel order by i.createdAt desc, i.id desc").range(0, limit - 1)
                .list();
    }

    /** Imports a stopped app left queued or running. */
    public static List<ImportRun> unfinished() {
        return list("state in ('queued', 'running') order by id");
    }
}
