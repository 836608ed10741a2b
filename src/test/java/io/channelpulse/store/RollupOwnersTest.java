package io.channelpulse.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rollup table is written by one class: storing, a watchlist recount, the time-zone rebuild and a purge reach
 * it through that class ({@link Rollups}), so a change to how a table is kept is made in one place. Read from the
 * sources, since the tables are named only in SQL text.
 */
class RollupOwnersTest {

    private static final Map<String, String> OWNERS = Map.of(
            "daily_posts", "store/RollupDelta.java",
            "daily_counts", "store/RollupDelta.java",
            "daily_totals", "store/RollupDelta.java",
            "monthly_totals", "store/RollupDelta.java",
            "daily_citations", "store/CitationDelta.java",
            "monthly_citations", "store/CitationDelta.java",
            "daily_forward_lags", "store/ForwardLags.java",
            "monthly_forward_lags", "store/ForwardLags.java");

    private static final Pattern WRITE = Pattern.compile(
            "(?:INSERT INTO|UPDATE|DELETE FROM|TRUNCATE)\\s+((?:\\w+(?:\\s*,\\s*)?)+)", Pattern.CASE_INSENSITIVE);

    @Test
    void eachRollupTableHasOneWriter() throws IOException {
        Path sources = Path.of("src/main/java/io/channelpulse");
        Map<String, Set<String>> writers = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher write = WRITE.matcher(Files.readString(file));
                while (write.find()) {
                    for (String table : write.group(1).split("\\s*,\\s*")) {
                        if (OWNERS.containsKey(table.trim().toLowerCase())) {
                            writers.computeIfAbsent(table.trim().toLowerCase(), t -> new TreeSet<>())
                                    .add(sources.relativize(file).toString());
                        }
                    }
                }
            }
        }
        assertThat(writers.keySet()).containsExactlyInAnyOrderElementsOf(OWNERS.keySet());
        writers.forEach((table, files) -> assertThat(files).as(table).containsExactly(OWNERS.get(table)));
    }
}
