package io.channelpulse.network;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Minimal t.me/s preview pages of made-up channels, one page holding a channel's whole history. */
final class PreviewPages {

    /** A post; {@code forwardHandle} null for an own post. */
    record Post(long id, Instant published, String text, String forwardHandle, String forwardTitle, Long forwardId) {

        static Post own(long id, Instant published, String text) {
            return new Post(id, published, text, null, null, null);
        }

        static Post forward(long id, Instant published, String text, String handle, String title, long sourceId) {
            return new Post(id, published, text, handle, title, sourceId);
        }
    }

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss+00:00")
            .withZone(ZoneOffset.UTC);

    private PreviewPages() {
    }

    static String page(String handle, String title, List<Post> posts) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%1$s – Telegram</title></head>
                <body class="widget_frame_base tgme_webpreview_body"><main class="tgme_main"><div class="tgme_container">
                <section class="tgme_right_column"><div class="tgme_channel_info"><div class="tgme_channel_info_header">
                <div class="tgme_channel_info_header_title_wrap"><div class="tgme_channel_info_header_title"><span dir="auto">%2$s</span></div></div>
                <div class="tgme_channel_info_header_username"><a href="https://t.me/%1$s">@%1$s</a></div></div>
                <div class="tgme_channel_info_counters"><div class="tgme_channel_info_counter"><span class="counter_value">1.2K</span> <span class="counter_type">subscribers</span></div></div>
                </div></section><section class="tgme_channel_history js-message_history">
                """.formatted(handle, title));
        for (Post post : posts) {
            html.append("""
                    <div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="%1$s/%2$d">
                    <div class="tgme_widget_message_bubble">
                    """.formatted(handle, post.id()));
            if (post.forwardHandle() != null) {
                html.append("""
                        <div class="tgme_widget_message_forwarded_from accent_color">Forwarded from <a class="tgme_widget_message_forwarded_from_name" href="https://t.me/%s/%d"><span dir="auto">%s</span></a></div>
                        """.formatted(post.forwardHandle(), post.forwardId(), post.forwardTitle()));
            }
            html.append("""
                    <div class="tgme_widget_message_text js-message_text" dir="auto">%3$s</div>
                    <div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_views">100</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/%1$s/%2$d"><time datetime="%4$s" class="time">00:00</time></a></span></div></div>
                    </div></div></div>
                    """.formatted(handle, post.id(), post.text(), DATETIME.format(post.published())));
        }
        return html.append("</section></div></main></body></html>").toString();
    }
}
