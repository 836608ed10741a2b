package io.channelpulse.imports;

import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Streams a Telegram Desktop {@code result.json} with Jackson's streaming parser, one message in memory at a
 * time. Two shapes (see {@code JsonWriter} in {@code export_output_json.cpp}): a single-chat export
 * {@code {name, type, id, messages:[…]}}, and the "all data" export whose chats sit under {@code chats.list}
 * and {@code left_chats.list}. Chats are numbered in file order, the single chat being number 0.
 */
final class ExportReader {

    /** A chat of the export: its header and how many messages it holds. */
    record Chat(int index, String name, String type, Long id, long messages) {

        private static final Set<String> CHANNELS = Set.of("public_channel", "private_channel");

        boolean channel() {
            return CHANNELS.contains(type);
        }
    }

    /** Receives the messages of the chat being read, in file order. */
    interface Messages {
        void message(ExportMessage message);

        /** A message that could not be read; it is left out. */
        void unreadable(ExportProblem problem);
    }

    private interface ChatVisitor {
        /** Called with the parser on the chat's {@code messages} array; must consume it. */
        void messages(int index, JsonParser parser) throws IOException, ExportException;

        default void chat(Chat chat) {
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportReader() {
    }

    /** The chats of the export, reading the whole file: a file that is not JSON or is cut short fails here. */
    static List<Chat> chats(InputStream in) throws IOException, ExportException {
        List<Chat> chats = new ArrayList<>();
        long[] count = new long[1];
        walk(in, new ChatVisitor() {
            @Override
            public void messages(int index, JsonParser parser) throws IOException {
                count[0] = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    parser.skipChildren();
                    count[0]++;
                }
            }

            @Override
            public void chat(Chat chat) {
                chats.add(new Chat(chat.index(), chat.name(), chat.type(), chat.id(), count[0]));
                count[0] = 0;
            }
        });
        return chats;
    }

    /** Reads the messages of chat {@code chatIndex} into {@code sink}. */
    static void read(InputStream in, int chatIndex, String channel, ZoneId zone, Messages sink)
            throws IOException, ExportException {
        walk(in, (index, parser) -> {
            if (index != chatIndex) {
                parser.skipChildren();
                return;
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                JsonLocation at = parser.currentTokenLocation();
                JsonNode node = JSON.readTree(parser);
                try {
                    sink.message(ExportMessage.read(node, channel, zone));
                } catch (ExportMessage.Unreadable e) {
                    sink.unreadable(new ExportProblem(at.getLineNr(), at.getColumnNr(), e.messageId, e.getMessage()));
                }
            }
        });
    }

    private static void walk(InputStream in, ChatVisitor visitor) throws IOException, ExportException {
        try (JsonParser parser = JSON.getFactory().createParser(in)) {
            try {
                walkRoot(parser, visitor);
            } catch (JsonEOFException e) {
                throw cutShort(e);
            } catch (JsonParseException e) {
                // Jackson names some ends of input only in its message.
                if (e.getOriginalMessage().startsWith("Unexpected end-of-input")) {
                    throw cutShort(e);
                }
                throw problem(e, "not JSON: " + e.getOriginalMessage().lines().findFirst().orElse("unreadable"));
            } catch (StreamReadException e) {
                throw problem(e, "unreadable JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
            }
        }
    }

    private static void walkRoot(JsonParser parser, ChatVisitor visitor) throws IOException, ExportException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new ExportException(new ExportProblem(0, 0, null, "the file is empty"));
        }
        if (first != JsonToken.START_OBJECT) {
            throw notAnExport(parser, "the file is a JSON " + describe(first) + ", not an object");
        }
        Header root = new Header();
        boolean chatLists = false;
        int[] next = {0};
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "messages" -> {
                    expect(parser, value, JsonToken.START_ARRAY, "messages");
                    root.hasMessages = true;
                    visitor.messages(0, parser);
                }
                case "chats", "left_chats" -> {
                    chatLists = true;
                    chatList(parser, value, field, visitor, next);
                }
                default -> root.field(field, parser, value);
            }
        }
        if (root.hasMessages) {
            visitor.chat(root.chat(0));
        } else if (!chatLists) {
            throw notAnExport(parser, "the object has neither \"messages\" (a chat's export) nor \"chats\" (an "
                    + "\"all data\" export); export the channel with Telegram Desktop's \"Export chat history\" "
                    + "in the JSON format");
        }
        if (parser.nextToken() != null) {
            throw notAnExport(parser, "there is more after the export's closing brace");
        }
    }

    private static void chatList(JsonParser parser, JsonToken value, String field, ChatVisitor visitor, int[] next)
            throws IOException, ExportException {
        expect(parser, value, JsonToken.START_OBJECT, field);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (!name.equals("list")) {
                parser.skipChildren();
                continue;
            }
            expect(parser, token, JsonToken.START_ARRAY, field + ".list");
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                expect(parser, parser.currentToken(), JsonToken.START_OBJECT, "a chat of " + field + ".list");
                int index = next[0]++;
                Header chat = new Header();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String chatField = parser.currentName();
                    JsonToken chatValue = parser.nextToken();
                    if (chatField.equals("messages")) {
                        expect(parser, chatValue, JsonToken.START_ARRAY, "messages");
                        visitor.messages(index, parser);
                    } else {
                        chat.field(chatField, parser, chatValue);
                    }
                }
                visitor.chat(chat.chat(index));
            }
        }
    }

    /** A chat's name, type and id; the writer puts them before its messages. */
    private static final class Header {
        String name;
        String type;
        Long id;
        boolean hasMessages;

        void field(String field, JsonParser parser, JsonToken value) throws IOException {
            switch (field) {
                case "name" -> name = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "id" -> id = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : null;
                default -> parser.skipChildren();
            }
        }

        Chat chat(int index) {
            return new Chat(index, name, type, id, 0);
        }
    }

    private static void expect(JsonParser parser, JsonToken value, JsonToken wanted, String what)
            throws ExportException {
        if (value != wanted) {
            throw notAnExport(parser, "\"" + what + "\" is a JSON " + describe(value) + ", not "
                    + (wanted == JsonToken.START_ARRAY ? "an array" : "an object"));
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case START_OBJECT -> "object";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    private static ExportException notAnExport(JsonParser parser, String why) {
        JsonLocation at = parser.currentTokenLocation();
        return new ExportException(new ExportProblem(at.getLineNr(), at.getColumnNr(), null,
                "not a Telegram Desktop export: " + why));
    }

    private static ExportException cutShort(StreamReadException e) {
        return problem(e, "the file ends in the middle of its JSON: it was cut short (an unfinished download or "
                + "copy?); export or copy it again");
    }

    private static ExportException problem(StreamReadException e, String reason) {
        JsonLocation at = e.getLocation();
        return new ExportException(new ExportProblem(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                null, reason));
    }
}
