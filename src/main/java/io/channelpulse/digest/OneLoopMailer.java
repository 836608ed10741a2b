package io.channelpulse.digest;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/** Sends a mail and waits for the SMTP server's answer; every mail of the app (digests, alerts) goes through it. */
@ApplicationScoped
public class OneLoopMailer {

    private static final Duration SMTP_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    Vertx vertx;

    @Inject
    ReactiveMailer mailer;

    /**
     * The event loop every send starts on. The Vert.x mail client installs its reply handler on a new connection
     * from the context the send was started on, while the socket reads on the context that opened it; started
     * from a thread without a Vert.x context (the scheduler, a request, a test) those can be two event loops, and
     * a server greeting read before the handler is in place is dropped: the send then hangs until the server
     * gives up. One event-loop context for every send keeps opening, greeting and handler on one thread.
     */
    private Context mailContext;

    /**
     * The event-loop context of the thread that first uses this bean, through public API only: on a thread without
     * a context Vert.x makes a new event-loop context; on a request's or a job's duplicated context, its root is
     * the event loop it belongs to.
     */
    @PostConstruct
    void createMailContext() {
        Context context = VertxContext.getRootContext(vertx.getOrCreateContext());
        if (!context.isEventLoopContext()) {
            throw new IllegalStateException("The mailer needs an event-loop context, got " + context);
        }
        mailContext = context;
    }

    /** Returns once the server accepted the mail; throws if it refused it or did not answer in time. */
    public void send(Mail mail) {
        Uni.createFrom().deferred(() -> mailer.send(mail))
                .runSubscriptionOn(task -> mailContext.runOnContext(ignored -> task.run()))
                .await().atMost(SMTP_TIMEOUT);
    }
}
