package io.channelpulse.analytics;

import java.util.List;
import java.util.Objects;

/**
 * A name on the watchlist.
 *
 * @param key     lowercase ASCII, such as {@code lavrov}: what a mention is counted under
 * @param label   shown in the UI, such as {@code Sergey Lavrov}
 * @param aliases how posts name it, in any language: single words ({@code Лавров}), phrases ({@code European Union})
 *                or short acronyms ({@code US}, {@code ООН}), see {@link NameMatcher}; unmodifiable, null elements
 *                dropped
 */
public record WatchedEntity(String key, String label, List<String> aliases) {

    public WatchedEntity {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        // a NULL element of a TEXT[] names nothing
        aliases = aliases == null ? List.of() : aliases.stream().filter(Objects::nonNull).toList();
    }
}
