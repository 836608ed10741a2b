package io.channelpulse.store;

import io.channelpulse.alerts.PostEvents;
import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.Counting;
import io.channelpulse.analytics.NameMatcher;
import io.channelpulse.analytics.PostFacts;
import io.channelpulse.analytics.Watchlist;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.network.PostCitations;
import io.channelpulse.terms.TermCounting;
import io.channelpulse.terms.TermDelta;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes what a preview page, an import batch or a generated batch said about a channel. Every write is an upsert
 * keyed by (channel, post id) under a per-channel lock, so repeated or concurrent polls of the same page store nothing
 * twice. Plain JDBC rather than entities: a batch is one statement per table ({@link PostRows}, the deltas), which
 * keeps ingestion fast.
 */
@ApplicationScoped
public class PostStore {

    /** What storing one page changed. */
    public record StoredPage(int added, int edited, long oldestId, long newestId) {
    }

    /** What the stored version of a post says and counted for. */
    private record Existing(String text, Long views, PostFacts facts, PostCitations cites) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    Watchlist watchlist;

    @Inject
    AnalyticsConfig analytics;

    @Inject
    TermCounting termCounting;

    @Inject
    PostEvents postEvents;

    @Inject
    PostCounter counter;

    /** The watchlist matcher and zone that storing counted with last, to count the next batch with. */
    public record CountingBasis(NameMatcher names, ZoneId zone) {
    }

    private volatile CountingBasis lastBasis;

    /**
     * What to count a batch with before storing it: what the last stored batch was counted with, or as stored now.
     * A change in between costs a recount under the lock, never a wrong count.
     */
    @Transactional
    public CountingBasis countingBasis() {
        CountingBasis basis = lastBasis;
        if (basis != null) {
            return basis;
        }
        try (Connection connection = dataSource.getConnection()) {
            basis = new CountingBasis(watchlist.current(connection),
                    CountingState.read(connection, analytics.timezone(), CountingState.Lock.NONE).zone());
            lastBasis = basis;
            return basis;
        } catch (SQLException e) {
            throw new StoreException("Could not read the watchlist and the rollups' zone", e);
        }
    }

    /** Counts the posts with the app's counter, then stores them: for callers that count nothing ahead. */
    @Transactional
    public StoredPage storePosts(long channelId, List<ParsedPost> posts, Instant seenAt) {
        CountingBasis basis = countingBasis();
        return storePosts(channelId, CountedPosts.count(posts, basis.names(), basis.zone(), counter), seenAt);
    }

    /**
     * Stores the posts of one page or batch, counted by the caller, in the caller's transaction (or a new one).
     * Under the channel's lock the batch is counted again only if the watchlist or the rollups' zone changed since.
     */
    @Transactional
    public StoredPage storePosts(long channelId, CountedPosts batch, Instant seenAt) {
        if (batch.isEmpty()) {
            return new StoredPage(0, 0, 0, 0);
        }
        try (Connection connection = dataSource.getConnection()) {
            lockChannel(connection, channelId);
            CountingState counting = CountingState.read(connection, analytics.timezone());
            ZoneId zone = counting.zone();
            NameMatcher names = watchlist.current(connection);
            if (names != batch.names() || !zone.equals(batch.zone())) {
                batch = batch.recounted(names, zone);
            }
            lastBasis = new CountingBasis(names, zone);
            PostCounter counter = batch.counter();
            List<ParsedPost> posts = batch.posts().stream().map(CountedPost::post).toList();
            Long[] ids = posts.stream().map(ParsedPost::id).toArray(Long[]::new);
            Map<Long, Existing> existing = existing(connection, channelId, ids, zone, counter);
            Map<Long, PostFacts> facts = new HashMap<>();
            RollupDelta rollups = new RollupDelta(channelId);
            CitationDelta citations = new CitationDelta(channelId);
            TermDelta terms = termCounting.delta(channelId, zone);
            List<ParsedPost> addedPosts = new ArrayList<>();
            List<ParsedPost> viewsChanged = new ArrayList<>();
            List<ParsedPost> editedPosts = new ArrayList<>();
            for (CountedPost countedPost : batch.posts()) {
                ParsedPost post = countedPost.post();
                PostFacts counted = countedPost.facts();
                facts.put(post.id(), counted);
                Existing before = existing.get(post.id());
                // During a rebuild, a post past its cursor is counted when the rebuild gets to it.
                boolean inRollups = counting.counted(channelId, post.id());
                if (before == null) {
                    addedPosts.add(post);
                } else {
                    if (inRollups) {
                        rollups.remove(before.facts(), before.views());
                        citations.remove(before.facts().day(), before.cites());
                    }
                    if (!before.text().equals(post.text())) {
                        editedPosts.add(post);
                    }
                }
                if (inRollups) {
                    rollups.add(counted, post.views() != null ? post.views() : before == null ? null : before.views());
                    citations.add(counted.day(), countedPost.cites());
                }
                terms.store(before == null ? null : new TermDelta.Version(before.facts(), before.text(),
                                () -> counter.terms(before.text())),
                        new TermDelta.Version(counted, post.text(), countedPost::terms), post.publishedAt(), inRollups);
                if (post.views() != null && (before == null || !Objects.equals(before.views(), post.views()))) {
                    viewsChanged.add(post);
                }
            }
            PostRows rows = new PostRows(connection, channelId);
            rows.upsert(posts, facts, editedPosts.stream().map(ParsedPost::id).collect(Collectors.toSet()), seenAt);
            rollups.write(connection);
            citations.write(connection);
            terms.write(connection);
            Map<Long, String> previousTexts = new HashMap<>();
            editedPosts.forEach(p -> previousTexts.put(p.id(), existing.get(p.id()).text()));
            rows.recordEdits(editedPosts, previousTexts, seenAt);
            postEvents.edited(connection, channelId, editedPosts.stream().map(p -> new PostEvents.Edit(p.id(),
                    p.publishedAt(), existing.get(p.id()).text(), p.text())).toList(), seenAt);
            rows.recordViews(viewsChanged, seenAt);
            // New posts have nothing to replace; a delete would still read the channel's rows.
            Long[] storedIds = existing.keySet().toArray(Long[]::new);
            rows.replaceMedia(posts, storedIds);
            rows.replaceReactions(posts, storedIds);
            int addedCounted = (int) addedPosts.stream().filter(p -> p.kind() == ParsedPost.Kind.POST).count();
            countAdded(connection, channelId, addedCounted, addedPosts.size());
            // Rows shared by all channels go last, so their locks are held only until the commit that follows.
            ForwardLags.ofAdded(connection, channelId, addedPosts, counting);
            recordSpellings(connection, addedPosts);
            recordForwardSources(connection, addedPosts);
            terms.writeForms(connection);
            terms.writeTotals(connection);
            rollups.writeTotals(connection);
            long oldest = posts.stream().mapToLong(ParsedPost::id).min().orElse(0);
            long newest = posts.stream().mapToLong(ParsedPost::id).max().orElse(0);
            return new StoredPage(addedPosts.size(), editedPosts.size(), oldest, newest);
        } catch (SQLException e) {
            throw new StoreException("Could not store posts of channel " + channelId, e);
        }
    }

    /** The newest post id stored for the channel, or 0. */
    @Transactional
    public long newestPostId(long channelId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT COALESCE(MAX(id), 0) FROM posts WHERE channel_id = ?")) {
            query.setLong(1, channelId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("Could not read posts of channel " + channelId, e);
        }
    }

    static void lockChannel(Connection connection, long channelId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, channelId);
            lock.execute();
        }
    }

    private static Map<Long, Existing> existing(Connection connection, long channelId, Long[] ids, ZoneId zone,
                                                PostCounter counter) throws SQLException {
        Map<Long, Existing> existing = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT id, text, views, kind, published_at, hashtags, mentions, forwarded_handle, links
                FROM posts WHERE channel_id = ? AND id = ANY (?)""")) {
            query.setLong(1, channelId);
            query.setArray(2, connection.createArrayOf("bigint", ids));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    PostFacts facts = new PostFacts(rs.getString(4).equals("post"),
                            LocalDate.ofInstant(rs.getTimestamp(5).toInstant(), zone), strings(rs.getArray(6)),
                            strings(rs.getArray(7)), Counting.forwardKey(rs.getString(8)));
                    PostCitations cites = counter.citations(rs.getString(2), strings(rs.getArray(9)),
                            rs.getString(8), !facts.counted());
                    existing.put(rs.getLong(1), new Existing(rs.getString(2), (Long) rs.getObject(3), facts, cites));
                }
            }
        }
        return existing;
    }

    /** New posts only: a re-read page must not count a spelling twice. */
    private static void recordSpellings(Connection connection, List<ParsedPost> added) throws SQLException {
        TopicSpellings spellings = new TopicSpellings();
        added.stream().filter(post -> post.kind() == ParsedPost.Kind.POST).forEach(post -> spellings.count(post.text()));
        spellings.add(connection);
    }

    private static void recordForwardSources(Connection connection, List<ParsedPost> added) throws SQLException {
        Map<String, ParsedPost.ForwardSource> sources = new TreeMap<>();
        for (ParsedPost post : added) {
            String key = post.forwardedFrom() == null ? null : Counting.forwardKey(post.forwardedFrom().handle());
            if (key != null) {
                sources.put(key, post.forwardedFrom());
            }
        }
        if (sources.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO forward_sources (key, handle, title)
                SELECT key, handle, title FROM unnest(?::text[], ?::text[], ?::text[])
                    WITH ORDINALITY AS source (key, handle, title, position) ORDER BY position
                ON CONFLICT (key) DO UPDATE SET handle = EXCLUDED.handle,
                    title = COALESCE(EXCLUDED.title, forward_sources.title)""")) {
            upsert.setArray(1, connection.createArrayOf("text", sources.keySet().toArray()));
            upsert.setArray(2, connection.createArrayOf("text", sources.values().stream()
                    .map(ParsedPost.ForwardSource::handle).toArray()));
            upsert.setArray(3, connection.createArrayOf("text", sources.values().stream()
                    .map(ParsedPost.ForwardSource::title).toArray()));
            upsert.executeUpdate();
        }
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static void countAdded(Connection connection, long channelId, int posts, int messages) throws SQLException {
        if (messages == 0) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE channels SET post_count = post_count + ?, message_count = message_count + ? WHERE id = ?")) {
            update.setInt(1, posts);
            update.setInt(2, messages);
            update.setLong(3, channelId);
            update.executeUpdate();
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
