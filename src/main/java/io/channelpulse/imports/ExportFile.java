package io.channelpulse.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An uploaded or named file: Telegram Desktop's {@code result.json}, or a ZIP of the export folder holding
 * it (in the folder's top or one folder down, as zipping the folder itself makes). Opened once per pass.
 */
final class ExportFile {

    private static final int BUFFER = 1 << 16;

    private final Path path;
    private final String zipEntry;

    private ExportFile(Path path, String zipEntry) {
        this.path = path;
        this.zipEntry = zipEntry;
    }

    static ExportFile of(Path path) throws IOException, ExportException {
        if (!isZip(path)) {
            return new ExportFile(path, null);
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            String entry = zip.stream()
                    .filter(e -> !e.isDirectory())
                    .map(ZipEntry::getName)
                    .filter(name -> name.equals("result.json") || name.endsWith("/result.json"))
                    .min(Comparator.comparingInt(String::length))
                    .orElseThrow(() -> new ExportException(new ExportProblem(0, 0, null,
                            "the ZIP holds no result.json: zip the folder Telegram Desktop exported, in the JSON format")));
            return new ExportFile(path, entry);
        } catch (ZipException e) {
            throw new ExportException(new ExportProblem(0, 0, null, "the ZIP cannot be read: " + e.getMessage()));
        }
    }

    /** A fresh stream of result.json from its start. */
    InputStream open() throws IOException {
        if (zipEntry == null) {
            return new BufferedInputStream(Files.newInputStream(path), BUFFER);
        }
        ZipFile zip = new ZipFile(path.toFile());
        InputStream entry = zip.getInputStream(zip.getEntry(zipEntry));
        return new BufferedInputStream(entry, BUFFER) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }

    private static boolean isZip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }
}
