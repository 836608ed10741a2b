package io.channelpulse.ingest.telegram;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * What the single-post embed page ({@code /{handle}/{id}?embed=1}) says about a post. Only a 200 with Telegram's
 * "Post not found" box says it is gone; anything else (a 403, a 5xx, a page we do not know) says nothing.
 */
public enum EmbedAnswer {
    DELETED, PRESENT, UNKNOWN;

    public static EmbedAnswer read(int status, String body) {
        if (status != 200 || body == null || body.isBlank()) {
            return UNKNOWN;
        }
        Document page = Jsoup.parse(body);
        boolean notFound = page.select("div.tgme_widget_message_error").stream()
                .anyMatch(error -> error.text().strip().equalsIgnoreCase("Post not found"));
        if (notFound) {
            return DELETED;
        }
        return page.selectFirst(".tgme_widget_message[data-post]") != null ? PRESENT : UNKNOWN;
    }
}
