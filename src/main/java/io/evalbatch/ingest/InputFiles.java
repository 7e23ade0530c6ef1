package io.evalbatch.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens a JSON-lines file, gzip-compressed or not (told by its first bytes, not its name). */
final class InputFiles {

    private InputFiles() {
    }

    static BufferedReader open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file.toString(), 0, "is a directory, not a samples file");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file.toString(), 0, "no such file");
        }
        return open(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    /** The file's bytes, gunzipped when they are gzip. */
    static InputStream stream(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file.toString(), 0, "is a directory, not a samples file");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file.toString(), 0, "no such file");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    static BufferedReader open(InputStream raw) throws IOException {
        InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        // Invalid UTF-8 is an error to report, not something to replace silently.
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
    }
}
