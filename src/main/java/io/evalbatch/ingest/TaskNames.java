package io.evalbatch.ingest;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.evalbatch.definition.InputFormat;

/** The task name of the samples of one input file. */
final class TaskNames {

    /** lm-eval names its sample logs {@code samples_<task>_<date>.jsonl}: group 1 the task, 2 the date. */
    private static final Pattern LM_EVAL_FILE = Pattern.compile("samples_(.+)_(\\d{4}-\\d{2}-\\d{2}T[^_]*)");

    private static final String BIGCODE_PREFIX = "generations_";

    private TaskNames() {
    }

    static String of(Path file, InputFormat format, String template) {
        String stem = format.builtIn() ? stem(file) : plainStem(file);
        if (template != null) {
            return template.replace("{file}", stem);
        }
        if (format == InputFormat.LM_EVAL) {
            Matcher m = lmEvalLog(file);
            return m.matches() ? m.group(1) : stem;
        }
        if (format == InputFormat.BIGCODE) {
            // bigcode-evaluation-harness saves generations_<task>.json: the task is the benchmark, not the model
            return stem.startsWith(BIGCODE_PREFIX) && stem.length() > BIGCODE_PREFIX.length()
                    ? stem.substring(BIGCODE_PREFIX.length()) : stem;
        }
        if (format == InputFormat.MT_BENCH) {
            return "mt-bench";
        }
        return "humaneval";
    }

    /** The file name, without extensions, against lm-eval's {@code samples_<task>_<date>}; call {@code matches()}. */
    static Matcher lmEvalLog(Path file) {
        return LM_EVAL_FILE.matcher(stem(file));
    }

    /** A plugin's file name without its last extension, and {@code .gz} before it: {@code plans.csv.gz} is {@code plans}. */
    private static String plainStem(Path file) {
        String name = file.getFileName().toString();
        name = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        for (String extension : new String[] {".gz", ".jsonl", ".json", ".eval"}) {
            if (name.endsWith(extension)) {
                name = name.substring(0, name.length() - extension.length());
            }
        }
        return name;
    }
}
