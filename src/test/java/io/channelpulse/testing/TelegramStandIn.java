package io.channelpulse.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Telegram's preview pages served from the fixtures on localhost: {@code GET /s/{handle}} answers
 * {@code {handle}.html} and {@code ?before=N} answers {@code {handle}_before_N.html}. Tests can queue other
 * answers for a path (a 429, a redirect, a changed page) and read which requests arrived.
 */
public final class TelegramStandIn implements AutoCloseable {

    public record Answer(int status, String body, Map<String, String> headers, Duration delay) {

        public static Answer page(String html) {
            return new Answer(200, html, Map.of("Content-Type", "text/html; charset=utf-8"), Duration.ZERO);
        }

        public static Answer status(int status, Map<String, String> headers) {
            return new Answer(status, "", headers, Duration.ZERO);
        }

        /** The same answer, sent only after a while: a slow Telegram, or time to kill the app mid-request. */
        public Answer after(Duration wait) {
            return new Answer(status, body, headers, wait);
        }
    }

    public record Request(String pathAndQuery, String userAgent, String acceptLanguage, Instant arrivedAt) {
    }

    /** A request from its arrival until its answer was sent (or the client had gone away). */
    public record Exchange(String pathAndQuery, Instant arrivedAt, Instant endedAt) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> queued = new ConcurrentHashMap<>();
    private final Map<String, Answer> fixed = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    public TelegramStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next request for {@code pathAndQuery} (e.g. {@code /s/EmbUSA}) with these, one each, in order. */
    public void queue(String pathAndQuery, Answer... answers) {
        queued.computeIfAbsent(pathAndQuery, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(answers));
    }

    /** Answers every request for the path with this until {@link #reset()}. */
    public void always(String pathAndQuery, Answer answer) {
        fixed.put(pathAndQuery, answer);
    }

    public void reset() {
        queued.clear();
        fixed.clear();
        requests.clear();
        exchanges.clear();
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** The requests answered so far, with when each began and ended. */
    public List<Exchange> exchanges() {
        return new ArrayList<>(exchanges);
    }

    public List<String> requestedPaths() {
        return requests.stream().map(Request::pathAndQuery).toList();
    }

    /** A fixture page as text, e.g. {@code fixture("EmbUSA.html")}. */
    public static String fixture(String name) {
        try (InputStream in = TelegramStandIn.class.getResourceAsStream("/fixtures/telegram/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String pathAndQuery = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        Instant arrivedAt = Instant.now();
        requests.add(new Request(pathAndQuery, exchange.getRequestHeaders().getFirst("User-Agent"),
                exchange.getRequestHeaders().getFirst("Accept-Language"), arrivedAt));
        try {
            answer(exchange, pathAndQuery);
        } finally {
            exchanges.add(new Exchange(pathAndQuery, arrivedAt, Instant.now()));
        }
    }

    private void answer(HttpExchange exchange, String pathAndQuery) throws IOException {
        Deque<Answer> waiting = queued.get(pathAndQuery);
        Answer answer = waiting == null ? null : waiting.poll();
        if (answer == null) {
            answer = fixed.get(pathAndQuery);
        }
        if (answer == null) {
            answer = fromFixtures(exchange);
        }
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private static Answer fromFixtures(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        if (!path.startsWith("/s/")) {
            return Answer.status(404, Map.of());
        }
        String handle = path.substring(3);
        String name = query != null && query.startsWith("before=")
                ? handle + "_before_" + query.substring("before=".length()) + ".html"
                : handle + ".html";
        try {
            return Answer.page(fixture(name));
        } catch (IllegalArgumentException missing) {
            return Answer.status(404, Map.of());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
