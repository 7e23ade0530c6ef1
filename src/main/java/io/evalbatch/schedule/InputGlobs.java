package io.evalbatch.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files a scheduled job's inputs name now: a path with {@code * ? [ {} } is a glob (with
 * {@code **} crossing directories), matched against the regular files under its longest plain
 * directory; other paths are taken as they are when they exist.
 */
public final class InputGlobs {

    private InputGlobs() {
    }

    public static List<Path> expand(List<Path> patterns) {
        TreeSet<Path> files = new TreeSet<>();
        for (Path pattern : patterns) {
            if (!isGlob(pattern)) {
                if (Files.isRegularFile(pattern)) {
                    files.add(pattern);
                }
                continue;
            }
            Path root = pattern.getRoot() == null ? Path.of("") : pattern.getRoot();
            for (Path part : pattern) {
                if (isGlob(part)) {
                    break;
                }
                root = root.resolve(part);
            }
            if (!Files.isDirectory(root)) {
                continue;
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(matcher::matches).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(files);
    }

    public static boolean isGlob(Path path) {
        return path.toString().matches(".*[*?\\[{].*");
    }
}
