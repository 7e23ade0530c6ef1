package io.evalbatch.filter.program;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.FilterOption;
import io.evalbatch.filter.FilterProvider;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScorerEvents;
import io.evalbatch.filter.ScoringUnavailableException;
import io.evalbatch.filter.SimulationFilter;
import io.evalbatch.filter.sandbox.Executables;
import io.evalbatch.filter.sandbox.SandboxFailure;
import io.evalbatch.filter.sandbox.SandboxPool;
import io.evalbatch.filter.sandbox.SandboxSettings;
import io.evalbatch.filter.sandbox.TimeLimits;
import org.springframework.stereotype.Component;

/**
 * {@code filter: {name: program, language: cpp, ...}}: compiles and runs programs in any language
 * with a profile, judged by unit tests or by stdin/stdout test cases. Its options are declared below.
 */
@Component
public class ProgramFilterProvider implements FilterProvider {

    static final FilterOption LANGUAGE = FilterOption.texts("language", List.of(), "the language of every sample, "
            + "or a list: each sample's language field (or its problem's) then picks one").shownAs("(required)");
    static final FilterOption TESTS = FilterOption.choice("tests", "unit", List.of("unit", "io"),
            "unit: the program runs its own tests; io: stdin/stdout test cases");
    static final FilterOption PRESET = FilterOption.choice("preset", null, List.of("multipl-e"),
            "multipl-e: SandboxFusion's rule for chat answers to MultiPL-E problems");
    static final FilterOption EXTRACT = FilterOption.choice("extract", "none", List.of("none", "fenced",
            "sandboxfusion"), "fenced: the first fenced block in the language, else the first fenced block, else the "
            + "whole response; sandboxfusion: SandboxFusion's default_extract_helper");
    static final FilterOption STOP_TOKENS = FilterOption.flag("stop-tokens", false,
            "cut the code at the first of the problem's stop_tokens, as MultiPL-E does with completions");
    static final FilterOption PROGRAM = FilterOption.text("program", null, "template; {prompt}, {response} (the "
            + "extracted code), {tests} (or {test}) and {entry_point} are replaced in one pass")
            .shownAs("{prompt}{response}\\n{tests} (unit), {response} (io)");
    static final FilterOption TIMEOUT = FilterOption.number("timeout", 0, 0, false, 3600,
            "CPU seconds of each run (each test case with io)").computed("each language's (5)");
    static final FilterOption WALL_TIMEOUT = FilterOption.number("wall-timeout", 0, 0, false, 7200,
            "wall-clock seconds of each run").computed("each language's (15); with timeout: max(3 × timeout, timeout + 10)");
    static final FilterOption COMPILE_TIMEOUT = FilterOption.number("compile-timeout", 0, 0, false, 3600,
            "CPU seconds of each compilation").computed("each language's (15)");
    static final FilterOption COMPILE_WALL_TIMEOUT = FilterOption.number("compile-wall-timeout", 0, 0, false, 7200,
            "wall-clock seconds of each compilation")
            .computed("each language's (30); with compile-timeout: max(3 × compile-timeout, compile-timeout + 10)");
    static final FilterOption COMPARE = FilterOption.choice("compare", "lines", List.of("exact", "lines", "tokens",
            "numbers", "ignore-case", "sandboxfusion"), "io: how an output is compared with the expected one "
            + "(see the filter's page)");
    static final FilterOption RELATIVE_TOLERANCE = FilterOption.number("relative-tolerance", 1e-9, 0, true,
            Double.MAX_VALUE, "compare: numbers: relative difference two numbers may have");
    static final FilterOption ABSOLUTE_TOLERANCE = FilterOption.number("absolute-tolerance", 1e-9, 0, true,
            Double.MAX_VALUE, "compare: numbers: absolute difference two numbers may have");
    static final FilterOption CHECKER = FilterOption.texts("checker", List.of(), "io: a special judge instead of "
            + "compare, as [python3, checker.py], run after each case with the input, actual and expected output files");
    static final FilterOption STOP_AT_FIRST_FAILURE = FilterOption.flag("stop-at-first-failure", true,
            "io: stop a sample at its first failing case");
    static final FilterOption FILE_SIZE_MB = FilterOption.integer("file-size-mb", 64, 1, 1_000_000,
            "largest file a program may write (standard output included), and size of each scratch file system, in MB");
    static final FilterOption ISOLATION = FilterOption.choice("isolation", "auto", List.of("auto", "namespaces",
            "basic"), "namespaces (requires them), basic, or auto: namespaces when running as root, else basic");
    static final FilterOption LANGUAGES = FilterOption.mapping("languages",
            "language profiles added or overridden: {go: {file: main.go, compile: [...], run: [./main]}}");
    static final FilterOption DIRECTORY = FilterOption.text("directory", null, "where the checker's files are "
            + "found, relative to the job file").shownAs("the job file's directory");
    private static final List<FilterOption> OPTIONS = List.of(LANGUAGE, TESTS, PRESET, EXTRACT, STOP_TOKENS,
            PROGRAM, TIMEOUT, WALL_TIMEOUT, COMPILE_TIMEOUT, COMPILE_WALL_TIMEOUT, COMPARE, RELATIVE_TOLERANCE,
            ABSOLUTE_TOLERANCE, CHECKER, STOP_AT_FIRST_FAILURE, FILE_SIZE_MB, ISOLATION, LANGUAGES, DIRECTORY);

    private final ScorerEvents events;
    private final Toolchains toolchains = new Toolchains(System.getenv("PATH"));
    private final SupportFiles support = SupportFiles.standard();
    /** Toolchains found, and languages whose hello program ran, in this process: each is checked once. */
    private final Map<Language, Toolchain> found = new ConcurrentHashMap<>();
    private final Set<String> working = ConcurrentHashMap.newKeySet();
    private final tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();

    public ProgramFilterProvider(ScorerEvents events) {
        this.events = events;
    }

    @Override
    public String name() {
        return "program";
    }

    /** Bump with any change that can turn an outcome or detail into another; see {@link FilterProvider#version()}. */
    @Override
    public String version() {
        return "2";
    }

    /** The problem's tests judge its reference solution as they judge a response. */
    @Override
    public boolean checksReferences() {
        return true;
    }

    @Override
    public String description() {
        return "compiles and runs programs in any language with a profile, judged by their unit tests or by "
                + "stdin/stdout test cases";
    }

    @Override
    public List<FilterOption> options() {
        return OPTIONS;
    }

    /** Each language's toolchain version: another compiler may score the same program differently. */
    @Override
    public String runtime(FilterSpec spec) {
        StringBuilder runtime = new StringBuilder();
        settings(spec).toolchains().forEach((name, toolchain) -> runtime.append(name).append(": ")
                .append(toolchain.version()).append('\n'));
        return runtime.toString().strip();
    }

    /** Checks the options, finds each language's toolchain and runs a hello program with it in the sandbox. */
    @Override
    public void validate(FilterSpec spec) {
        ProgramSettings settings = settings(spec);
        List<String> untried = settings.toolchains().keySet().stream()
                .filter(name -> !working.contains(key(settings, name))).toList();
        if (untried.isEmpty()) {
            return;
        }
        try (SandboxPool pool = pool(settings)) {
            pool.probe();
            for (String name : untried) {
                String hello = HelloPrograms.of(name);
                if (hello == null) {
                    continue;
                }
                ProgramSettings one = new ProgramSettings(Map.of(name, settings.toolchains().get(name)), name, false,
                        new ProgramSource(null, "none", false, ProgramSource.IO_TEMPLATE), settings.comparison(),
                        List.of(), Map.of(), true, null, null, settings.precompiledHeaders(), settings.warmJava(),
                        settings.support(), settings.sandbox(), settings.directory());
                var result = new ProgramFilter(one, pool, ScorerEvents.NONE).evaluate(new Sample("check", 0, "check",
                        "hello", 0, "(built in)", 0, "", hello, "", null, null));
                if (result.outcome() != Outcome.PASSED) {
                    throw spec.invalid("language", "language '" + name + "' cannot run a hello program in the "
                            + "sandbox: " + result.detail().lines().limit(6).reduce((a, b) -> a + " | " + b).orElse(""));
                }
                probeHarness(spec, settings, pool, name);
                working.add(key(settings, name));
            }
        } catch (SandboxFailure e) {
            throw spec.invalid("isolation", "the sandbox cannot start: " + e.getMessage());
        }
    }

    private static String key(ProgramSettings settings, String name) {
        return name + "\n" + settings.toolchains().get(name) + "\n" + settings.sandbox() + "\n"
                + settings.source().preset();
    }

    /**
     * With the multipl-e preset, a known-good MultiPL-E problem and answer of the language scored
     * through the job's own preset, limits and harness: what the samples' tests load must be there.
     */
    private static void probeHarness(FilterSpec spec, ProgramSettings settings, SandboxPool pool, String name) {
        HarnessProbes.Probe probe = HarnessProbes.of(name);
        if (probe == null || !"multipl-e".equals(settings.source().preset())) {
            return;
        }
        ProgramSettings unit = new ProgramSettings(Map.of(name, settings.toolchains().get(name)), name, false,
                settings.source(), settings.comparison(), List.of(), Map.of(), true, settings.run(),
                settings.compile(), settings.precompiledHeaders(), settings.warmJava(), settings.support(),
                settings.sandbox(), settings.directory());
        var result = new ProgramFilter(unit, pool, ScorerEvents.NONE).evaluate(new Sample("check", 0, "check",
                "harness", 0, "(built in)", 0, probe.prompt(), probe.answer(name), probe.tests(),
                null, null, "{\"language\": \"" + name + "\", \"stop_tokens\": []}"));
        if (result.outcome() != Outcome.PASSED) {
            throw spec.invalid("language", "language '" + name + "': a known-good MultiPL-E program fails through "
                    + "the test harness, so every sample would: " + result.detail().lines().limit(4)
                    .reduce((a, b) -> a + " | " + b).orElse("") + " — " + probe.needs());
        }
    }

    @Override
    public SimulationFilter create(FilterSpec spec) {
        ProgramSettings settings = settings(spec);
        SandboxPool pool = pool(settings);
        try {
            pool.probe();
        } catch (SandboxFailure e) {
            pool.close();
            throw new ScoringUnavailableException("the sandbox cannot start: " + e.getMessage());
        }
        return new ProgramFilter(settings, pool, events);
    }

    private SandboxPool pool(ProgramSettings settings) {
        return new SandboxPool(settings.sandbox().python(), settings.sandbox(), () -> events.scorerStarted(name()));
    }

    /** The program as built for the sample, before the harness adds its completion token. */
    @Override
    public Optional<String> program(FilterSpec spec, Sample sample) {
        ProgramSource source = source(spec, TESTS.text(spec).equals("io"));
        String fixed = spec.options().get("language") instanceof String one ? Languages.canonicalName(one) : null;
        SampleDoc doc = SampleDoc.of(sample, fixed, json);
        return Optional.of(source.program(sample, doc.language(), doc.stopTokens()));
    }

    ProgramSettings settings(FilterSpec spec) {
        boolean io = TESTS.text(spec).equals("io");
        Map<String, Language> profiles = Languages.of(spec);
        List<String> names = languageNames(spec, profiles);
        ProgramSource source = source(spec, io);
        if ("multipl-e".equals(source.preset())) {
            for (String name : names) {
                if (!MultiplEProgram.LANGUAGES.contains(name)) {
                    throw spec.invalid("preset", "multipl-e is defined for " + String.join(", ",
                            new java.util.TreeSet<>(MultiplEProgram.LANGUAGES)) + ", not for '" + name + "'");
                }
            }
        }
        support.prepare();
        Map<String, Toolchain> chosen = new TreeMap<>();
        Map<String, Path> headers = new TreeMap<>();
        for (String name : names) {
            Language language = profiles.get(name);
            Toolchain toolchain;
            try {
                toolchain = found.computeIfAbsent(language, toolchains::resolve);
            } catch (Toolchains.ToolchainException e) {
                throw spec.invalid("language", e.getMessage());
            }
            chosen.put(name, toolchain);
            if (language.precompiledHeader() != null && !toolchain.compile().isEmpty()) {
                support.precompiledHeader(toolchain.compile().get(0), toolchain.version(),
                        headerFlags(toolchain.compile()), language.precompiledHeader())
                        .ifPresent(header -> headers.put(name, header));
            }
        }
        Toolchain python;
        try {
            python = found.computeIfAbsent(Languages.builtIn().get("python"), toolchains::resolve);
        } catch (Toolchains.ToolchainException e) {
            throw spec.invalid("language", "the sandbox runs on Python 3, which is missing: " + e.getMessage());
        }
        String isolation = ISOLATION.text(spec);
        List<String> javaCompiler = List.of();
        Toolchain java = chosen.get("java");
        if (java != null && java.language().warmCompiler()) {
            javaCompiler = support.javaCompiler(java.compile().get(0), java.version())
                    .map(folder -> Languages.warmJavaCompiler(java.run(), folder)).orElse(List.of());
        }
        List<String> checker = CHECKER.texts(spec);
        if (!checker.isEmpty() && !io) {
            throw spec.invalid("checker", "judges stdin/stdout test cases: it needs tests: io");
        }
        if (!checker.isEmpty() && COMPARE.given(spec)) {
            throw spec.invalid("checker", "give either compare or checker, not both");
        }
        Set<String> expose = new LinkedHashSet<>();
        chosen.values().forEach(t -> expose.addAll(t.directories()));
        expose.add(support.directory().toString());
        List<String> checkerCommand = checkerCommand(spec, checker, expose);
        SandboxSettings sandbox = new SandboxSettings(python.run().get(0), "0", 5, 15, 4096,
                FILE_SIZE_MB.integer(spec), 64, isolation, List.of(), List.copyOf(expose), javaCompiler);
        return new ProgramSettings(chosen, names.size() == 1 && spec.options().get("language") instanceof String
                ? names.get(0) : null, io, source, comparison(spec), checkerCommand,
                checkerFiles(spec, checker), STOP_AT_FIRST_FAILURE.flag(spec),
                limits(spec, TIMEOUT, WALL_TIMEOUT), limits(spec, COMPILE_TIMEOUT, COMPILE_WALL_TIMEOUT),
                headers, !javaCompiler.isEmpty(), support.directory(), sandbox,
                DIRECTORY.optionalText(spec) == null ? null : Path.of(DIRECTORY.optionalText(spec)));
    }

    private static List<String> languageNames(FilterSpec spec, Map<String, Language> profiles) {
        List<String> given = LANGUAGE.texts(spec);
        if (given.isEmpty()) {
            throw spec.invalid("language", "name the language of the programs (" + String.join(", ", profiles.keySet())
                    + "), or a list of them when each sample's 'language' field picks one");
        }
        List<String> names = new ArrayList<>();
        for (String name : given) {
            String canonical = profiles.containsKey(name) ? name : Languages.canonicalName(name);
            if (!profiles.containsKey(canonical)) {
                throw spec.invalid("language", "unknown language '" + name + "' (known: "
                        + String.join(", ", profiles.keySet()) + "; add one under filter.languages)");
            }
            names.add(canonical);
        }
        return names;
    }

    private static ProgramSource source(FilterSpec spec, boolean io) {
        String preset = PRESET.optionalText(spec);
        if (preset != null && io) {
            throw spec.invalid("preset", "multipl-e scores unit tests, not tests: io");
        }
        if (preset != null && (EXTRACT.given(spec) || PROGRAM.given(spec) || STOP_TOKENS.given(spec))) {
            throw spec.invalid("preset", "multipl-e decides extraction, stop tokens and the program itself; "
                    + "leave out extract, stop-tokens and program, or the preset");
        }
        String extract = EXTRACT.text(spec);
        String template = PROGRAM.text(spec, io ? ProgramSource.IO_TEMPLATE : ProgramSource.UNIT_TEMPLATE);
        if (ProgramSource.PLACEHOLDERS.stream().noneMatch(template::contains)) {
            throw spec.invalid("program", "must contain at least one of " + ProgramSource.PLACEHOLDERS);
        }
        return new ProgramSource(preset, extract, STOP_TOKENS.flag(spec), template);
    }

    private static OutputComparison comparison(FilterSpec spec) {
        String name = COMPARE.text(spec);
        double relative = RELATIVE_TOLERANCE.number(spec);
        double absolute = ABSOLUTE_TOLERANCE.number(spec);
        return switch (name) {
            case "exact" -> OutputComparison.exact();
            case "tokens" -> OutputComparison.tokens();
            case "numbers" -> OutputComparison.numbers(relative, absolute);
            case "ignore-case" -> OutputComparison.ignoreCase();
            case "sandboxfusion" -> OutputComparison.sandboxFusion();
            default -> OutputComparison.lines();
        };
    }

    /** The checker's program found on PATH, unless it is a file of the job's directory. */
    /** The checker's command with its program found; the directories the sandbox must read for it go to {@code expose}. */
    private static List<String> checkerCommand(FilterSpec spec, List<String> checker, Set<String> expose) {
        if (checker.isEmpty()) {
            return checker;
        }
        List<String> command = new ArrayList<>(checker);
        if (jobFile(spec, command.get(0)).isPresent()) {
            command.set(0, "./" + command.get(0));
            return command;
        }
        try {
            Executables.Found found = Executables.locate(command.get(0), System.getenv().getOrDefault("PATH", ""));
            expose.addAll(found.directories());
            command.set(0, found.path());
        } catch (Executables.NotUsable e) {
            throw spec.invalid("checker", "the checker's " + e.getMessage());
        }
        return command;
    }

    /** Words of the checker that are files of the job's directory, copied next to each case's files. */
    private static Map<String, String> checkerFiles(FilterSpec spec, List<String> checker) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String word : checker) {
            Optional<Path> file = jobFile(spec, word);
            if (file.isPresent()) {
                try {
                    files.put(word, Files.readString(file.get(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw spec.invalid("checker", "cannot read " + file.get() + ": " + e.getMessage());
                }
            }
        }
        return files;
    }

    private static Optional<Path> jobFile(FilterSpec spec, String word) {
        String directory = DIRECTORY.optionalText(spec);
        if (directory == null || word.contains("/") || word.startsWith("-")) {
            return Optional.empty();
        }
        Path file = Path.of(directory).resolve(word);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** A C++ compile command's flags that a precompiled header must share: all but the output, input and libraries. */
    private static List<String> headerFlags(List<String> compile) {
        List<String> flags = new ArrayList<>();
        for (int i = 1; i < compile.size(); i++) {
            String word = compile.get(i);
            if (word.equals("-o")) {
                i++;
            } else if (!word.contains("{") && !word.startsWith("-l") && !word.startsWith("-L")
                    && !word.startsWith("-Wl")) {
                flags.add(word);
            }
        }
        return flags;
    }

    /** The limits a job sets for every language, or null to leave each language its own. */
    private static TimeLimits limits(FilterSpec spec, FilterOption cpuOption, FilterOption wallOption) {
        if (!cpuOption.given(spec) && !wallOption.given(spec)) {
            return null;
        }
        double cpu = cpuOption.number(spec, 5);
        String problem = cpuOption.problem(cpu);
        if (problem != null) {
            throw spec.invalid(cpuOption.name(), problem);
        }
        double wall = wallOption.number(spec, Math.max(3 * cpu, cpu + 10));
        if (!(wall >= cpu) || wallOption.problem(wall) != null) {
            throw spec.invalid(wallOption.name(), "must be a number of seconds, at least " + cpuOption.name()
                    + " and at most " + (long) wallOption.high());
        }
        return new TimeLimits(cpu, wall);
    }
}
