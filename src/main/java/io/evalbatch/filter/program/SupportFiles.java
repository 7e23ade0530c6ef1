package io.evalbatch.filter.program;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory {@code {support}} names in commands, readable by the sandbox user and written
 * only by evalbatch: javatuples (which MultiPL-E's Java programs import) and a precompiled
 * {@code bits/stdc++.h} per C++ compiler and flags (built once, under a lock shared by every
 * evalbatch process of the machine).
 */
final class SupportFiles {

    static final String JAVATUPLES = "javatuples-1.2.jar";
    private static final String PCH_HEADER = "evalbatch-pch.h";
    private static final Logger log = LoggerFactory.getLogger(SupportFiles.class);

    private final Path directory;

    SupportFiles(Path directory) {
        this.directory = directory;
    }

    /** {@code $XDG_CACHE_HOME/evalbatch/support}, or {@code ~/.cache/evalbatch/support}. */
    static SupportFiles standard() {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache");
        return new SupportFiles(base.resolve("evalbatch").resolve("support"));
    }

    Path directory() {
        return directory;
    }

    /** Creates the directory and puts javatuples in it. */
    void prepare() {
        try {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path jar = directory.resolve(JAVATUPLES);
            if (!Files.exists(jar)) {
                try (InputStream in = SupportFiles.class.getResourceAsStream(JAVATUPLES)) {
                    Path partial = Files.createTempFile(directory, "javatuples-", ".part");
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
                    Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare evalbatch's support directory " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The header to force in ({@code -include}) whose precompiled form matches this compiler and
     * these flags, building it if needed; empty when it cannot be built (programs then compile
     * without it, only slower).
     */
    Optional<Path> precompiledHeader(String compiler, String version, List<String> flags, String header) {
        String key = digest(compiler + "\n" + version + "\n" + String.join("\u0000", flags) + "\n" + header);
        return buildOnce("pch-" + key, "the precompiled " + header + " (C++ programs compile without it, slower)",
                folder -> {
                    Path source = folder.resolve(PCH_HEADER);
                    Files.writeString(source, "#include <" + header + ">\n", StandardCharsets.UTF_8);
                    List<String> command = new ArrayList<>(List.of(compiler));
                    command.addAll(flags);
                    command.addAll(List.of("-x", "c++-header", "-o", source + ".gch", source.toString()));
                    return run(command, 300);
                }).map(folder -> folder.resolve(PCH_HEADER));
    }

    /**
     * The directory holding evalbatch's warm Java compiler compiled by this javac (built once per
     * javac version), or empty when it cannot be built (Java programs then use javac itself).
     */
    Optional<Path> javaCompiler(String javac, String version) {
        return buildOnce("javac-" + digest(javac + "\n" + version),
                "the warm Java compiler (Java programs are compiled by javac itself)", folder -> {
                    Path source = folder.resolve("EvalbatchJavac.java");
                    try (InputStream in = SupportFiles.class.getResourceAsStream("EvalbatchJavac.java")) {
                        Files.copy(in, source);
                    }
                    return run(List.of(javac, "-d", folder.toString(), source.toString()), 120);
                });
    }

    /** Builds files into a directory, or says why it could not. */
    private interface Build {
        Optional<String> into(Path folder) throws IOException, InterruptedException;
    }

    /**
     * The directory {@code name} of the support directory, built once for every evalbatch process
     * of the machine: under a lock, into a directory of its own that is renamed into place only
     * when the build succeeded, so that a build killed half-way is never taken for a finished one.
     */
    private Optional<Path> buildOnce(String name, String what, Build build) {
        Path folder = directory.resolve(name);
        if (Files.isDirectory(folder)) {
            return Optional.of(folder);
        }
        try (FileChannel lock = FileChannel.open(directory.resolve(name + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); var held = lock.lock()) {
            if (Files.isDirectory(folder)) {
                return Optional.of(folder);
            }
            Path partial = Files.createTempDirectory(directory, name + ".partial-");
            Optional<String> failure = build.into(partial);
            if (failure.isPresent()) {
                log.warn("cannot build {}: {}", what, failure.get());
                removeTree(partial);
                return Optional.empty();
            }
            try (var files = Files.list(partial)) {
                for (Path file : files.toList()) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
            log.info("built {} into {}", what, folder);
            return Optional.of(folder);
        } catch (IOException e) {
            log.warn("cannot build {}: {}", what, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Runs a trusted build command (outside the sandbox); its output when it fails, else empty. */
    private static Optional<String> run(List<String> command, long seconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return Optional.of(String.join(" ", command) + ": no end within " + seconds + " s");
        }
        return process.exitValue() == 0 ? Optional.empty()
                : Optional.of(String.join(" ", command) + ": exit status " + process.exitValue() + ": " + output.strip());
    }

    private static void removeTree(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
