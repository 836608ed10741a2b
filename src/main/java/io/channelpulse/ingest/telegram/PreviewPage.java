package io.channelpulse.ingest.telegram;

import java.util.List;

/**
 * What one t.me/s/{handle} page says: the channel header, its messages oldest first,
 * and the cursor of the next older page.
 *
 * @param moreBefore the exclusive {@code before} id of the next older page, or null when the history ends here
 */
public record PreviewPage(ChannelHeader channel, List<ParsedPost> posts, Long moreBefore) {

    public boolean endOfHistory() {
        return moreBefore == null;
    }
}
