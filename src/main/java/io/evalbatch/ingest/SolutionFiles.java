package io.evalbatch.ingest;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * evalplus's directory of samples: {@code <task_id with / as _>/<n>.py}, each file a whole
 * program, read as {@code {"task_id", "solution"}} records. Problems in the order of their number
 * (HumanEval_2 before HumanEval_10), samples in the order of theirs; one file at a time.
 */
final class SolutionFiles implements InputRecords {

    private static final Pattern SAMPLE = Pattern.compile("\\d+\\.py");
    private static final Comparator<Path> NATURAL = Comparator.comparing((Path p) -> prefix(p.getFileName().toString()))
            .thenComparingLong(p -> number(p.getFileName().toString()))
            .thenComparing(p -> p.getFileName().toString());

    private final ObjectMapper json;
    /** The problems' directories not listed yet; only one problem's files are held at a time. */
    private final Deque<Path> problems = new ArrayDeque<>();
    private final Deque<Path> remaining = new ArrayDeque<>();

    SolutionFiles(Path directory, ObjectMapper json) throws IOException {
        this.json = json;
        try (Stream<Path> listing = Files.list(directory)) {
            listing.filter(Files::isDirectory).sorted(NATURAL).forEach(problems::add);
        }
    }

    @Override
    public JsonFields next() throws IOException {
        while (remaining.isEmpty() && !problems.isEmpty()) {
            try (Stream<Path> listing = Files.list(problems.poll())) {
                listing.filter(f -> SAMPLE.matcher(f.getFileName().toString()).matches() && Files.isRegularFile(f))
                        .sorted(NATURAL).forEach(remaining::add);
            }
        }
        Path file = remaining.poll();
        if (file == null) {
            return null;
        }
        // evalplus writes task_id.replace("/", "_"): HumanEval/0 is HumanEval_0, Mbpp/2 is Mbpp_2.
        String directory = file.getParent().getFileName().toString();
        int slash = directory.lastIndexOf('_');
        String taskId = slash < 0 ? directory : directory.substring(0, slash) + "/" + directory.substring(slash + 1);
        ObjectNode record = json.createObjectNode();
        record.put("task_id", taskId);
        record.put("solution", read(file));
        return new JsonFields(file.toString(), 1, record);
    }

    private static String read(Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file.toString(), 1, "not UTF-8 text");
        }
    }

    /** "HumanEval_10" → "HumanEval_", "3.py" → "". */
    private static String prefix(String name) {
        int end = name.length();
        String stem = name.endsWith(".py") ? name.substring(0, end - 3) : name;
        int i = stem.length();
        while (i > 0 && Character.isDigit(stem.charAt(i - 1))) {
            i--;
        }
        return stem.substring(0, i);
    }

    private static long number(String name) {
        String stem = name.endsWith(".py") ? name.substring(0, name.length() - 3) : name;
        String digits = stem.substring(prefix(name).length());
        if (digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    @Override
    public void close() {
        problems.clear();
        remaining.clear();
    }
}
