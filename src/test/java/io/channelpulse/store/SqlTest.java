package io.channelpulse.store;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What store.Sql binds the Java values to and reads them back as, against the real PostgreSQL. */
@QuarkusTest
class SqlTest {

    @Inject
    Sql db;

    @Test
    void anInstantIsATimestampWithTimeZone() {
        Instant at = Instant.parse("2024-03-01T10:15:30Z");
        assertThat(db.query("SELECT ?::timestamptz, pg_typeof(?)::text", at, at).first(row -> row.getInstant(1)))
                .contains(at);
    }

    @Test
    void javaArraysArePostgresArrays() {
        List<String> read = db.query("SELECT cardinality(?::bigint[])::text, array_to_string(?::text[], '|'),"
                        + " (?::date[])[2]::text, cardinality(?::integer[])::text",
                new Long[]{1L, 2L, 3L}, new String[]{"a", "b"},
                new LocalDate[]{LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2)}, new Integer[]{7})
                .first(row -> List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4)))
                .orElseThrow();
        assertThat(read).containsExactly("3", "a|b", "2024-01-02", "1");
    }

    @Test
    void nullIsAnUntypedNull() {
        assertThat(db.query("SELECT ?::bigint IS NULL", (Object) null).first(row -> row.getBoolean(1))).contains(true);
    }

    @Test
    void aNullTextArrayReadsAsEmptyAndNullElementsStay() {
        assertThat(db.query("SELECT NULL::text[], ARRAY['x', NULL]").first(row -> List.of(row.getTexts(1), row.getTexts(2))))
                .hasValueSatisfying(arrays -> {
                    assertThat(arrays.get(0)).isEmpty();
                    assertThat(arrays.get(1)).containsExactly("x", null);
                });
    }

    @Test
    void aStreamHandsOverEveryRowThroughACursor() throws Exception {
        List<Long> seen = new ArrayList<>();
        long rows = db.query("SELECT g FROM generate_series(1, 2500) g ORDER BY g").stream(1000,
                row -> seen.add(row.getLong(1)));
        assertThat(rows).isEqualTo(2500);
        assertThat(seen).hasSize(2500).startsWith(1L, 2L).endsWith(2500L);
    }
}
