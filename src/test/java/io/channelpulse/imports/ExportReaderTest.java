package io.channelpulse.imports;

import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.ingest.telegram.ParsedPost.Media;
import io.channelpulse.ingest.telegram.ParsedPost.Reaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Export files written from Telegram Desktop's JSON writer ({@code export_output_json.cpp}), read field by field. */
class ExportReaderTest {

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    /** An old export: text only as strings, no date_unixtime, no text_entities. */
    static final String OLD = """
            {
             "name": "Old Channel",
             "type": "public_channel",
             "id": 1001,
             "messages": [
              {"id": 5, "type": "message", "date": "2019-03-01T12:00:00", "from": "Old Channel", "from_id": 1001,
               "text": "Plain words #Old_Tag and @someone_else"},
              {"id": 6, "type": "message", "date": "2019-03-01T12:05:00", "edited": "2019-03-02T09:00:00",
               "text": ["Mixed ", {"type": "bold", "text": "bold"}, " and ", {"type": "hashtag", "text": "#СВО"},
                        " see ", {"type": "link", "text": "t.me/pulse_edge"}]}
             ]
            }""";

    /** A newer export with every kind of field the writer has for a channel's messages. */
    static final String NEW = """
            {
             "name": "Pulse Edge",
             "type": "private_channel",
             "id": 2002,
             "messages": [
              {"id": 1, "type": "service", "date": "2024-03-01T10:00:00", "date_unixtime": "1709276400",
               "actor": "Pulse Edge", "actor_id": "channel2002", "action": "create_channel", "title": "Pulse Edge",
               "text": "", "text_entities": []},
              {"id": 2, "type": "unsupported"},
              {"id": 3, "type": "message", "date": "2024-03-01T10:05:00", "date_unixtime": "1709276700",
               "edited": "2024-03-02T08:00:00", "edited_unixtime": "1709355600",
               "from": "Pulse Edge", "from_id": "channel2002", "author": "Anna K.",
               "forwarded_from": "Russian MFA", "reply_to_message_id": 1,
               "photo": "photos/photo_1@01-03-2024_10-05-00.jpg", "photo_file_size": 1000, "width": 10, "height": 10,
               "text": [{"type": "bold", "text": "Talks"}, " in Vienna ", {"type": "hashtag", "text": "#OSCE"}, "\\n",
                        {"type": "text_link", "text": "the statement", "href": "https://t.me/mfarussia/123"},
                        {"type": "blockquote", "text": "quoted words", "collapsed": true},
                        {"type": "spoiler", "text": " hidden"}, {"type": "custom_emoji", "text": "🔥",
                        "document_id": "stickers/sticker.webp"}, " ", {"type": "mention", "text": "@natopress"}, "\\n"],
               "text_entities": [{"type": "bold", "text": "Talks"}],
               "reactions": [{"type": "emoji", "count": 41, "emoji": "👍"},
                             {"type": "custom_emoji", "count": 3, "document_id": "5368324170671202286"},
                             {"type": "paid", "count": 7}]},
              {"id": 4, "type": "message", "date": "2024-03-01T11:00:00", "date_unixtime": "1709280000",
               "file": "files/report.pdf", "file_name": "report.pdf", "file_size": 10, "mime_type": "application/pdf",
               "text": "", "text_entities": []},
              {"id": 7, "type": "message", "date": "2024-03-01T11:01:00", "date_unixtime": "1709280060",
               "file": "(File not included. Change data exporting settings to download.)", "media_type": "voice_message",
               "mime_type": "audio/ogg", "duration_seconds": 3, "text": "", "text_entities": []},
              {"id": 8, "type": "message", "date": "2024-03-01T11:02:00", "date_unixtime": "1709280120",
               "poll": {"question": "Where next?", "closed": false, "total_voters": 10,
                        "answers": [{"text": "Vienna", "voters": 6, "chosen": false},
                                    {"text": "Geneva", "voters": 4, "chosen": false}]},
               "text": "", "text_entities": []},
              {"id": 9, "type": "message", "date": "2024-03-01T11:03:00", "date_unixtime": "1709280180",
               "reply_to_message_id": 77, "reply_to_peer_id": "channel3003",
               "file": "video_files/clip.mp4", "media_type": "video_file", "text": "Clip", "text_entities": []},
              {"id": 10, "type": "service", "date": "2024-03-01T12:00:00", "date_unixtime": "1709283600",
               "actor": "Pulse Edge", "action": "pin_message", "message_id": 3, "text": "", "text_entities": []}
             ]
            }""";

    @Test
    void oldExportsTextIsStringsAndItsTimesAreLocalToTheGivenZone() throws Exception {
        List<ExportMessage> messages = read(OLD, 0, MOSCOW);

        assertThat(messages).hasSize(2);
        ParsedPost first = messages.get(0).post();
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2019-03-01T09:00:00Z"));
        assertThat(first.text()).isEqualTo("Plain words #Old_Tag and @someone_else");
        assertThat(first.edited()).isFalse();
        assertThat(first.links()).isEmpty();
        ParsedPost second = messages.get(1).post();
        assertThat(second.text()).isEqualTo("Mixed bold and #СВО see t.me/pulse_edge");
        assertThat(second.links()).containsExactly("http://t.me/pulse_edge");
        assertThat(second.edited()).isTrue();
        assertThat(messages.get(1).versionAt()).isEqualTo(Instant.parse("2019-03-02T06:00:00Z"));
        assertThat(read(OLD, 0, ZoneId.of("UTC")).get(0).post().publishedAt())
                .isEqualTo(Instant.parse("2019-03-01T12:00:00Z"));
    }

    @Test
    void newExportsFieldsBecomeThePostsFields() throws Exception {
        List<ExportMessage> messages = read(NEW, 0, MOSCOW);

        assertThat(messages).extracting(ExportMessage::id).containsExactly(1L, 2L, 3L, 4L, 7L, 8L, 9L, 10L);
        ExportMessage created = messages.get(0);
        assertThat(created.post().kind()).isEqualTo(ParsedPost.Kind.SERVICE);
        assertThat(created.post().text()).isEqualTo("Channel created");
        assertThat(created.post().publishedAt()).as("date_unixtime wins over the local date")
                .isEqualTo(Instant.ofEpochSecond(1709276400));

        assertThat(messages.get(1).post()).isNull();
        assertThat(messages.get(1).skipped()).contains("unsupported");

        ParsedPost talks = messages.get(2).post();
        assertThat(talks.kind()).isEqualTo(ParsedPost.Kind.POST);
        assertThat(talks.text()).isEqualTo("Talks in Vienna #OSCE\nthe statementquoted words hidden🔥 @natopress");
        assertThat(talks.links()).containsExactly("https://t.me/mfarussia/123", "https://t.me/natopress");
        assertThat(talks.edited()).isTrue();
        assertThat(messages.get(2).versionAt()).isEqualTo(Instant.ofEpochSecond(1709355600));
        assertThat(talks.signature()).isEqualTo("Anna K.");
        assertThat(talks.forwardedFrom()).isEqualTo(new ParsedPost.ForwardSource("Russian MFA", null, null));
        assertThat(talks.replyTo()).isEqualTo(1L);
        assertThat(talks.media()).containsExactly(Media.of("photo"));
        assertThat(talks.reactions()).containsExactly(new Reaction("👍", 41), new Reaction("", 3), new Reaction("⭐", 7));
        assertThat(talks.views()).isNull();

        assertThat(messages.get(3).post().media())
                .containsExactly(new Media("document", null, "report.pdf", null, null, List.of()));
        assertThat(messages.get(3).post().text()).isEmpty();
        assertThat(messages.get(4).post().media()).containsExactly(Media.of("voice"));
        assertThat(messages.get(5).post().media())
                .containsExactly(new Media("poll", null, "Where next?", null, null, List.of("Vienna", "Geneva")));
        ParsedPost clip = messages.get(6).post();
        assertThat(clip.media()).containsExactly(Media.of("video"));
        assertThat(clip.replyTo()).as("a reply to another chat's message").isNull();
        assertThat(messages.get(7).post().text()).isEqualTo("Pulse Edge pinned a message");
        assertThat(messages.get(7).post().kind()).isEqualTo(ParsedPost.Kind.SERVICE);
    }

    @Test
    void allDataExportListsItsChatsAndReadsTheChosenOne() throws Exception {
        String all = """
                {"about": "Here is the data you requested.",
                 "personal_information": {"user_id": 1, "first_name": "A"},
                 "chats": {"about": "This page lists all chats from this export.", "list": [
                   {"name": "A friend", "type": "personal_chat", "id": 11, "messages": [
                     {"id": 1, "type": "message", "date": "2024-01-01T00:00:00", "date_unixtime": "1704067200",
                      "from": "A friend", "text": "hi"}]},
                   {"name": "Pulse Edge", "type": "public_channel", "id": 2002, "messages": [
                     {"id": 40, "type": "message", "date": "2024-01-02T00:00:00", "date_unixtime": "1704153600",
                      "text": "from the channel"},
                     {"id": 41, "type": "message", "date": "2024-01-02T00:01:00", "date_unixtime": "1704153660",
                      "text": "and more"}]}]},
                 "left_chats": {"about": "left", "list": [
                   {"name": "Gone Channel", "type": "private_channel", "id": 3003, "messages": []}]}}""";

        List<ExportReader.Chat> chats = chats(all);
        assertThat(chats).extracting(ExportReader.Chat::name, ExportReader.Chat::type, ExportReader.Chat::messages)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A friend", "personal_chat", 1L),
                        org.assertj.core.groups.Tuple.tuple("Pulse Edge", "public_channel", 2L),
                        org.assertj.core.groups.Tuple.tuple("Gone Channel", "private_channel", 0L));
        ExportReader.Chat chosen = Imports.chosen(chats, "Pulse Edge");
        assertThat(chosen.index()).isEqualTo(1);
        assertThat(read(all, chosen.index(), MOSCOW)).extracting(m -> m.post().text())
                .containsExactly("from the channel", "and more");
        assertThatThrownBy(() -> Imports.chosen(chats, "Something else")).isInstanceOf(ExportException.class)
                .hasMessageContaining("2 channels («Pulse Edge», «Gone Channel»)");
    }

    @Test
    void aGroupsExportIsRefused() throws Exception {
        List<ExportReader.Chat> chats = chats("""
                {"name": "Chatty", "type": "public_supergroup", "id": 5, "messages": []}""");
        assertThatThrownBy(() -> Imports.chosen(chats, null)).isInstanceOf(ExportException.class)
                .hasMessage("the export is of a public supergroup, not a channel: only channels can be imported");
        assertThat(Imports.chosen(chats(NEW), null).index()).isZero();
    }

    @Test
    void badFilesAreRefusedWithTheReasonAndWhere() {
        assertThat(problem("<html><body>Not found</body></html>"))
                .satisfies(p -> assertThat(p.describe()).startsWith("line 1, column 1: not JSON: Unexpected character ('<'"));
        assertThat(problem("[1, 2, 3]").describe())
                .isEqualTo("line 1, column 1: not a Telegram Desktop export: the file is a JSON array, not an object");
        assertThat(problem("{\"name\": \"x\", \"type\": \"public_channel\"}").reason())
                .startsWith("not a Telegram Desktop export: the object has neither \"messages\"");
        assertThat(problem("{\"messages\": {}}").reason())
                .isEqualTo("not a Telegram Desktop export: \"messages\" is a JSON object, not an array");
        assertThat(problem("").reason()).isEqualTo("the file is empty");
        String truncated = NEW.substring(0, NEW.indexOf("\"id\": 8") + 20);
        ExportProblem cut = problem(truncated);
        assertThat(cut.reason()).startsWith("the file ends in the middle of its JSON: it was cut short");
        assertThat(cut.line()).isEqualTo(truncated.lines().count());
    }

    @Test
    void aMessageThatCannotBeReadIsNamedAndLeftOut() throws Exception {
        String export = """
                {"name": "E", "type": "public_channel", "id": 1, "messages": [
                  {"id": 1, "type": "message", "date": "2024-01-01T00:00:00", "date_unixtime": "1704067200", "text": "ok"},
                  {"id": 2, "type": "message", "text": "no date"},
                  {"id": 3, "type": "message", "date": "yesterday", "text": "bad date"},
                  {"type": "message", "date": "2024-01-01T00:00:00", "text": "no id"},
                  {"id": 4, "type": "message", "date": "2024-01-01T00:00:00", "date_unixtime": "1704067200", "text": "ok"}]}""";
        List<ExportMessage> messages = new ArrayList<>();
        List<ExportProblem> problems = new ArrayList<>();
        ExportReader.read(stream(export), 0, "e", MOSCOW, new ExportReader.Messages() {
            @Override
            public void message(ExportMessage message) {
                messages.add(message);
            }

            @Override
            public void unreadable(ExportProblem problem) {
                problems.add(problem);
            }
        });

        assertThat(messages).extracting(ExportMessage::id).containsExactly(1L, 4L);
        assertThat(problems).extracting(ExportProblem::describe).containsExactly(
                "line 3, column 3 (message 2): has no date",
                "line 4, column 3 (message 3): date 'yesterday' is not a time like 2023-07-18T00:23:39",
                "line 5, column 3: a message has no positive id");
    }

    @Test
    void aZipOfTheExportFolderIsReadFromItsResultJson(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("export.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("ChatExport_2024-03-02/photos/photo_1.jpg"));
            out.write(new byte[]{1, 2, 3});
            out.putNextEntry(new ZipEntry("ChatExport_2024-03-02/result.json"));
            out.write(NEW.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        ExportFile file = ExportFile.of(zip);
        try (InputStream in = file.open()) {
            assertThat(ExportReader.chats(in)).singleElement().satisfies(c -> assertThat(c.messages()).isEqualTo(8));
        }
        try (InputStream in = file.open()) {
            List<ExportMessage> messages = new ArrayList<>();
            ExportReader.read(in, 0, "pulse_edge", MOSCOW, collect(messages));
            assertThat(messages).hasSize(8);
        }

        Path empty = dir.resolve("empty.zip");
        try (OutputStream raw = Files.newOutputStream(empty); ZipOutputStream out = new ZipOutputStream(raw)) {
            out.putNextEntry(new ZipEntry("notes.txt"));
            out.write("nothing".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> ExportFile.of(empty)).isInstanceOf(ExportException.class)
                .hasMessageStartingWith("the ZIP holds no result.json");
    }

    static List<ExportMessage> read(String export, int chat, ZoneId zone) throws Exception {
        List<ExportMessage> messages = new ArrayList<>();
        ExportReader.read(stream(export), chat, "pulse_edge", zone, collect(messages));
        return messages;
    }

    private static ExportReader.Messages collect(List<ExportMessage> messages) {
        return new ExportReader.Messages() {
            @Override
            public void message(ExportMessage message) {
                messages.add(message);
            }

            @Override
            public void unreadable(ExportProblem problem) {
                throw new AssertionError(problem.describe());
            }
        };
    }

    private static List<ExportReader.Chat> chats(String export) throws Exception {
        return ExportReader.chats(stream(export));
    }

    private static ExportProblem problem(String file) {
        try {
            ExportReader.chats(stream(file));
        } catch (ExportException e) {
            return e.problem();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no problem found in " + file);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
