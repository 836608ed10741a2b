import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for t.me on loopback for the ingestion benchmarks, serving preview pages in Telegram's markup, 20 posts
 * a page, newest first, with the "more" link to older pages. Run it with the JDK's source launcher:
 * <pre>
 *   java LoopbackTelegram.java backfill PORT PAGES          one channel, bench_backfill, with PAGES pages of history
 *   java LoopbackTelegram.java channels PORT BUSY QUIET BUSY_GAP_MS QUIET_GAP_MS
 *        BUSY channels busy_NNN and QUIET channels quiet_NNNN whose posts appear as time goes on, a random pause
 *        (exponential, mean BUSY_GAP_MS or QUIET_GAP_MS) apart; each has ten posts of history at that rate before
 *        the start. A post's datetime is the moment it appeared, to the microsecond, so the delay until it was
 *        stored is first_seen_at - published_at in the database.
 * </pre>
 * {@code GET /stats} answers the number of page requests so far, and the epoch milliseconds of the first and the
 * last: {@code requests first last}. {@code GET /appeared?prefix=P&from=F&to=T} lists the posts of the channels
 * whose handle starts with P that appeared between the epoch microseconds F and T, a line {@code handle,id,micros}
 * each, so that posts not stored at all are counted too.
 */
public class LoopbackTelegram {

    private static final int PAGE = 20;
    private static final String[] WORDS = {"talks", "in", "Vienna", "Lavrov", "said", "the", "minister", "today",
            "Лавров", "заявил", "переговоры", "в", "Женеве", "Putin", "met", "delegation", "embassy", "statement",
            "Захарова", "брифинг", "security", "Europe", "NATO", "about", "week", "and", "on"};
    private static final String[] TAGS = {"OSCE", "Russia", "NATO", "Ukraine", "санкции", "news", "EU", "UN"};

    /** Post times of one channel in epoch microseconds, index = post id - 1, ascending. */
    private final Map<String, long[]> timelines = new HashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong first = new AtomicLong();
    private final AtomicLong last = new AtomicLong();

    public static void main(String[] args) throws IOException {
        LoopbackTelegram telegram = new LoopbackTelegram();
        int port = Integer.parseInt(args[1]);
        long now = micros(Instant.now());
        Random random = new Random(42);
        if (args[0].equals("backfill")) {
            int posts = Integer.parseInt(args[2]) * PAGE + PAGE;
            long[] times = new long[posts];
            for (int i = 0; i < posts; i++) {
                times[i] = now - (posts - i) * 3_600_000_000L;
            }
            telegram.timelines.put("bench_backfill", times);
        } else {
            int busy = Integer.parseInt(args[2]);
            int quiet = Integer.parseInt(args[3]);
            long busyGap = Long.parseLong(args[4]) * 1000;
            long quietGap = Long.parseLong(args[5]) * 1000;
            for (int i = 0; i < busy; i++) {
                telegram.timelines.put(String.format("busy_%03d", i), timeline(random, now, busyGap));
            }
            for (int i = 0; i < quiet; i++) {
                telegram.timelines.put(String.format("quiet_%04d", i), timeline(random, now, quietGap));
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", telegram::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("serving " + telegram.timelines.size() + " channels on 127.0.0.1:" + port);
    }

    /** Ten posts before {@code now}, then enough for a long run, a random pause of mean {@code gap} apart. */
    private static long[] timeline(Random random, long now, long gap) {
        long[] times = new long[10 + 4000];
        long t = now;
        for (int i = 9; i >= 0; i--) {
            t -= pause(random, gap);
            times[i] = t;
        }
        t = now;
        for (int i = 10; i < times.length; i++) {
            t += pause(random, gap);
            times[i] = t;
        }
        return times;
    }

    private static long pause(Random random, long mean) {
        return Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * mean));
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String path = uri.getPath();
        if (path.equals("/stats")) {
            answer(exchange, 200, requests.get() + " " + first.get() + " " + last.get());
            return;
        }
        if (path.equals("/appeared")) {
            answer(exchange, 200, appeared(uri.getQuery()));
            return;
        }
        long arrived = System.currentTimeMillis();
        first.compareAndSet(0, arrived);
        last.set(arrived);
        requests.incrementAndGet();
        if (!path.startsWith("/s/")) {
            answer(exchange, 404, "");
            return;
        }
        String handle = path.substring(3);
        long[] times = timelines.get(handle);
        if (times == null) {
            answer(exchange, 404, "");
            return;
        }
        String query = uri.getQuery();
        long before = query != null && query.startsWith("before=") ? Long.parseLong(query.substring(7)) : Long.MAX_VALUE;
        answer(exchange, 200, page(handle, times, micros(Instant.now()), before));
    }

    private String appeared(String query) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(kv[0], kv[1]);
        }
        long from = Long.parseLong(parameters.get("from"));
        long to = Long.parseLong(parameters.get("to"));
        StringBuilder lines = new StringBuilder();
        timelines.forEach((handle, times) -> {
            if (handle.startsWith(parameters.get("prefix"))) {
                for (int i = 0; i < times.length; i++) {
                    if (times[i] >= from && times[i] <= to) {
                        lines.append(handle).append(',').append(i + 1).append(',').append(times[i]).append('\n');
                    }
                }
            }
        });
        return lines.toString();
    }

    /** The page of posts that have appeared by {@code now}, below id {@code before}. */
    private static String page(String handle, long[] times, long now, long before) {
        int appeared = 0;
        while (appeared < times.length && times[appeared] <= now) {
            appeared++;
        }
        long top = Math.min(appeared, before - 1);
        long bottom = Math.max(1, top - PAGE + 1);
        StringBuilder html = new StringBuilder(24_000);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(handle)
                .append(" – Telegram</title></head><body class=\"widget_frame_base tgme_webpreview_body\">")
                .append("<main class=\"tgme_main\"><div class=\"tgme_container\"><section class=\"tgme_right_column\">")
                .append("<div class=\"tgme_channel_info\"><div class=\"tgme_channel_info_header\">")
                .append("<div class=\"tgme_channel_info_header_title_wrap\"><div class=\"tgme_channel_info_header_title\">")
                .append("<span dir=\"auto\">Bench ").append(handle).append("</span></div></div>")
                .append("<div class=\"tgme_channel_info_header_username\"><a href=\"https://t.me/").append(handle)
                .append("\">@").append(handle).append("</a></div></div>")
                .append("<div class=\"tgme_channel_info_counters\"><div class=\"tgme_channel_info_counter\">")
                .append("<span class=\"counter_value\">12 345</span> <span class=\"counter_type\">subscribers</span>")
                .append("</div></div><div class=\"tgme_channel_info_description\">A benchmark channel.</div></div>")
                .append("</section><section class=\"tgme_channel_history js-message_history\">");
        if (top >= 1 && bottom > 1) {
            html.append("<div class=\"tgme_widget_message_centered js-messages_more_wrap\"><a href=\"/s/")
                    .append(handle).append("?before=").append(bottom)
                    .append("\" class=\"tme_messages_more js-messages_more\" data-before=\"").append(bottom)
                    .append("\"></a></div>");
        }
        for (long id = bottom; id <= top; id++) {
            post(html, handle, id, times[(int) id - 1]);
        }
        return html.append("</section></div></main></body></html>").toString();
    }

    private static void post(StringBuilder html, String handle, long id, long at) {
        Random words = new Random(handle.hashCode() * 31L + id);
        html.append("<div class=\"tgme_widget_message_wrap js-widget_message_wrap\"><div class=\"tgme_widget_message")
                .append(" text_not_supported_wrap js-widget_message\" data-post=\"").append(handle).append('/')
                .append(id).append("\"><div class=\"tgme_widget_message_bubble\">")
                .append("<div class=\"tgme_widget_message_text js-message_text\" dir=\"auto\">");
        int count = 15 + words.nextInt(40);
        for (int i = 0; i < count; i++) {
            html.append(WORDS[words.nextInt(WORDS.length)]).append(' ');
        }
        String tag = TAGS[words.nextInt(TAGS.length)];
        html.append("<a href=\"?q=%23").append(tag).append("\">#").append(tag).append("</a></div>")
                .append("<div class=\"tgme_widget_message_footer compact js-message_footer\">")
                .append("<div class=\"tgme_widget_message_info short js-message_info\">")
                .append("<span class=\"tgme_widget_message_views\">").append(100 + words.nextInt(5000))
                .append("</span><span class=\"copyonly\"> views</span><span class=\"tgme_widget_message_meta\">")
                .append("<a class=\"tgme_widget_message_date\" href=\"https://t.me/").append(handle).append('/')
                .append(id).append("\"><time datetime=\"")
                .append(Instant.ofEpochSecond(at / 1_000_000, (at % 1_000_000) * 1000).toString().replace("Z", "+00:00"))
                .append("\" class=\"time\">10:00</time></a></span></div></div></div></div></div>\n");
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }
}
