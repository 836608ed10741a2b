package io.channelpulse.imports;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A message's {@code text} as Telegram Desktop writes it, flattened to what the preview parser reads from the
 * page: the plain string, or the array's strings and each entity's {@code text} in order (bold, blockquote,
 * spoiler, custom emoji… are only their text), stripped. The links are what the page's text would link to.
 */
record ExportText(String text, List<String> links) {

    static final ExportText EMPTY = new ExportText("", List.of());

    /** @param node a string, an array of strings and entity objects, or absent */
    static ExportText of(JsonNode node) {
        if (node == null || node.isNull()) {
            return EMPTY;
        }
        if (node.isTextual()) {
            return new ExportText(node.asText().strip(), List.of());
        }
        StringBuilder text = new StringBuilder();
        Set<String> links = new LinkedHashSet<>();
        for (JsonNode part : node) {
            if (part.isTextual()) {
                text.append(part.asText());
            } else if (part.isObject()) {
                String partText = part.path("text").asText("");
                text.append(partText);
                String link = link(part.path("type").asText(""), partText, part.path("href").asText(""));
                if (link != null) {
                    links.add(link);
                }
            }
        }
        return new ExportText(text.toString().strip(), List.copyOf(links));
    }

    /** Where the page's text would link this entity to; only web links count, as in the preview parser. */
    private static String link(String type, String text, String href) {
        return switch (type) {
            case "link" -> web(text) ? text : hasScheme(text) ? null : "http://" + text;
            case "text_link" -> web(href) ? href : null;
            case "mention" -> text.startsWith("@") && text.length() > 1 ? "https://t.me/" + text.substring(1) : null;
            default -> null;
        };
    }

    private static boolean web(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static boolean hasScheme(String url) {
        int colon = url.indexOf(':');
        return colon > 0 && url.substring(0, colon).chars().allMatch(Character::isLetter);
    }
}
