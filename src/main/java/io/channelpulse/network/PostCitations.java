package io.channelpulse.network;

import io.channelpulse.analytics.Counting;
import io.channelpulse.analytics.HandleMentions;

import java.util.List;
import java.util.TreeSet;

/**
 * The channels one post cites: the source it forwards and the handles its text names as {@code @handle} or a
 * {@code t.me/} link (also in its link targets). Keys are lowercased handles. Watched names are not channels, so
 * unlike the post's mention counts these hold handles only. Service messages cite nothing.
 *
 * @param forward  the forwarded channel's key, or null
 * @param mentions the named handles' keys, sorted
 */
public record PostCitations(String forward, List<String> mentions) {

    public static final PostCitations NONE = new PostCitations(null, List.of());

    public static PostCitations of(String text, List<String> links, String forwardHandle, boolean service) {
        if (service) {
            return NONE;
        }
        return new PostCitations(Counting.forwardKey(forwardHandle), HandleMentions.keys(text, links));
    }

    /** Every channel the post cites, once each, however it cites it. */
    public List<String> targets() {
        TreeSet<String> all = new TreeSet<>(mentions);
        if (forward != null) {
            all.add(forward);
        }
        return List.copyOf(all);
    }
}
