package io.channelpulse.ingest.telegram;

import io.channelpulse.ingest.telegram.ChannelHeader.Counters;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;

/** Reads the {@code .tgme_channel_info} block: title, handle, description, verified mark, avatar and counters. */
final class HeaderReader {

    private static final Evaluator TITLE = Dom.css(".tgme_channel_info_header_title");
    private static final Evaluator USERNAME = Dom.css(".tgme_channel_info_header_username");
    private static final Evaluator DESCRIPTION = Dom.css(".tgme_channel_info_description");
    private static final Evaluator VERIFIED = Dom.css(".tgme_channel_info_header .verified-icon");
    private static final Evaluator AVATAR = Dom.css(".tgme_page_photo_image img[src]");
    private static final Evaluator COUNTER = Dom.css(".tgme_channel_info_counter");
    private static final Evaluator COUNTER_VALUE = Dom.css(".counter_value");
    private static final Evaluator COUNTER_TYPE = Dom.css(".counter_type");

    private static final int SUBSCRIBERS = 0;
    private static final int PHOTOS = 1;
    private static final int VIDEOS = 2;
    private static final int FILES = 3;
    private static final int LINKS = 4;
    private static final Map<String, Integer> COUNTER_TYPES = Map.ofEntries(
            Map.entry("subscribers", SUBSCRIBERS), Map.entry("subscriber", SUBSCRIBERS),
            Map.entry("members", SUBSCRIBERS), Map.entry("member", SUBSCRIBERS),
            Map.entry("photos", PHOTOS), Map.entry("photo", PHOTOS),
            Map.entry("videos", VIDEOS), Map.entry("video", VIDEOS),
            Map.entry("files", FILES), Map.entry("file", FILES),
            Map.entry("links", LINKS), Map.entry("link", LINKS));

    private HeaderReader() {
    }

    /** @param fallbackHandle the handle of the page's first message, for a header that shows no username */
    static ChannelHeader read(Element info, String fallbackHandle) throws PreviewPageException {
        String username = Dom.richTextOrNull(info.selectFirst(USERNAME));
        String handle = username == null ? fallbackHandle : username.replaceFirst("^@", "");
        Element avatar = info.selectFirst(AVATAR);
        return new ChannelHeader(
                handle,
                Dom.richTextOrNull(info.selectFirst(TITLE)),
                Dom.richTextOrNull(info.selectFirst(DESCRIPTION)),
                info.selectFirst(VERIFIED) != null,
                avatar == null ? null : avatar.attr("src"),
                counters(info.select(COUNTER)));
    }

    // Types are read in English (we ask for Accept-Language: en); a word we do not know falls back to
    // its place in the order Telegram shows them, so a page in another language still yields numbers.
    private static Counters counters(Elements counters) throws PreviewPageException {
        Long[] values = new Long[LINKS + 1];
        for (int position = 0; position < counters.size(); position++) {
            Element counter = counters.get(position);
            Element type = counter.selectFirst(COUNTER_TYPE);
            String word = type == null ? "" : type.text().strip().toLowerCase(Locale.ROOT);
            int slot = COUNTER_TYPES.getOrDefault(word, position);
            Element value = counter.selectFirst(COUNTER_VALUE);
            if (slot < values.length && values[slot] == null && value != null) {
                values[slot] = CounterValue.parse(value.text(), "header counter \"" + word + "\"");
            }
        }
        return new Counters(values[SUBSCRIBERS], values[PHOTOS], values[VIDEOS], values[FILES], values[LINKS]);
    }
}
