package io.channelpulse;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** No class of the app reaches into Vert.x internals, which any Vert.x upgrade may change without notice. */
class VertxInternalsTest {

    @Test
    void noClassOfTheAppUsesVertxImplementationPackages() throws IOException, URISyntaxException {
        Path classes = Path.of(io.channelpulse.digest.DigestSender.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> offenders;
        try (Stream<Path> files = Files.walk(classes)) {
            offenders = files.filter(f -> f.toString().endsWith(".class"))
                    .filter(VertxInternalsTest::referencesVertxImpl)
                    .map(f -> classes.relativize(f).toString()).toList();
        }
        assertThat(offenders).isEmpty();
    }

    /** Class files name the classes they use in their constant pool, as internal names. */
    private static boolean referencesVertxImpl(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("io/vertx/core/impl/");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
