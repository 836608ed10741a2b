package io.channelpulse.export;

import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * posts.csv streams: 100,000 posts of about 1 KB each (a body of about 100 MB) download while the heap of the
 * JVM that runs both the app and this test grows by far less than the body, so neither the driver nor the
 * writer nor the HTTP layer holds it.
 */
@QuarkusTest
class CsvStreamingTest {

    static final int POSTS = 100_000;
    static final long MAX_GROWTH = 64L * 1024 * 1024;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/export/posts.csv")
    URI postsCsv;

    @BeforeEach
    void manyPosts() throws SQLException {
        Db.reset(dataSource);
        PulseTestResources.telegram().reset();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO channels (handle, title, status) VALUES ('synthetic_big', 'Synthetic', 'paused')");
            // The text stays short, as the stored search vector is computed from it; signature and forward title
            // carry the bulk. Times a minute apart, ids rising with time: newest first is id 100000 down to 1.
            sql.execute("""
                    INSERT INTO posts (channel_id, id, published_at, kind, text, views, edited, signature,
                                       forwarded_title, hashtags, mentions)
                    SELECT c.id, i, timestamptz '2020-01-01 00:00:00+00' + i * interval '1 minute', 'post',
                           'Synthetic post ' || i || ', with a comma and "quotes"' || chr(10) || 'and a second line #tag'
                               || (i % 50),
                           i * 3, i % 7 = 0, '=Signature ' || repeat('x', 400), repeat('Forwarded source title ', 24),
                           ARRAY['tag' || (i % 50)], ARRAY['lavrov', 'nato']
                    FROM channels c, generate_series(1, ?) i WHERE c.handle = 'synthetic_big'
                    """.replace("?", Integer.toString(POSTS)));
        }
    }

    @AfterEach
    void dropThem() {
        Db.reset(dataSource);
    }

    @Test
    void aHundredThousandPostsStreamInConstantMemory() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        // A small export first, so what the first request loads once (classes, pools, caches) is in the baseline.
        HttpResponse<String> small = client.send(HttpRequest.newBuilder(URI.create(postsCsv
                + "?from=2020-03-01T00:00:00Z&to=2020-03-01T01:00:00Z")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(Rfc4180.parse(small.body())).hasSize(1 + 60);
        long baseline = Math.min(usedAfterGc(), usedAfterGc());
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean downloading = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (downloading.get()) {
                peak.accumulateAndGet(usedAfterGc(), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");

        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(postsCsv).timeout(Duration.ofSeconds(60))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(response.headers().firstValue("Content-Length")).as("sent in chunks as it is written").isEmpty();

        // counted[0]: records with the header, [1]: posts, [2]: the last post's id
        long[] counted = new long[3];
        AtomicLong bytes = new AtomicLong();
        InputStream body = new FilterInputStream(response.body()) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                bytes.addAndGet(Math.max(read, 0));
                return read;
            }
        };
        sampler.start();
        long started = System.nanoTime();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 64 * 1024)) {
            // Records are read one at a time and dropped; only counters are kept.
            Rfc4180.read(in, record -> {
                counted[0]++;
                if (counted[0] == 1) {
                    assertThat(record.get(0)).isEqualTo("channel");
                    return;
                }
                long id = Long.parseLong(record.get(1));
                assertThat(id).isLessThan(counted[1] == 0 ? Long.MAX_VALUE : counted[2]);
                counted[2] = id;
                counted[1]++;
                if (id == 4242) {
                    assertThat(record.get(4)).isEqualTo("Synthetic post 4242, with a comma and \"quotes\"\n"
                            + "and a second line #tag42");
                    assertThat(record.get(11)).startsWith("'=Signature xxx");
                }
                // the last column, deleted_at, is empty for a post that is still there
                assertThat(record).hasSize(14);
                assertThat(record.get(13)).isEmpty();
            });
        } finally {
            downloading.set(false);
            sampler.join();
        }
        assertThat(counted[1]).isEqualTo(POSTS);
        assertThat(counted[2]).as("the oldest comes last").isEqualTo(1);
        assertThat(bytes.get()).as("a body larger than the growth allowed").isGreaterThan(MAX_GROWTH);
        long growth = peak.get() - baseline;
        System.out.printf("posts.csv: %d rows, %d MB in %d ms, heap baseline %d MB, peak %d MB, growth %d MB%n",
                counted[1], bytes.get() >> 20, (System.nanoTime() - started) / 1_000_000, baseline >> 20,
                peak.get() >> 20, growth >> 20);
        assertThat(growth).as("heap growth in bytes during the download").isLessThan(MAX_GROWTH);
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
