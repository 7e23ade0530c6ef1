package io.evalbatch.filter.program;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.evalbatch.filter.CpuTime;
import io.evalbatch.filter.ErrorCause;
import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.MissingDependency;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScorerEvents;
import io.evalbatch.filter.SimulationFilter;
import io.evalbatch.filter.sandbox.Command;
import io.evalbatch.filter.sandbox.Execution;
import io.evalbatch.filter.sandbox.SandboxFailure;
import io.evalbatch.filter.sandbox.SandboxPool;
import io.evalbatch.filter.sandbox.TimeLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compiles (where the language does) and runs each sample's program in the shared sandbox, and
 * judges it by its unit tests (exit status 0 and the completion token) or by its output on each
 * stdin/stdout test case.
 */
final class ProgramFilter implements SimulationFilter {

    private static final Logger log = LoggerFactory.getLogger(ProgramFilter.class);
    private static final String NAME = "program";
    private static final int DETAIL_STDERR = 2048;
    private static final int UNIT_OUTPUT = 64 * 1024;
    /** Enough of standard error to find what MultiPL-E's evaluators look for at its end. */
    private static final int STDERR_KEPT = 64 * 1024;
    private static final int FIRST_FAILURE_HEAD = 200;
    private static final Pattern INCLUDES_STDCXX = Pattern.compile("#\\s*include\\s*<bits/stdc\\+\\+\\.h>");

    private final ProgramSettings settings;
    private final SandboxPool sandboxes;
    private final ScorerEvents events;
    private final JsonMapper json = JsonMapper.builder().build();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, List<TestCase>> casesFromFiles = new java.util.concurrent.ConcurrentHashMap<>();

    ProgramFilter(ProgramSettings settings, SandboxPool sandboxes, ScorerEvents events) {
        this.settings = settings;
        this.sandboxes = sandboxes;
        this.events = events;
    }

    @Override
    public FilterResult evaluate(Sample sample) {
        SampleDoc doc = SampleDoc.of(sample, settings.language(), json);
        String name = doc.language();
        Toolchain toolchain = settings.toolchains().get(name);
        if (toolchain == null) {
            return FilterResult.error(ErrorCause.INPUT, name.isEmpty() ? "the sample names no language (a field 'language' of the "
                    + "sample or its problem)" : "language '" + name + "' is not among filter.language "
                    + settings.toolchains().keySet());
        }
        String program = settings.source().program(sample, name, doc.stopTokens());
        try {
            return MissingDependency.judged(name, sample, judge(toolchain, program, sample, false));
        } catch (SandboxFailure first) {
            log.warn("sample {}: {}; trying once more in a new sandbox", sample.sampleId(), first.getMessage());
            events.sampleRetried(NAME);
            try {
                return MissingDependency.judged(name, sample, judge(toolchain, program, sample, true));
            } catch (SandboxFailure second) {
                return FilterResult.error(ErrorCause.SANDBOX, "the sandbox failed twice: " + second.getMessage());
            }
        }
    }

    private FilterResult judge(Toolchain toolchain, String program, Sample sample, boolean fresh) {
        if (settings.io()) {
            List<TestCase> cases;
            try {
                cases = casesOf(sample.test());
            } catch (IllegalArgumentException e) {
                return FilterResult.error(ErrorCause.INPUT, e.getMessage());
            }
            return fresh ? sandboxes.sessionOnNewSandbox(s -> io(s, toolchain, program, cases))
                    : sandboxes.session(s -> io(s, toolchain, program, cases));
        }
        return fresh ? sandboxes.sessionOnNewSandbox(s -> unit(s, toolchain, program))
                : sandboxes.session(s -> unit(s, toolchain, program));
    }

    private FilterResult unit(SandboxPool.Session session, Toolchain toolchain, String program) {
        String token = HexFormat.of().formatHex(bytes(16));
        CompletionToken.Harnessed harnessed = toolchain.language().token().add(program, token);
        if (harnessed.missing() != null) {
            return status(Outcome.FAILED, MultiplEStatus.EXCEPTION, harnessed.missing(), null);
        }
        Map<String, String> files = Map.of(toolchain.language().file(), harnessed.program());
        Step compiled = compile(session, toolchain, harnessed.program(), harnessed.mainClass(), files);
        if (compiled.failure() != null) {
            return compiled.failure();
        }
        TimeLimits limits = runLimits(toolchain);
        Execution run = session.execute(command(compiled.files(), toolchain.run(), toolchain, harnessed.mainClass(),
                harnessed.program(), null, limits, toolchain.language().runLimits(), UNIT_OUTPUT, true, true));
        boolean tokenSeen = run.token().equals(token);
        String status = MultiplEStatus.of(toolchain.language().name(), run, tokenSeen);
        CpuTime cpu = new CpuTime(run.cpuMillis(), Math.round(limits.cpuSeconds() * 1000));
        return switch (status) {
            case MultiplEStatus.OK -> status(Outcome.PASSED, status, null, cpu);
            case MultiplEStatus.TIMEOUT -> status(Outcome.TIMED_OUT, status, timeout(run, limits), cpu);
            default -> status(Outcome.FAILED, status, run.exitStatus() == 0 && run.exitedNormally() && !tokenSeen
                    ? "exited with status 0 before its tests finished (no completion token)\n" + head(run.stderr())
                    : exit(run) + head(run.stderr()), cpu);
        };
    }

    private FilterResult io(SandboxPool.Session session, Toolchain toolchain, String program, List<TestCase> cases) {
        String mainClass = toolchain.language().name().equals("java") ? CompletionToken.javaMainClass(program) : null;
        Map<String, String> files = Map.of(toolchain.language().file(), program);
        Step compiled = compile(session, toolchain, program, mainClass, files);
        if (compiled.failure() != null) {
            return compiled.failure().withFields(Map.of("tests_passed", 0, "tests_total", cases.size(),
                    "test_fraction", 0.0));
        }
        TimeLimits limits = runLimits(toolchain);
        Map<String, String> pending = compiled.files();
        int passed = 0;
        long cpuMax = 0;
        String firstFailure = null;
        Outcome firstOutcome = null;
        for (int i = 0; i < cases.size(); i++) {
            TestCase test = cases.get(i);
            boolean lastCase = i == cases.size() - 1;
            int outputBytes = Math.max(1 << 20, test.output().length() * 2 + 4096);
            Execution run = session.execute(command(pending, toolchain.run(), toolchain, mainClass, program, test.input(),
                    limits, toolchain.language().runLimits(), outputBytes, false, lastCase && settings.checker().isEmpty()));
            pending = Map.of();
            cpuMax = Math.max(cpuMax, run.cpuMillis());
            String failure = caseFailure(session, run, test, limits, lastCase);
            if (failure == null) {
                passed++;
                continue;
            }
            if (firstFailure == null) {
                firstFailure = "case " + i + ": " + failure;
                firstOutcome = run.reachedLimit() ? Outcome.TIMED_OUT
                        : Outcome.FAILED;
            }
            if (settings.stopAtFirstFailure()) {
                break;
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tests_passed", passed);
        fields.put("tests_total", cases.size());
        fields.put("test_fraction", (double) passed / cases.size());
        CpuTime cpu = new CpuTime(cpuMax, Math.round(limits.cpuSeconds() * 1000));
        if (firstFailure == null) {
            return new FilterResult(Outcome.PASSED, 1.0, null, "passed " + passed + " of " + cases.size() + " tests",
                    fields, cpu);
        }
        fields.put("first_failure", firstFailure);
        return new FilterResult(firstOutcome, 0.0, null, "passed " + passed + " of " + cases.size()
                + (settings.stopAtFirstFailure() ? " tests before the first failure" : " tests") + "; " + firstFailure,
                fields, cpu);
    }

    /** Why a case failed, or null when it passed. */
    private String caseFailure(SandboxPool.Session session, Execution run, TestCase test, TimeLimits limits,
                               boolean lastCase) {
        if (run.reachedLimit()) {
            return timeout(run, limits);
        }
        if (!run.exitedNormally() || run.exitStatus() != 0) {
            return exit(run).strip() + head(run.stderr()).transform(s -> s.isEmpty() ? "" : ": " + s.strip());
        }
        if (run.stdoutTruncated()) {
            return "output longer than " + run.stdout().length() + " characters; expected " + quoted(test.output());
        }
        boolean matches = settings.checker().isEmpty() ? settings.comparison().matches(test.output(), run.stdout())
                : checkerAccepts(session, test, run.stdout(), lastCase);
        return matches ? null : "expected " + quoted(test.output()) + ", got " + quoted(run.stdout());
    }

    private boolean checkerAccepts(SandboxPool.Session session, TestCase test, String actual, boolean lastCase) {
        Map<String, String> added = new LinkedHashMap<>(settings.checkerFiles());
        added.put("evalbatch-input.txt", test.input());
        added.put("evalbatch-expected.txt", test.output());
        added.put("evalbatch-actual.txt", actual);
        List<String> argv = new ArrayList<>(settings.checker());
        argv.addAll(List.of("evalbatch-input.txt", "evalbatch-actual.txt", "evalbatch-expected.txt"));
        StepLimits limits = new StepLimits(10, 30, 4096, 64);
        Execution verdict = session.execute(new Command(Map.of(), added, argv, environment(Map.of()), null,
                new TimeLimits(limits.cpuSeconds(), limits.wallSeconds()), limits.memoryMb(), limits.processes(),
                4096, DETAIL_STDERR, false, lastCase, null));
        return verdict.exitedNormally() && verdict.exitStatus() == 0;
    }

    private record Step(Map<String, String> files, FilterResult failure) {
    }

    /** Compiles in the session's new working directory; the files are then already there. */
    private Step compile(SandboxPool.Session session, Toolchain toolchain, String program, String mainClass,
                         Map<String, String> files) {
        if (toolchain.compile().isEmpty()) {
            return new Step(files, null);
        }
        TimeLimits limits = compileLimits(toolchain);
        StepLimits step = toolchain.language().compileLimits();
        // The warm compiler is the same javac with the profile's options; compiling in memory, its
        // class path is the jar alone.
        Command compile = settings.warmJava() && toolchain.language().warmCompiler()
                ? new Command(files, Map.of(), List.of("-proc:none", "-classpath",
                        settings.support().resolve(SupportFiles.JAVATUPLES).toString()),
                        environment(toolchain.language().environment()), null, limits, step.memoryMb(),
                        step.processes(), UNIT_OUTPUT, STDERR_KEPT, false, false, toolchain.language().file())
                : command(files, toolchain.compile(), toolchain, mainClass, program, null, limits, step, UNIT_OUTPUT,
                        false, false);
        Execution build = session.execute(compile);
        CpuTime cpu = new CpuTime(build.cpuMillis(), Math.round(limits.cpuSeconds() * 1000));
        if (build.reachedLimit()) {
            // bigcode's Rust evaluator calls a compile timeout a Timeout; its others, a SyntaxError.
            return new Step(Map.of(), status(Outcome.TIMED_OUT, MultiplEStatus.TIMEOUT, "compiling "
                    + timeout(build, limits), cpu));
        }
        if (!build.exitedNormally() || build.exitStatus() != 0) {
            return new Step(Map.of(), status(Outcome.FAILED, MultiplEStatus.SYNTAX_ERROR, "did not compile ("
                    + exit(build).strip() + ")\n" + head(build.stderr() + build.stdout()), cpu));
        }
        return new Step(Map.of(), null);
    }

    private Command command(Map<String, String> files, List<String> template, Toolchain toolchain, String mainClass,
                            String program, String stdin, TimeLimits limits, StepLimits step, int outputBytes,
                            boolean token, boolean last) {
        List<String> argv = new ArrayList<>();
        for (String word : template) {
            if (word.equals("{precompiled-header}")) {
                java.nio.file.Path header = settings.precompiledHeaders().get(toolchain.language().name());
                if (header != null && INCLUDES_STDCXX.matcher(program).find()) {
                    argv.add("-include");
                    argv.add(header.toString());
                }
                continue;
            }
            argv.add(word.replace("{file}", toolchain.language().file())
                    .replace("{support}", settings.support().toString())
                    .replace("{class}", mainClass == null ? "Main" : mainClass));
        }
        return new Command(files, Map.of(), argv, environment(toolchain.language().environment()), stdin, limits,
                step.memoryMb(), step.processes(), outputBytes, STDERR_KEPT, token, last, null);
    }

    private static Map<String, String> environment(Map<String, String> language) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("HOME", "/tmp");
        environment.put("TMPDIR", "/tmp");
        environment.put("LANG", "C.UTF-8");
        environment.put("LC_ALL", "C.UTF-8");
        environment.putAll(language);
        return environment;
    }

    private TimeLimits runLimits(Toolchain toolchain) {
        StepLimits own = toolchain.language().runLimits();
        return settings.run() != null ? settings.run() : new TimeLimits(own.cpuSeconds(), own.wallSeconds());
    }

    private TimeLimits compileLimits(Toolchain toolchain) {
        StepLimits own = toolchain.language().compileLimits();
        return settings.compile() != null ? settings.compile() : new TimeLimits(own.cpuSeconds(), own.wallSeconds());
    }

    private static FilterResult status(Outcome outcome, String status, String why, CpuTime cpu) {
        Map<String, Object> fields = Map.of("status", status);
        String detail = why == null || why.isBlank() ? status : status + ": " + why.strip();
        return new FilterResult(outcome, outcome == Outcome.PASSED ? 1.0 : 0.0, null, detail, fields, cpu);
    }

    private static String timeout(Execution run, TimeLimits limits) {
        return "wall".equals(run.timedOut()) ? "timed out (wall-clock limit of " + limits.wallSeconds() + " s)"
                : "timed out (CPU limit of " + limits.cpuSeconds() + " s)";
    }

    private static String exit(Execution run) {
        return run.signal() != null ? "killed by " + run.signal() + "\n" : "exit status " + run.exitStatus() + "\n";
    }

    private static String head(String text) {
        return text.length() <= DETAIL_STDERR ? text : text.substring(0, DETAIL_STDERR) + "\n[...]";
    }

    private static String quoted(String text) {
        String head = text.length() <= FIRST_FAILURE_HEAD ? text : text.substring(0, FIRST_FAILURE_HEAD) + "...";
        return "'" + head.replace("\n", "\\n") + "'";
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Test cases read from a file are read once per file, not once per sample. */
    private List<TestCase> casesOf(String tests) {
        String text = tests.strip();
        if (text.startsWith("[")) {
            return TestCase.parse(text, json, settings.directory());
        }
        return casesFromFiles.computeIfAbsent(text, name -> TestCase.parse(name, json, settings.directory()));
    }

    @Override
    public void close() {
        sandboxes.close();
    }
}
