package io.channelpulse.store;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A post with everything we saw happen to it: the texts it has had, its view counts over time, and the tracked
 * channels' posts that forward it. {@code source} is the forwarded post's page here when we have that post.
 */
public record PostStory(@JsonUnwrapped PostView post, List<Version> versions, List<ViewCount> views,
                        List<Forwarder> forwardedBy, SourcePost source, List<Absence> deletions) {

    /**
     * A time the post went missing from a page that covered it (a post_deletions row): {@code confirmedAt} and
     * {@code confirmedBy} ({@code second_read} or {@code embed}) once it counted as deleted, {@code reappearedAt}
     * when it showed up again. An episode with neither is a single missed read, which marks nothing.
     */
    public record Absence(Instant missingAt, Instant confirmedAt, String confirmedBy, Instant reappearedAt) {
    }

    /** A text the post had, and when we first saw it. */
    public record Version(String text, Instant seenAt) {
    }

    /** A view count and when a poll read it. */
    public record ViewCount(Instant t, long views) {
    }

    /** A tracked channel's post that forwards this one, {@code lagSeconds} after it was published. */
    public record Forwarder(String channel, long id, Instant publishedAt, long lagSeconds) {
    }

    /** The stored post a forward comes from. */
    public record SourcePost(String channel, long id) {
    }

    /** A text replaced by an edit and when the edit was seen (a post_edits row). */
    record Edit(Instant seenAt, String previousText) {
    }

    /**
     * The texts oldest first, the current one last. Each edit row keeps the text it replaced, so version 0 was seen
     * when the post was, and version k when the edit that replaced version k-1 was seen.
     */
    static List<Version> versions(Instant firstSeenAt, String currentText, List<Edit> editsOldestFirst) {
        List<Version> versions = new ArrayList<>();
        Instant seen = firstSeenAt;
        for (Edit edit : editsOldestFirst) {
            versions.add(new Version(edit.previousText(), seen));
            seen = edit.seenAt();
        }
        versions.add(new Version(currentText, seen));
        return versions;
    }

    static long lagSeconds(Instant source, Instant forward) {
        return Duration.between(source, forward).getSeconds();
    }
}
