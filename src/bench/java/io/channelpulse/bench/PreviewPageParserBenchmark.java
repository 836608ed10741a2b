package io.channelpulse.bench;

import io.channelpulse.ingest.telegram.PreviewPage;
import io.channelpulse.ingest.telegram.PreviewPageException;
import io.channelpulse.ingest.telegram.PreviewPageParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to parse one preview page on one thread; the spec's bar is a 3 ms median for a 20-post page
 * (EmbUSA_before_10212.html). Sample mode reports the median as p0.50.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PreviewPageParserBenchmark {

    @Param({"EmbUSA_before_10212.html", "EmbUSA.html", "pulse_edge.html", "EmbUSA_before_10133.html"})
    public String page;

    private String html;

    @Setup
    public void load() throws IOException {
        // The fixtures of src/test/resources, from the test classpath the bench profile runs on.
        try (InputStream in = getClass().getResourceAsStream("/fixtures/telegram/" + page)) {
            if (in == null) {
                throw new IOException("fixture not on the test classpath: " + page);
            }
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Benchmark
    public PreviewPage parse() throws PreviewPageException {
        return PreviewPageParser.parse(html);
    }
}
