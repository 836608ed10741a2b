package io.channelpulse.analytics;

import java.time.LocalDate;
import java.util.List;

/**
 * What one post counts for: its local day, topics, mentions and forward source. Service messages count for
 * nothing ({@code counted} false). A post counts once per key however often it names it.
 */
public record PostFacts(boolean counted, LocalDate day, List<String> topics, List<String> mentions, String forward) {
}
