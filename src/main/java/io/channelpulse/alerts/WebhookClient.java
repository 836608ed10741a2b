package io.channelpulse.alerts;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs one webhook body. The host is resolved here and checked by {@link WebhookAddress}, and the connection goes
 * to the very address that was checked (the URL's host still names the server for the Host header, TLS and its
 * certificate), so a name that resolves differently a moment later cannot slip the metadata address past the
 * check. Redirects are followed by hand, each target checked the same way and POSTed the same body.
 */
@ApplicationScoped
class WebhookClient {

    /** What the receiver answered last (after any redirects). */
    record Answer(int status, String url) {
        boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    /** The delivery could not be made; {@code status} is the receiver's HTTP status if it answered. */
    static final class Failed extends Exception {
        final Integer status;

        Failed(String message, Integer status) {
            super(message);
            this.status = status;
        }
    }

    @Inject
    Vertx vertx;

    @Inject
    AlertsConfig config;

    private volatile WebhookAddress.Resolver resolver = InetAddress::getAllByName;

    private HttpClient client;

    @PostConstruct
    void open() {
        int timeout = (int) config.timeout().toMillis();
        // a new connection per delivery: a pooled one would have been checked against an older lookup
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeout).setKeepAlive(false)
                .setForceSni(true).setVerifyHost(true));
    }

    /** How host names are looked up from now on: DNS in the app; tests put a table here to stand for DNS. */
    void resolveWith(WebhookAddress.Resolver resolver) {
        this.resolver = resolver;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    Answer post(String url, String body, Map<String, String> headers) throws Failed {
        URI uri = checked(url);
        for (int redirects = 0; ; redirects++) {
            Reply reply = send(uri, body, headers);
            if (reply.status() >= 300 && reply.status() < 400 && reply.location() != null) {
                if (redirects == config.maxRedirects()) {
                    throw new Failed("More than " + config.maxRedirects() + " redirects; the last to " + reply.location(),
                            reply.status());
                }
                uri = redirect(uri, reply);
                continue;
            }
            return new Answer(reply.status(), uri.toString());
        }
    }

    /** Where a redirect points, if a webhook may go there; otherwise the delivery fails saying why. */
    private URI redirect(URI from, Reply reply) throws Failed {
        String refused = "Redirect (HTTP " + reply.status() + ") not followed: ";
        URI target;
        try {
            target = WebhookAddress.parse(from.resolve(reply.location()).toString());
        } catch (IllegalArgumentException e) {
            throw new Failed(refused + "Location " + reply.location() + ": " + e.getMessage(), reply.status());
        }
        try {
            WebhookAddress.addresses(target, resolver);
        } catch (IllegalArgumentException e) {
            throw new Failed(refused + "Refused " + target + ": " + e.getMessage(), reply.status());
        }
        return target;
    }

    private URI checked(String url) throws Failed {
        try {
            return WebhookAddress.parse(url);
        } catch (IllegalArgumentException e) {
            throw new Failed("url: " + e.getMessage(), null);
        }
    }

    private record Reply(int status, String location) {
    }

    private Reply send(URI uri, String body, Map<String, String> headers) throws Failed {
        InetAddress address;
        try {
            address = WebhookAddress.addresses(uri, resolver).get(0);
        } catch (IllegalArgumentException e) {
            throw new Failed("Refused " + uri + ": " + e.getMessage(), null);
        }
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        long timeout = config.timeout().toMillis();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString())
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
                .setFollowRedirects(false).setConnectTimeout(timeout).setIdleTimeout(timeout);
        headers.forEach(options::putHeader);
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        try {
            return client.request(options)
                    .compose(r -> {
                        request.set(r);
                        return r.send(Buffer.buffer(body));
                    })
                    .compose(response -> response.end().map(done -> new Reply(response.statusCode(),
                            response.getHeader("Location"))))
                    .toCompletionStage().toCompletableFuture()
                    // the idle timeout bounds each pause; this bounds a receiver that trickles its answer
                    .get(timeout * 3, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            HttpClientRequest open = request.get();
            if (open != null) {
                open.reset();
            }
            throw new Failed("No complete answer from " + uri + " within " + timeout * 3 + " ms", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            throw new Failed("POST to " + uri + " (" + address.getHostAddress() + ") failed: " + message, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("Stopped while POSTing to " + uri, null);
        }
    }
}
