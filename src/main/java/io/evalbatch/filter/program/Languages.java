package io.evalbatch.filter.program;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.evalbatch.definition.FilterSpec;

/**
 * The built-in language profiles, read from the bundled {@code languages.yaml}, and a job's own:
 * {@code languages: {go: {file: main.go, compile: [...], run: [...]}}} adds a language or overrides
 * parts of a built-in one. Both are read by the same parser.
 */
final class Languages {

    static final Set<String> PROFILE_KEYS = Set.of("file", "compile", "run", "version", "environment", "token",
            "memory-mb", "compile-memory-mb", "processes", "compile-processes", "precompiled-header");
    /** Keys the bundled profiles may use and a job may not: they name machinery evalbatch builds in. */
    private static final Set<String> BUNDLED_KEYS = Set.of("warm-compiler");
    static final String BUNDLED = "io/evalbatch/filter/program/languages.yaml";
    private static final StepLimits COMPILE = new StepLimits(15, 30, 4096, 64);
    private static final StepLimits RUN = new StepLimits(5, 15, 4096, 64);

    /** Names MultiPL-E, bigcode and SandboxFusion give languages, for a language read from the input. */
    private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("py", "python"),
            Map.entry("python3", "python"), Map.entry("js", "javascript"), Map.entry("nodejs", "javascript"),
            Map.entry("node", "javascript"), Map.entry("c++", "cpp"), Map.entry("rs", "rust"),
            Map.entry("sh", "bash"), Map.entry("pl", "perl"));

    private Languages() {
    }

    /**
     * The command that starts the warm Java compiler of {@code folder}: the JVM of the java profile's
     * run command, with that command's JVM flags (those before {@code -ea}).
     */
    static List<String> warmJavaCompiler(List<String> javaRun, java.nio.file.Path folder) {
        int end = javaRun.indexOf("-ea");
        List<String> command = new java.util.ArrayList<>(javaRun.subList(0, end < 0 ? 1 : end));
        command.addAll(List.of("-cp", folder.toString(), "EvalbatchJavac"));
        return List.copyOf(command);
    }

    /** The bundled profiles, by name. */
    static Map<String, Language> builtIn() {
        return new TreeMap<>(Bundled.PROFILES);
    }

    /** Read once: the bundled file is part of evalbatch, the same for every run. */
    private static final class Bundled {

        static final Map<String, Language> PROFILES = read();

        private static Map<String, Language> read() {
            Object tree;
            try (java.io.InputStream in = Languages.class.getClassLoader().getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new IllegalStateException(BUNDLED + " is missing from this build");
                }
                tree = tools.jackson.dataformat.yaml.YAMLMapper.builder().build().readValue(in, Object.class);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            FilterSpec bundled = new FilterSpec("evalbatch's " + BUNDLED, "program", Map.of("languages", tree));
            return Map.copyOf(apply(bundled, new TreeMap<>(), true));
        }
    }

    /** The evalbatch name of a language as an input names it ("js", "rs", "C++", ...). */
    static String canonicalName(String name) {
        String lower = name.strip().toLowerCase(java.util.Locale.ROOT);
        return ALIASES.getOrDefault(lower, lower);
    }

    /** The built-ins with the job's {@code languages:} applied. */
    static Map<String, Language> of(FilterSpec spec) {
        return apply(spec, builtIn(), false);
    }

    /** {@code base} with the profiles of the spec's {@code languages} option applied. */
    private static Map<String, Language> apply(FilterSpec spec, Map<String, Language> languages, boolean bundled) {
        Object value = spec.options().get("languages");
        if (value == null) {
            return languages;
        }
        if (!(value instanceof Map<?, ?> given)) {
            throw spec.invalid("languages", "must map language names to profiles, e.g. {go: {file: main.go, "
                    + "compile: [go, build, -o, main, main.go], run: [./main]}}");
        }
        for (Map.Entry<?, ?> entry : given.entrySet()) {
            String name = String.valueOf(entry.getKey());
            String path = "languages." + name;
            if (!(entry.getValue() instanceof Map<?, ?> profile)) {
                throw spec.invalid(path, "must be a profile: {" + String.join(", ", new java.util.TreeSet<>(PROFILE_KEYS))
                        + "}");
            }
            for (Object key : profile.keySet()) {
                if (!PROFILE_KEYS.contains(String.valueOf(key)) && !(bundled && BUNDLED_KEYS.contains(String.valueOf(key)))) {
                    throw spec.invalid(path + "." + key, "unknown key of a language profile (known: "
                            + String.join(", ", new java.util.TreeSet<>(PROFILE_KEYS)) + ")");
                }
            }
            Language base = languages.get(name);
            if (base == null && (!profile.containsKey("file") || !profile.containsKey("run"))) {
                throw spec.invalid(path, "a new language needs at least 'file' and 'run' (built in: "
                        + String.join(", ", languages.keySet()) + ")");
            }
            languages.put(name, profile(spec, path, name, profile, base));
        }
        return languages;
    }

    private static Language profile(FilterSpec spec, String path, String name, Map<?, ?> profile, Language base) {
        StepLimits compile = base != null ? base.compileLimits() : COMPILE;
        StepLimits run = base != null ? base.runLimits() : RUN;
        if (profile.containsKey("memory-mb")) {
            run = run.withMemory(positive(spec, path + ".memory-mb", profile.get("memory-mb")));
        }
        if (profile.containsKey("compile-memory-mb")) {
            compile = compile.withMemory(positive(spec, path + ".compile-memory-mb", profile.get("compile-memory-mb")));
        }
        if (profile.containsKey("processes")) {
            int processes = positive(spec, path + ".processes", profile.get("processes"));
            compile = compile.withProcesses(processes);
            run = run.withProcesses(processes);
        }
        if (profile.containsKey("compile-processes")) {
            compile = compile.withProcesses(positive(spec, path + ".compile-processes", profile.get("compile-processes")));
        }
        String file = profile.containsKey("file") ? text(spec, path + ".file", profile.get("file")) : base.file();
        if (file.contains("/") || file.isBlank()) {
            throw spec.invalid(path + ".file", "must be a plain file name such as main.go");
        }
        List<String> compileCommand = profile.containsKey("compile")
                ? words(spec, path + ".compile", profile.get("compile"), true) : base == null ? List.of() : base.compile();
        List<String> runCommand = profile.containsKey("run") ? words(spec, path + ".run", profile.get("run"), false)
                : base.run();
        List<String> version = profile.containsKey("version") ? words(spec, path + ".version", profile.get("version"), false)
                : base != null ? base.version()
                : List.of(compileCommand.isEmpty() ? runCommand.get(0) : compileCommand.get(0), "--version");
        Map<String, String> environment = base == null ? Map.of() : base.environment();
        if (profile.containsKey("environment")) {
            if (!(profile.get("environment") instanceof Map<?, ?> variables)) {
                throw spec.invalid(path + ".environment", "must map variable names to values");
            }
            Map<String, String> merged = new LinkedHashMap<>(environment);
            variables.forEach((k, v) -> merged.put(String.valueOf(k), String.valueOf(v)));
            environment = merged;
        }
        CompletionToken token = base == null ? CompletionToken.NONE : base.token();
        if (profile.containsKey("token")) {
            token = CompletionToken.of(String.valueOf(profile.get("token")));
            if (token == null) {
                throw spec.invalid(path + ".token", "must be one of python, javascript, bash, perl, c, rust, java, none");
            }
        }
        String header = profile.containsKey("precompiled-header")
                ? text(spec, path + ".precompiled-header", profile.get("precompiled-header"))
                : base == null ? null : base.precompiledHeader();
        boolean warm = Boolean.TRUE.equals(profile.get("warm-compiler"))
                || base != null && base.warmCompiler() && !profile.containsKey("compile");
        return new Language(name, file, compileCommand, runCommand, version, compile, run, environment, token,
                header, warm);
    }

    private static List<String> words(FilterSpec spec, String path, Object value, boolean mayBeEmpty) {
        if (value instanceof String) {
            throw spec.invalid(path, "must be a list of words, e.g. [go, build, -o, main, main.go]: a string "
                    + "would need a shell to split it");
        }
        if (!(value instanceof List<?> list) || (list.isEmpty() && !mayBeEmpty)) {
            throw spec.invalid(path, "must be a " + (mayBeEmpty ? "" : "non-empty ") + "list of words");
        }
        List<String> words = new java.util.ArrayList<>();
        for (Object word : list) {
            if (!(word instanceof String || word instanceof Number)) {
                throw spec.invalid(path, "must be a list of words, not " + word);
            }
            words.add(String.valueOf(word));
        }
        return List.copyOf(words);
    }

    private static String text(FilterSpec spec, String path, Object value) {
        if (!(value instanceof String text)) {
            throw spec.invalid(path, "must be a string");
        }
        return text;
    }

    private static int positive(FilterSpec spec, String path, Object value) {
        if (!(value instanceof Number n) || n.doubleValue() < 1 || n.doubleValue() != Math.rint(n.doubleValue())
                || n.doubleValue() > 1_000_000) {
            throw spec.invalid(path, "must be a positive integer");
        }
        return n.intValue();
    }
}
