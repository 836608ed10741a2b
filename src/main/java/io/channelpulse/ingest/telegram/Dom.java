package io.channelpulse.ingest.telegram;

import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/** Small jsoup helpers shared by the readers of a preview page. */
final class Dom {

    private Dom() {
    }

    static Evaluator css(String query) {
        return QueryParser.parse(query);
    }

    /**
     * Elements with any of {@code classes}. Unlike an OR of class selectors, which looks up the class attribute
     * once per class, this reads it once per element: it is tested against every element of every message.
     */
    static Evaluator anyClass(String... classes) {
        Set<String> wanted = Set.of(classes);
        return new Evaluator() {
            @Override
            public boolean matches(Element root, Element element) {
                String names = element.className();
                int start = -1;
                for (int i = 0; i <= names.length(); i++) {
                    if (i == names.length() || Character.isWhitespace(names.charAt(i))) {
                        if (start >= 0 && wanted.contains(names.substring(start, i))) {
                            return true;
                        }
                        start = -1;
                    } else if (start < 0) {
                        start = i;
                    }
                }
                return false;
            }
        };
    }

    /**
     * Text as Telegram shows it: text nodes as they are, {@code <br>} as a line break and emoji images
     * ({@code <i class="emoji"><b>🇷🇺</b></i>}) as their characters; stripped.
     */
    static String richText(Element element) {
        StringBuilder out = new StringBuilder();
        appendRichText(element, out);
        return out.toString().strip();
    }

    /** The element's rich text, or null when the element is absent or shows nothing. */
    static String richTextOrNull(Element element) {
        if (element == null) {
            return null;
        }
        String text = richText(element);
        return text.isEmpty() ? null : text;
    }

    /** Whether an ancestor of {@code element} below {@code root} matches {@code which}. */
    static boolean within(Element element, Element root, Evaluator which) {
        for (Element p = element.parent(); p != null && p != root; p = p.parent()) {
            if (which.matches(root, p)) {
                return true;
            }
        }
        return false;
    }

    private static void appendRichText(Element element, StringBuilder out) {
        for (Node child : element.childNodes()) {
            if (child instanceof TextNode text) {
                out.append(text.getWholeText());
            } else if (child instanceof Element e) {
                if ("br".equals(e.normalName())) {
                    out.append('\n');
                } else if (e.hasClass("emoji") && e.firstElementChild() != null && "b".equals(e.firstElementChild().normalName())) {
                    out.append(e.firstElementChild().wholeText());
                } else {
                    appendRichText(e, out);
                }
            }
        }
    }
}
