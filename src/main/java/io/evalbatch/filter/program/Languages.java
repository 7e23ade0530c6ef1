package io.evalbatch.filter.program;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.evalbatch.definition.FilterSpec;

/**
 * The built-in language profiles, and a job's own: {@code languages: {go: {file: main.go,
 * compile: [...], run: [...]}}} adds a language or overrides parts of a built-in one.
 */
final class Languages {

    static final Set<String> PROFILE_KEYS = Set.of("file", "compile", "run", "version", "environment", "token",
            "memory-mb", "compile-memory-mb", "processes");

    /** Names MultiPL-E, bigcode and SandboxFusion give languages, for a language read from the input. */
    private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("py", "python"),
            Map.entry("python3", "python"), Map.entry("js", "javascript"), Map.entry("nodejs", "javascript"),
            Map.entry("node", "javascript"), Map.entry("c++", "cpp"), Map.entry("rs", "rust"),
            Map.entry("sh", "bash"), Map.entry("pl", "perl"));

    /**
     * JVM flags that keep its address-space reservations (a 1 GB class space, a heap of a quarter
     * of the machine's memory, 240 MB of code cache) inside the sandbox's limit, and its start-up short.
     */
    private static final List<String> JVM = List.of("-Xmx1g", "-XX:CompressedClassSpaceSize=64m",
            "-XX:ReservedCodeCacheSize=64m", "-XX:+UseSerialGC", "-Xshare:auto");

    private Languages() {
    }

    /** The command that starts the warm Java compiler of {@code folder} on this JVM. */
    static List<String> warmJavaCompiler(String java, java.nio.file.Path folder) {
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(JVM);
        command.addAll(List.of("-cp", folder.toString(), "EvalbatchJavac"));
        return List.copyOf(command);
    }

    static Map<String, Language> builtIn() {
        StepLimits compile = new StepLimits(15, 30, 4096, 64);
        StepLimits run = new StepLimits(5, 15, 4096, 64);
        Map<String, Language> languages = new TreeMap<>();
        add(languages, new Language("python", "main.py", List.of(), List.of("python3", "{file}"),
                List.of("python3", "--version"), compile, run, Map.of(), CompletionToken.PYTHON, null, false));
        add(languages, new Language("javascript", "main.js", List.of(), List.of("node", "{file}"),
                List.of("node", "--version"), compile, run, Map.of(), CompletionToken.JAVASCRIPT, null, false));
        add(languages, new Language("c", "main.c", List.of("gcc", "-std=gnu17", "-O2", "-o", "main", "{file}", "-lm"),
                List.of("./main"), List.of("gcc", "--version"), compile, run, Map.of(), CompletionToken.C, null, false));
        add(languages, new Language("cpp", "main.cpp", List.of("g++", "-std=c++17", "{precompiled-header}", "-o",
                "main", "{file}"), List.of("./main"), List.of("g++", "--version"), compile, run, Map.of(),
                CompletionToken.C, "bits/stdc++.h", false));
        List<String> javac = new java.util.ArrayList<>(List.of("javac"));
        JVM.forEach(flag -> javac.add("-J" + flag));
        javac.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-encoding", "UTF8", "-proc:none", "-cp",
                ".:{support}/javatuples-1.2.jar", "-d", ".", "{file}"));
        List<String> java = new java.util.ArrayList<>(List.of("java"));
        java.addAll(JVM);
        java.addAll(List.of("-ea", "-cp", ".:{support}/javatuples-1.2.jar", "{class}"));
        add(languages, new Language("java", "Main.java", javac, java, List.of("javac", "--version"),
                compile.withMemory(8192).withProcesses(128), run.withMemory(8192).withProcesses(128), Map.of(),
                CompletionToken.JAVA, null, true));
        add(languages, new Language("rust", "main.rs", List.of("rustc", "-o", "main", "{file}"), List.of("./main"),
                List.of("rustc", "--version"), compile.withProcesses(128), run, Map.of(), CompletionToken.RUST, null, false));
        add(languages, new Language("bash", "main.sh", List.of(), List.of("bash", "{file}"),
                List.of("bash", "--version"), compile, run, Map.of(), CompletionToken.BASH, null, false));
        add(languages, new Language("perl", "main.pl", List.of(), List.of("perl", "{file}"),
                List.of("perl", "-e", "print \"perl $^V\\n\""), compile, run, Map.of(), CompletionToken.PERL, null, false));
        return languages;
    }

    private static void add(Map<String, Language> languages, Language language) {
        languages.put(language.name(), language);
    }

    /** The evalbatch name of a language as an input names it ("js", "rs", "C++", ...). */
    static String canonicalName(String name) {
        String lower = name.strip().toLowerCase(java.util.Locale.ROOT);
        return ALIASES.getOrDefault(lower, lower);
    }

    /** The built-ins with the job's {@code languages:} applied. */
    static Map<String, Language> of(FilterSpec spec) {
        Map<String, Language> languages = builtIn();
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
                throw spec.invalid(path, "must be a profile: {file, compile, run, version, environment, token, "
                        + "memory-mb, compile-memory-mb, processes}");
            }
            for (Object key : profile.keySet()) {
                if (!PROFILE_KEYS.contains(String.valueOf(key))) {
                    throw spec.invalid(path + "." + key, "unknown key of a language profile (known: "
                            + String.join(", ", new java.util.TreeSet<>(PROFILE_KEYS)) + ")");
                }
            }
            Language base = languages.get(name);
            if (base == null && (!profile.containsKey("file") || !profile.containsKey("run"))) {
                throw spec.invalid(path, "a new language needs at least 'file' and 'run' (built in: "
                        + String.join(", ", builtIn().keySet()) + ")");
            }
            languages.put(name, profile(spec, path, name, profile, base));
        }
        return languages;
    }

    private static Language profile(FilterSpec spec, String path, String name, Map<?, ?> profile, Language base) {
        StepLimits compile = base != null ? base.compileLimits() : new StepLimits(15, 30, 4096, 64);
        StepLimits run = base != null ? base.runLimits() : new StepLimits(5, 15, 4096, 64);
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
        return new Language(name, file, compileCommand, runCommand, version, compile, run, environment, token,
                base == null ? null : base.precompiledHeader(),
                base != null && base.warmCompiler() && !profile.containsKey("compile"));
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
