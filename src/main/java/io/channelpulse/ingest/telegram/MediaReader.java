package io.channelpulse.ingest.telegram;

import io.channelpulse.ingest.telegram.ParsedPost.Media;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;

/** Reads a message's attachments in page order. */
final class MediaReader {

    private static final String REPLY = "tgme_widget_message_reply";
    // A link preview's description holding links is moved out of the preview's <a> by the HTML parser
    // (an <a> cannot nest), with a bare copy of that <a> inside it, so it is known by its own class.
    private static final String PREVIEW_DESCRIPTION = "link_preview_description";
    private static final Evaluator CONTAINER = Dom.anyClass(
            REPLY,
            PREVIEW_DESCRIPTION,
            "tgme_widget_message_grouped_wrap",
            "tgme_widget_message_photo_wrap",
            "tgme_widget_message_video_player",
            "tgme_widget_message_roundvideo_player",
            "tgme_widget_message_voice_player",
            "tgme_widget_message_document_wrap",
            "tgme_widget_message_poll",
            "tgme_widget_message_sticker_wrap",
            "tgme_widget_message_location_wrap",
            "tgme_widget_message_link_preview");
    private static final Evaluator ALBUM_ITEM = Dom.css(".grouped_media_wrap");
    private static final Evaluator DOCUMENT_TITLE = Dom.css(".tgme_widget_message_document_title");
    private static final Evaluator POLL_QUESTION = Dom.css(".tgme_widget_message_poll_question");
    private static final Evaluator POLL_OPTION = Dom.css(".tgme_widget_message_poll_option_text");
    private static final Evaluator PREVIEW_SITE = Dom.css(".link_preview_site_name");
    private static final Evaluator PREVIEW_TITLE = Dom.css(".link_preview_title");

    private MediaReader() {
    }

    static List<Media> read(Element message) {
        List<Media> media = new ArrayList<>(2);
        for (Element e : message.select(CONTAINER)) {
            // A photo inside an album or a link preview is part of it; a quote shows another message's media.
            if (!e.hasClass(REPLY) && !e.hasClass(PREVIEW_DESCRIPTION) && !Dom.within(e, message, CONTAINER)) {
                media.add(of(e));
            }
        }
        return media;
    }

    private static Media of(Element e) {
        String url = e.hasAttr("href") ? e.attr("href") : null;
        if (e.hasClass("tgme_widget_message_grouped_wrap")) {
            Elements items = e.select(ALBUM_ITEM);
            int count = items.isEmpty() ? e.getElementsByTag("a").size() : items.size();
            return new Media("album", null, null, null, count, List.of());
        }
        if (e.hasClass("tgme_widget_message_roundvideo_player")) {
            return new Media("round_video", url, null, null, null, List.of());
        }
        if (e.hasClass("tgme_widget_message_video_player")) {
            return new Media("video", url, null, null, null, List.of());
        }
        if (e.hasClass("tgme_widget_message_voice_player")) {
            return new Media("voice", url, null, null, null, List.of());
        }
        if (e.hasClass("tgme_widget_message_document_wrap")) {
            return new Media("document", url, Dom.richTextOrNull(e.selectFirst(DOCUMENT_TITLE)), null, null, List.of());
        }
        if (e.hasClass("tgme_widget_message_poll")) {
            List<String> options = e.select(POLL_OPTION).stream().map(Dom::richText).toList();
            return new Media("poll", null, Dom.richTextOrNull(e.selectFirst(POLL_QUESTION)), null, null, options);
        }
        if (e.hasClass("tgme_widget_message_sticker_wrap")) {
            return new Media("sticker", url, null, null, null, List.of());
        }
        if (e.hasClass("tgme_widget_message_location_wrap")) {
            return new Media("location", url, null, null, null, List.of());
        }
        if (e.hasClass("tgme_widget_message_link_preview")) {
            return new Media("link_preview", url, Dom.richTextOrNull(e.selectFirst(PREVIEW_TITLE)),
                    Dom.richTextOrNull(e.selectFirst(PREVIEW_SITE)), null, List.of());
        }
        return new Media("photo", url, null, null, null, List.of());
    }
}
