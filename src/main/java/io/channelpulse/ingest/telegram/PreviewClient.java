package io.channelpulse.ingest.telegram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** One HTTP request for a preview page, nothing more: retries and pacing belong to {@link TelegramPreviews}. */
class PreviewClient {

    // Telegram serves the preview to browsers; an unknown agent may get a different page.
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/126.0.0.0 Safari/537.36";

    record Response(int status, String body, Optional<String> location, Optional<String> retryAfter) {
    }

    private final HttpClient http;
    private final Duration timeout;

    PreviewClient(Duration timeout) {
        this.timeout = timeout;
        // Redirects are answers here: a channel without a preview redirects away from /s/.
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    Response get(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("User-Agent", USER_AGENT)
                .header("Accept-Language", "en")
                .header("Accept", "text/html,application/xhtml+xml")
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(response.statusCode(), response.body(),
                response.headers().firstValue("Location"), response.headers().firstValue("Retry-After"));
    }
}
