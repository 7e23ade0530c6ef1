package io.evalbatch.support;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import io.evalbatch.cli.EvalbatchMain;

/**
 * Class data sharing for the evalbatch processes tests start, as the launcher records it for users:
 * one short run records the classes it loads into an archive that every later process maps
 * instead of loading them again, which takes about a third off each start. Java 17 archives
 * classes from jars only, so the class directories of the build are packed into jars for the
 * processes first. Recorded once per test JVM; where recording fails, processes start without it.
 */
final class SharedClasses {

    private static final Path DIRECTORY = Path.of("target", "test-cds");

    /** Recorded once for all the tests of this JVM: the classes do not change while they run. */
    private static SharedClasses instance;

    private final String classPath;
    private final List<String> options;

    private SharedClasses(String classPath, List<String> options) {
        this.classPath = classPath;
        this.options = options;
    }

    /** The class path and JVM options of test processes, recording the archive on first use. */
    static synchronized SharedClasses get(List<String> jvmFlags) {
        if (instance == null) {
            instance = record(jvmFlags);
        }
        return instance;
    }

    String classPath() {
        return classPath;
    }

    List<String> options() {
        return options;
    }

    private static SharedClasses record(List<String> jvmFlags) {
        String original = System.getProperty("java.class.path");
        try {
            Files.createDirectories(DIRECTORY);
            List<String> entries = new ArrayList<>();
            for (String entry : original.split(File.pathSeparator)) {
                Path path = Path.of(entry);
                entries.add(Files.isDirectory(path) ? jar(path).toString() : entry);
            }
            String classPath = String.join(File.pathSeparator, entries);
            Path archive = DIRECTORY.resolve("evalbatch.jsa").toAbsolutePath();
            Files.deleteIfExists(archive);
            TestDatabase.Connection db = TestDatabase.get();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmFlags);
            command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-cp", classPath,
                    EvalbatchMain.class.getName(), "runs"));
            ProcessBuilder training = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(DIRECTORY.resolve("training.log").toFile());
            training.environment().remove("EVALBATCH_HOME");
            training.environment().put("EVALBATCH_DB_URL", db.url());
            training.environment().put("EVALBATCH_DB_USER", db.user() == null ? "" : db.user());
            training.environment().put("EVALBATCH_DB_PASSWORD", db.password() == null ? "" : db.password());
            Process process = training.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            if (!Files.exists(archive)) {
                return new SharedClasses(original, List.of());
            }
            return new SharedClasses(classPath, List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SharedClasses(original, List.of());
        }
    }

    /** The directory's files in a jar of the same name under target/test-cds. */
    private static Path jar(Path directory) throws IOException {
        Path jar = DIRECTORY.resolve(directory.getFileName() + ".jar").toAbsolutePath();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) files.sorted()::iterator) {
                String name = directory.relativize(path).toString().replace(File.separatorChar, '/');
                if (name.isEmpty()) {
                    continue;
                }
                if (Files.isDirectory(path)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
