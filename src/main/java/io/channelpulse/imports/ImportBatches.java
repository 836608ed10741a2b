package io.channelpulse.imports;

import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.CountedPosts;
import io.channelpulse.store.ImportOnlyPosts;
import io.channelpulse.store.PostStore;
import io.channelpulse.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One batch of imported messages stored the way polls store pages, with the import's counts beside it. */
@ApplicationScoped
class ImportBatches {

    /** What one batch did. */
    record Stored(int stored, int skipped) {
    }

    @Inject
    Sql db;

    @Inject
    PostStore posts;

    @Inject
    ImportRuns runs;

    /**
     * Stores a batch through {@link PostStore#storePosts}, with the import's counts in the same transaction, so
     * the counts say exactly what is stored. A message already stored is written again only when the export's
     * version of it is later than the one we last saw (an edit after our last poll): otherwise it is skipped.
     */
    @Transactional
    Stored store(long importId, ImportChannels.Target channel, List<ExportMessage> batch, CountedPosts counted,
                 ImportRuns.Counts counts) {
        Map<Long, Instant> lastSeen = lastSeen(channel.id(), batch);
        Set<Long> write = new HashSet<>();
        List<Long> added = new ArrayList<>();
        for (ExportMessage message : batch) {
            Instant seen = lastSeen.get(message.id());
            if (seen == null) {
                added.add(message.id());
            } else if (!message.versionAt().isAfter(seen)) {
                continue;
            }
            write.add(message.id());
        }
        posts.storePosts(channel.id(), counted.only(write), Instant.now());
        ImportOnlyPosts.add(db, channel.id(), added);
        Stored stored = new Stored(write.size(), batch.size() - write.size());
        counts.add(stored);
        runs.progress(importId, counts);
        return stored;
    }

    /** The post with its forward's handle, where the forward's display name is a tracked channel's title. */
    static ParsedPost withForwardHandle(ParsedPost post, Map<String, String> handlesByTitle) {
        if (post.forwardedFrom() == null) {
            return post;
        }
        String handle = handlesByTitle.get(post.forwardedFrom().title());
        if (handle == null) {
            return post;
        }
        return new ParsedPost(post.channel(), post.id(), post.publishedAt(), post.kind(), post.text(), post.views(),
                post.edited(), post.signature(), new ParsedPost.ForwardSource(post.forwardedFrom().title(), handle, null),
                post.replyTo(), post.media(), post.links(), post.reactions());
    }

    private Map<Long, Instant> lastSeen(long channelId, List<ExportMessage> batch) {
        Map<Long, Instant> seen = new HashMap<>();
        db.forEach("SELECT id, last_seen_at FROM posts WHERE channel_id = ? AND id = ANY (?)",
                List.of(channelId, batch.stream().map(ExportMessage::id).toArray(Long[]::new)),
                rs -> seen.put(rs.getLong(1), rs.getInstant(2)));
        return seen;
    }
}
