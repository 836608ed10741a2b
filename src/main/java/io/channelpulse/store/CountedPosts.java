package io.channelpulse.store;

import io.channelpulse.analytics.NameMatcher;
import io.channelpulse.ingest.telegram.ParsedPost;

import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A batch of one channel's posts counted against one watchlist matcher in one zone, each id once (its last
 * version in the batch: one statement cannot write a row twice), and the counter that counted it.
 */
public record CountedPosts(List<CountedPost> posts, NameMatcher names, ZoneId zone, PostCounter counter) {

    public static CountedPosts count(Collection<ParsedPost> posts, NameMatcher names, ZoneId zone, PostCounter counter) {
        Map<Long, ParsedPost> byId = new LinkedHashMap<>();
        posts.forEach(post -> byId.put(post.id(), post));
        return new CountedPosts(byId.values().stream().map(post -> counter.count(post, names, zone)).toList(),
                names, zone, counter);
    }

    /** The same batch counted again, for a watchlist or zone that changed since it was counted. */
    CountedPosts recounted(NameMatcher current, ZoneId currentZone) {
        return count(posts.stream().map(CountedPost::post).toList(), current, currentZone, counter);
    }

    /** The posts with these ids, as counted. */
    public CountedPosts only(Set<Long> ids) {
        return new CountedPosts(posts.stream().filter(counted -> ids.contains(counted.post().id())).toList(),
                names, zone, counter);
    }

    public boolean isEmpty() {
        return posts.isEmpty();
    }
}
