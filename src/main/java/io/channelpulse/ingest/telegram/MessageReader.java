package io.channelpulse.ingest.telegram;

import io.channelpulse.ingest.telegram.ParsedPost.ForwardSource;
import io.channelpulse.ingest.telegram.ParsedPost.Kind;
import io.channelpulse.ingest.telegram.ParsedPost.Reaction;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;

/** Reads one {@code .tgme_widget_message} element. */
final class MessageReader {

    private static final Evaluator TEXT = Dom.css(".tgme_widget_message_text");
    private static final Evaluator SERVICE_TEXT = Dom.css(".tgme_widget_message_service_text");
    private static final Evaluator QUOTED = Dom.anyClass(
            "tgme_widget_message_reply", "tgme_widget_message_link_preview", "link_preview_description");
    private static final Evaluator DATE_TIME = Dom.css(".tgme_widget_message_date time[datetime]");
    private static final Evaluator VIEWS = Dom.css(".tgme_widget_message_views");
    private static final Evaluator META = Dom.css(".tgme_widget_message_meta");
    private static final Evaluator SIGNATURE = Dom.css(".tgme_widget_message_from_author");
    private static final Evaluator FORWARDED_FROM = Dom.css(".tgme_widget_message_forwarded_from_name");
    private static final Evaluator REPLY = Dom.css("a.tgme_widget_message_reply[href]");
    private static final Evaluator REACTION = Dom.css(".tgme_widget_message_reactions .tgme_reaction");
    private static final Evaluator REACTION_EMOJI = Dom.css("i.emoji b");
    private static final Evaluator BOLD = Dom.css("b");
    private static final Evaluator LINK = Dom.css("a[href]");

    private static final Pattern DATA_POST = Pattern.compile("([A-Za-z0-9_]+)/(\\d+)");
    private static final Pattern CHANNEL_POST_URL = Pattern.compile(
            "https?://(?:www\\.)?(?:t|telegram)\\.me/(?:s/)?([A-Za-z][A-Za-z0-9_]{3,31})(?:/(\\d+))?/?(?:[?#].*)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LAST_NUMBER = Pattern.compile("/(\\d+)/?(?:[?#].*)?$");

    private MessageReader() {
    }

    /** @param position the message's 1-based place on the page, to name it in errors */
    static ParsedPost read(Element message, int position) throws PreviewPageException {
        String dataPost = message.attr("data-post");
        Matcher post = DATA_POST.matcher(dataPost);
        if (!post.matches()) {
            throw new PreviewPageException("message #" + position + " has no readable data-post (\"" + dataPost + "\")");
        }
        String where = "message " + dataPost;
        Kind kind = message.hasClass("service_message") ? Kind.SERVICE : Kind.POST;
        Element serviceText = kind == Kind.SERVICE ? message.selectFirst(SERVICE_TEXT) : null;
        Element textElement = serviceText != null ? serviceText : ownText(message);
        Element views = message.selectFirst(VIEWS);
        return new ParsedPost(
                post.group(1),
                Long.parseLong(post.group(2)),
                publishedAt(message, where),
                kind,
                textElement == null ? "" : Dom.richText(textElement),
                views == null ? null : CounterValue.parse(views.text(), where + " views"),
                edited(message.selectFirst(META)),
                Dom.richTextOrNull(message.selectFirst(SIGNATURE)),
                forwardedFrom(message.selectFirst(FORWARDED_FROM)),
                replyTo(message.selectFirst(REPLY)),
                MediaReader.read(message),
                textElement == null ? List.of() : links(textElement),
                reactions(message, where));
    }

    private static Element ownText(Element message) {
        for (Element candidate : message.select(TEXT)) {
            if (!Dom.within(candidate, message, QUOTED)) {
                return candidate;
            }
        }
        return null;
    }

    private static Instant publishedAt(Element message, String where) throws PreviewPageException {
        Element time = message.selectFirst(DATE_TIME);
        if (time == null) {
            throw new PreviewPageException(where + " has no time[datetime] in its date link");
        }
        String value = time.attr("datetime");
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new PreviewPageException(where + " has an unreadable datetime \"" + value + "\"");
        }
    }

    // The meta line's own words are only the edit mark ("edited", or its translation); the signature,
    // the date and the ",&nbsp;" between them are child elements or punctuation.
    private static boolean edited(Element meta) {
        if (meta == null) {
            return false;
        }
        for (TextNode node : meta.textNodes()) {
            if (node.getWholeText().codePoints().anyMatch(Character::isLetter)) {
                return true;
            }
        }
        return false;
    }

    private static ForwardSource forwardedFrom(Element name) {
        if (name == null) {
            return null;
        }
        Matcher link = CHANNEL_POST_URL.matcher(name.attr("href"));
        if (!link.matches()) {
            return new ForwardSource(Dom.richText(name), null, null);
        }
        Long postId = link.group(2) == null ? null : Long.parseLong(link.group(2));
        return new ForwardSource(Dom.richText(name), link.group(1), postId);
    }

    private static Long replyTo(Element reply) {
        if (reply == null) {
            return null;
        }
        Matcher m = LAST_NUMBER.matcher(reply.attr("href"));
        return m.find() ? Long.parseLong(m.group(1)) : null;
    }

    private static List<String> links(Element text) {
        Set<String> links = new LinkedHashSet<>();
        for (Element a : text.select(LINK)) {
            String href = a.attr("href");
            boolean web = href.regionMatches(true, 0, "http://", 0, 7) || href.regionMatches(true, 0, "https://", 0, 8);
            if (web && !href.contains("?q=%23")) {
                links.add(href);
            }
        }
        return List.copyOf(links);
    }

    private static List<Reaction> reactions(Element message, String where) throws PreviewPageException {
        List<Reaction> reactions = new ArrayList<>();
        for (Element reaction : message.select(REACTION)) {
            Element emoji = reaction.selectFirst(REACTION_EMOJI);
            if (emoji == null) {
                emoji = reaction.selectFirst(BOLD);
            }
            // The count is the reaction's own text, beside the emoji element.
            Long count = CounterValue.parse(reaction.ownText(), where + " reaction");
            if (count != null) {
                reactions.add(new Reaction(emoji == null ? "" : emoji.text(), count));
            }
        }
        return reactions;
    }
}
