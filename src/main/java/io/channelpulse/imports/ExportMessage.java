package io.channelpulse.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.ingest.telegram.ParsedPost.ForwardSource;
import io.channelpulse.ingest.telegram.ParsedPost.Kind;
import io.channelpulse.ingest.telegram.ParsedPost.Media;
import io.channelpulse.ingest.telegram.ParsedPost.Reaction;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One message object of an export ({@code SerializeMessage} in Telegram Desktop's
 * {@code export_output_json.cpp}), read into the record the preview parser makes of a message. Pure.
 *
 * @param post      the message as a post, or null when it is left out ({@code skipped} says why)
 * @param versionAt when the exported text became current: the edit time, else the publishing time
 */
record ExportMessage(long id, ParsedPost post, Instant versionAt, String skipped) {

    /** A message that cannot be read: it is left out, and the import names it with this reason. */
    static final class Unreadable extends Exception {
        final Long messageId;

        Unreadable(Long messageId, String reason) {
            super(reason);
            this.messageId = messageId;
        }
    }

    /**
     * @param channel the handle the posts belong to
     * @param zone    zone of the local {@code date}/{@code edited} fields, for exports without their unixtime twins
     */
    static ExportMessage read(JsonNode message, String channel, ZoneId zone) throws Unreadable {
        if (!message.isObject()) {
            throw new Unreadable(null, "a message is not an object but " + message.getNodeType().toString().toLowerCase());
        }
        JsonNode idNode = message.get("id");
        if (idNode == null || !idNode.canConvertToLong() || idNode.asLong() <= 0) {
            throw new Unreadable(null, "a message has no positive id");
        }
        long id = idNode.asLong();
        String type = message.path("type").asText("");
        if (type.equals("unsupported")) {
            return new ExportMessage(id, null, null, "unsupported by Telegram Desktop: the export holds no content");
        }
        if (!type.equals("message") && !type.equals("service")) {
            return new ExportMessage(id, null, null, "of unknown type '" + type + "'");
        }
        Instant publishedAt = time(message, "date", zone, id);
        if (publishedAt == null) {
            throw new Unreadable(id, "has no date");
        }
        Instant editedAt = time(message, "edited", zone, id);
        boolean service = type.equals("service");
        ExportText text = service ? new ExportText(serviceText(message), List.of()) : ExportText.of(text(message));
        ParsedPost post = new ParsedPost(channel, id, publishedAt, service ? Kind.SERVICE : Kind.POST, text.text(),
                null, editedAt != null, service ? null : string(message, "author"), forward(message),
                replyTo(message), media(message), text.links(), reactions(message));
        return new ExportMessage(id, post, editedAt != null ? editedAt : publishedAt, null);
    }

    /** {@code text} is in every export; {@code text_entities} (always an array) only in newer ones. */
    private static JsonNode text(JsonNode message) {
        JsonNode text = message.get("text");
        return text != null ? text : message.get("text_entities");
    }

    private static Instant time(JsonNode message, String field, ZoneId zone, long id) throws Unreadable {
        JsonNode unix = message.get(field + "_unixtime");
        if (unix != null && !unix.isNull()) {
            try {
                return Instant.ofEpochSecond(unix.isNumber() ? unix.asLong() : Long.parseLong(unix.asText().strip()));
            } catch (NumberFormatException e) {
                throw new Unreadable(id, field + "_unixtime '" + unix.asText() + "' is not a number of seconds");
            }
        }
        JsonNode local = message.get(field);
        if (local == null || local.isNull()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local.asText()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new Unreadable(id, field + " '" + local.asText() + "' is not a time like 2023-07-18T00:23:39");
        }
    }

    /**
     * The export names an action where the page shows a sentence; this is the page's wording for the actions a
     * channel has, and the action's words otherwise.
     */
    private static String serviceText(JsonNode message) {
        String actor = message.path("actor").asText("");
        String title = message.path("title").asText("");
        String action = message.path("action").asText("");
        String said = ExportText.of(message.get("text")).text();
        return switch (action) {
            case "create_channel" -> "Channel created";
            case "edit_group_title" -> "Channel name was changed to «" + title + "»";
            case "edit_group_photo" -> "Channel photo updated";
            case "delete_group_photo" -> "Channel photo removed";
            case "pin_message" -> (actor.isEmpty() ? "Channel" : actor) + " pinned a message";
            default -> !said.isEmpty() ? said : ((actor.isEmpty() ? "" : actor + " ") + action.replace('_', ' ')).strip();
        };
    }

    private static String string(JsonNode message, String field) {
        JsonNode value = message.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    /** Only the source's display name is exported; the importer matches it to a tracked channel's title. */
    private static ForwardSource forward(JsonNode message) {
        String from = string(message, "forwarded_from");
        return from == null ? null : new ForwardSource(from, null, null);
    }

    /** A reply to a message of another chat carries {@code reply_to_peer_id}; its id is not one of ours. */
    private static Long replyTo(JsonNode message) {
        JsonNode reply = message.get("reply_to_message_id");
        if (reply == null || !reply.canConvertToLong() || message.has("reply_to_peer_id")) {
            return null;
        }
        return reply.asLong();
    }

    private static List<Media> media(JsonNode message) {
        List<Media> media = new ArrayList<>(1);
        if (message.has("photo")) {
            media.add(Media.of("photo"));
        }
        if (message.has("file")) {
            media.add(file(message));
        }
        JsonNode poll = message.get("poll");
        if (poll != null && poll.isObject()) {
            List<String> options = new ArrayList<>();
            for (JsonNode answer : poll.path("answers")) {
                options.add(ExportText.of(answer.get("text")).text());
            }
            String question = ExportText.of(poll.get("question")).text();
            media.add(new Media("poll", null, question.isEmpty() ? null : question, null, null, List.copyOf(options)));
        }
        if (message.has("location_information") || message.has("place_name")) {
            media.add(new Media("location", null, string(message, "place_name"), null, null, List.of()));
        }
        return List.copyOf(media);
    }

    /** {@code media_type} as the writer names the kinds of documents, in the preview's names. */
    private static Media file(JsonNode message) {
        String type = message.path("media_type").asText("");
        return switch (type) {
            case "sticker" -> Media.of("sticker");
            case "video_message" -> Media.of("round_video");
            case "voice_message" -> Media.of("voice");
            case "animation", "video_file" -> Media.of("video");
            case "audio_file" -> new Media("document", null, audioTitle(message), null, null, List.of());
            default -> new Media("document", null, string(message, "file_name"), null, null, List.of());
        };
    }

    private static String audioTitle(JsonNode message) {
        String performer = string(message, "performer");
        String title = string(message, "title");
        if (performer != null && title != null) {
            return performer + " – " + title;
        }
        return title != null ? title : performer != null ? performer : string(message, "file_name");
    }

    /**
     * {@code emoji} reactions keep their emoji; a custom emoji has only a document id and is stored without
     * one, as the preview parser stores a reaction it shows no emoji for; a paid reaction is Telegram's star.
     */
    private static List<Reaction> reactions(JsonNode message) {
        List<Reaction> reactions = new ArrayList<>();
        for (JsonNode reaction : message.path("reactions")) {
            long count = reaction.path("count").asLong(0);
            if (count <= 0) {
                continue;
            }
            String emoji = switch (reaction.path("type").asText("")) {
                case "emoji" -> reaction.path("emoji").asText("");
                case "paid" -> "⭐";
                default -> "";
            };
            reactions.add(new Reaction(emoji, count));
        }
        return List.copyOf(reactions);
    }
}
