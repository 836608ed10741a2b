package io.channelpulse.ingest.telegram;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;

/**
 * Reads a t.me/s/{handle} page. Everything is found by class names and position, never by the UI's words,
 * because the page may come in any interface language.
 */
public final class PreviewPageParser {

    private static final Evaluator CHANNEL_INFO = Dom.css(".tgme_channel_info");
    private static final Evaluator HISTORY = Dom.css(".tgme_channel_history, .js-message_history");
    private static final Evaluator MESSAGE = Dom.css(".tgme_widget_message");
    private static final Evaluator MORE = Dom.css("a.tme_messages_more[data-before]");

    private PreviewPageParser() {
    }

    /**
     * @return the page; its header is null when the page has no {@code .tgme_channel_info} block, and a page
     *     without messages (the end of the history) has no posts and no {@code moreBefore}
     * @throws PreviewPageException when this is not a channel preview page, or a message has no readable
     *     {@code data-post} or time
     */
    public static PreviewPage parse(String html) throws PreviewPageException {
        Document doc = Jsoup.parse(html);
        Element info = doc.selectFirst(CHANNEL_INFO);
        Elements messages = doc.select(MESSAGE);
        if (info == null && messages.isEmpty() && doc.selectFirst(HISTORY) == null) {
            throw new PreviewPageException("not a channel preview page: no .tgme_channel_info header and no message history");
        }
        List<ParsedPost> posts = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            posts.add(MessageReader.read(messages.get(i), i + 1));
        }
        String firstHandle = posts.isEmpty() ? null : posts.get(0).channel();
        ChannelHeader header = info == null ? null : HeaderReader.read(info, firstHandle);
        return new PreviewPage(header, List.copyOf(posts), moreBefore(doc));
    }

    private static Long moreBefore(Document doc) throws PreviewPageException {
        Element more = doc.selectFirst(MORE);
        if (more == null) {
            return null;
        }
        String before = more.attr("data-before");
        try {
            return Long.parseLong(before.strip());
        } catch (NumberFormatException e) {
            throw new PreviewPageException("the more-link has an unreadable data-before \"" + before + "\"");
        }
    }
}
