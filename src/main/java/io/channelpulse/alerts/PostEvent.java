package io.channelpulse.alerts;

import java.time.Instant;

/**
 * The JSON body of a post.edited or post.deleted webhook.
 *
 * @param seenAt  when the poll noticed the edit, or confirmed the deletion
 * @param oldText the text before the edit; for a deletion, the last text stored
 * @param newText the text after the edit; null for a deletion
 */
record PostEvent(String event, String channel, long postId, String url, String dashboard, Instant publishedAt,
                 Instant seenAt, String oldText, String newText) {
}
