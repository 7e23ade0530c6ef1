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
        Path folder = directory.resolve("pch-" + key);
        Path source = folder.resolve("evalbatch-pch.h");
        Path compiled = folder.resolve("evalbatch-pch.h.gch");
        if (Files.exists(compiled)) {
            return Optional.of(source);
        }
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (FileChannel lock = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); var held = lock.lock()) {
                if (Files.exists(compiled)) {
                    return Optional.of(source);
                }
                Files.writeString(source, "#include <" + header + ">\n", StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-r--r--"));
                Path partial = folder.resolve("partial.gch");
                List<String> command = new ArrayList<>(List.of(compiler));
                command.addAll(flags);
                command.addAll(List.of("-x", "c++-header", "-o", partial.toString(), source.toString()));
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                process.getOutputStream().close();
                String output = new String(process.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
                if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    log.warn("cannot precompile {} with {}: {}; C++ programs compile without it", header, compiler,
                            output.strip());
                    return Optional.empty();
                }
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(partial, compiled, StandardCopyOption.ATOMIC_MOVE);
                log.info("precompiled {} for {} into {}", header, compiler, folder);
                return Optional.of(source);
            }
        } catch (IOException e) {
            log.warn("cannot precompile {}: {}; C++ programs compile without it", header, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The directory holding evalbatch's warm Java compiler compiled by this javac (built once per
     * javac version), or empty when it cannot be built (Java programs then use javac itself).
     */
    Optional<Path> javaCompiler(String javac, String version) {
        Path folder = directory.resolve("javac-" + digest(javac + "\n" + version));
        Path compiled = folder.resolve("EvalbatchJavac.class");
        if (Files.exists(compiled)) {
            return Optional.of(folder);
        }
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (FileChannel lock = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); var held = lock.lock()) {
                if (Files.exists(compiled)) {
                    return Optional.of(folder);
                }
                Path build = Files.createTempDirectory(folder, "build-");
                Path source = build.resolve("EvalbatchJavac.java");
                try (InputStream in = SupportFiles.class.getResourceAsStream("EvalbatchJavac.java")) {
                    Files.copy(in, source);
                }
                Process process = new ProcessBuilder(javac, "-d", build.toString(), source.toString())
                        .redirectErrorStream(true).start();
                process.getOutputStream().close();
                String output = new String(process.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
                if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    log.warn("cannot build the warm Java compiler: {}; Java programs are compiled by javac", output.strip());
                    return Optional.empty();
                }
                try (var classes = Files.list(build)) {
                    for (Path file : classes.filter(f -> f.toString().endsWith(".class")).toList()) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                        Files.move(file, folder.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE,
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Files.deleteIfExists(source);
                Files.deleteIfExists(build);
                return Files.exists(compiled) ? Optional.of(folder) : Optional.empty();
            }
        } catch (IOException e) {
            log.warn("cannot build the warm Java compiler: {}; Java programs are compiled by javac", e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
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
