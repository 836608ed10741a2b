import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a Telegram Desktop channel export ({@code result.json}) of N messages in the writer's shape, for the
 * import benchmark: text as strings and as entity arrays (bold, hashtags, links, mentions, text links), edits,
 * signatures, forwards, replies, photos, files, polls, reactions, service messages and id gaps (albums).
 * Run it with the JDK's source launcher: {@code java ExportGenerator.java OUT MESSAGES [SEED]}.
 */
public class ExportGenerator {

    private static final String[] TAGS = {"OSCE", "osce", "Russia", "NATO", "Ukraine", "СВО", "санкции", "news",
            "EU", "China", "Belarus", "brief", "statement", "UN", "дипломатия"};
    private static final String[] WORDS = {"talks", "in", "Vienna", "Lavrov", "said", "the", "minister", "today",
            "Лавров", "заявил", "переговоры", "в", "Женеве", "Putin", "met", "delegation", "embassy", "statement",
            "Захарова", "брифинг", "security", "Europe", "NATO", "about", "week", "and", "on"};

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int messages = Integer.parseInt(args[1]);
        Random rng = new Random(args.length > 2 ? Long.parseLong(args[2]) : 42);
        long time = 1_600_000_000L;
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            w.write("{\n \"name\": \"Bench Channel\",\n \"type\": \"public_channel\",\n \"id\": 1234567,\n \"messages\": [\n");
            long id = 1;
            for (int i = 0; i < messages; i++) {
                time += 30 + rng.nextInt(600);
                if (i > 0) {
                    w.write(",\n");
                }
                if (rng.nextInt(100) < 3) {
                    service(w, id, time, rng);
                } else {
                    message(w, id, time, rng);
                }
                id += rng.nextInt(100) < 10 ? 2 + rng.nextInt(4) : 1;
            }
            w.write("\n ]\n}\n");
        }
    }

    private static void service(Writer w, long id, long time, Random rng) throws IOException {
        w.write("  {\n   \"id\": " + id + ",\n   \"type\": \"service\",\n");
        dates(w, "date", time);
        w.write("   \"actor\": \"Bench Channel\",\n   \"actor_id\": \"channel1234567\",\n");
        w.write(rng.nextBoolean() ? "   \"action\": \"pin_message\",\n   \"message_id\": " + Math.max(1, id - 3) + ",\n"
                : "   \"action\": \"edit_group_photo\",\n   \"photo\": \"photos/photo_" + id + ".jpg\",\n");
        w.write("   \"text\": \"\",\n   \"text_entities\": []\n  }");
    }

    private static void message(Writer w, long id, long time, Random rng) throws IOException {
        w.write("  {\n   \"id\": " + id + ",\n   \"type\": \"message\",\n");
        dates(w, "date", time);
        if (rng.nextInt(100) < 30) {
            dates(w, "edited", time + 60 + rng.nextInt(86_400));
        }
        w.write("   \"from\": \"Bench Channel\",\n   \"from_id\": \"channel1234567\",\n");
        if (rng.nextInt(100) < 20) {
            w.write("   \"author\": \"Press Office\",\n");
        }
        if (rng.nextInt(100) < 8) {
            w.write("   \"forwarded_from\": \"Russian MFA\",\n");
        }
        if (rng.nextInt(100) < 5 && id > 10) {
            w.write("   \"reply_to_message_id\": " + (id - 1 - rng.nextInt(5)) + ",\n");
        }
        int media = rng.nextInt(100);
        if (media < 25) {
            w.write("   \"photo\": \"photos/photo_" + id + ".jpg\",\n   \"photo_file_size\": 45214,\n   \"width\": 1280,\n   \"height\": 720,\n");
        } else if (media < 30) {
            w.write("   \"file\": \"(File not included. Change data exporting settings to download.)\",\n"
                    + "   \"file_name\": \"report_" + id + ".pdf\",\n   \"file_size\": 163720,\n   \"mime_type\": \"application/pdf\",\n");
        } else if (media < 31) {
            w.write("   \"poll\": {\n    \"question\": \"Which topic next?\",\n    \"closed\": false,\n    \"total_voters\": 12,\n"
                    + "    \"answers\": [{\"text\": \"Arms control\", \"voters\": 7, \"chosen\": false},"
                    + " {\"text\": \"Culture\", \"voters\": 5, \"chosen\": false}]\n   },\n");
        }
        StringBuilder plain = new StringBuilder();
        StringBuilder entities = new StringBuilder();
        int parts = 3 + rng.nextInt(8);
        for (int p = 0; p < parts; p++) {
            int kind = rng.nextInt(10);
            String type;
            String text;
            String extra = "";
            if (kind < 5) {
                type = "plain";
                text = sentence(rng) + (rng.nextInt(4) == 0 ? "\\n\\n" : " ");
            } else if (kind < 7) {
                type = "hashtag";
                text = "#" + TAGS[rng.nextInt(TAGS.length)];
            } else if (kind < 8) {
                type = "bold";
                text = sentence(rng);
            } else if (kind < 9) {
                type = "text_link";
                text = "source";
                extra = ", \"href\": \"https://mid.ru/en/news/" + rng.nextInt(100_000) + "\"";
            } else {
                type = rng.nextBoolean() ? "mention" : "link";
                text = type.equals("mention") ? "@mfarussia" : "https://t.me/embusa/" + rng.nextInt(20_000);
            }
            if (p > 0) {
                plain.append(", ");
                entities.append(", ");
            }
            String entity = "{\"type\": \"" + type + "\", \"text\": \"" + text + "\"" + extra + "}";
            plain.append(type.equals("plain") ? "\"" + text + "\"" : entity);
            entities.append(entity);
        }
        w.write("   \"text\": [" + plain + "],\n   \"text_entities\": [" + entities + "]");
        if (rng.nextInt(100) < 40) {
            w.write(",\n   \"reactions\": [{\"type\": \"emoji\", \"count\": " + (1 + rng.nextInt(500))
                    + ", \"emoji\": \"👍\"}, {\"type\": \"emoji\", \"count\": " + (1 + rng.nextInt(50)) + ", \"emoji\": \"🔥\"}]");
        }
        w.write("\n  }");
    }

    private static String sentence(Random rng) {
        StringBuilder s = new StringBuilder();
        int words = 4 + rng.nextInt(14);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(WORDS[rng.nextInt(WORDS.length)]);
        }
        return s.toString();
    }

    private static void dates(Writer w, String field, long unix) throws IOException {
        w.write("   \"" + field + "\": \"" + java.time.LocalDateTime.ofEpochSecond(unix, 0, java.time.ZoneOffset.UTC)
                + "\",\n   \"" + field + "_unixtime\": \"" + unix + "\",\n");
    }
}
