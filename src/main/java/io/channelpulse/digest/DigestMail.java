package io.channelpulse.digest;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;

import java.util.Locale;

/**
 * A digest as a mail: the HTML and plain-text variants of the type-safe template DigestMails/digest, rendered
 * before the mail is handed to the mailer. Rendering first means the send starts on the thread the sender picks
 * (see OneLoopMailer#createMailContext) instead of wherever an asynchronous render happens to complete.
 */
final class DigestMail {

    @CheckedTemplate(basePath = "DigestMails")
    static class Templates {
        static native TemplateInstance digest(Digest digest);
    }

    private DigestMail() {
    }

    static Mail of(Digest digest, String to) {
        return Mail.withHtml(to, digest.subject(), render(digest, "text/html")).setText(render(digest, "text/plain"));
    }

    private static String render(Digest digest, String contentType) {
        return Templates.digest(digest)
                .setAttribute(TemplateInstance.SELECTED_VARIANT, new Variant(Locale.ROOT, contentType, "UTF-8"))
                .render();
    }
}
