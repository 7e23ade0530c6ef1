package io.evalbatch.filter.python;

import io.evalbatch.filter.sandbox.SandboxSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.definition.InvalidJobDefinitionException;
import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScoringUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The warm interpreter starts without {@code site} and with preloaded modules, which must not
 * change what a program sees: real python3 processes, checked against a plain start of the same
 * interpreter.
 */
class WarmInterpreterTest {

    private static PythonUnitTestFilter filter;

    @BeforeAll
    static void start() {
        filter = new PythonUnitTestFilter(settings(SandboxSettings.DEFAULT_PRELOAD), new ProgramTemplate("{response}"));
    }

    @AfterAll
    static void stop() {
        filter.close();
    }

    @Test
    void programsFindTheSitePackagesOfAPlainStart() throws Exception {
        String directories = python("import os, site; print(repr([d for d in site.getsitepackages() if os.path.isdir(d)]))");
        assertThat(directories).as("the interpreter has a site-packages directory").isNotEqualTo("[]");
        assertThat(run("import sys\nmissing = [d for d in " + directories + " if d not in sys.path]\n"
                + "assert not missing, missing\n")).isEqualTo(FilterResult.passed("passed"));
    }

    /** reliability_guard's shutil and subprocess functions are disabled although the server never imports them. */
    @Test
    void modulesImportedByTheProgramAreGuardedAsHumanEvalGuardsThem() {
        assertThat(run("import shutil, subprocess\n"
                + "assert shutil.rmtree is None and shutil.move is None and shutil.chown is None\n"
                + "assert subprocess.Popen is None\n"
                + "assert callable(shutil.copyfile) and callable(subprocess.list2cmdline)\n"))
                .isEqualTo(FilterResult.passed("passed"));
        assertThat(run("import shutil\nshutil.rmtree('.')\n").detail()).isEqualTo("failed: 'NoneType' object is not "
                + "callable\nTypeError in the program:\n  line 2, in <module>: shutil.rmtree('.')");
    }

    /** What keeps a fork cheap: preloaded modules present, none that installs fork handlers. */
    @Test
    void programsStartWithThePreloadedModulesAndNoForkHandlers() {
        assertThat(run("import sys\n"
                + "assert all(m in sys.modules for m in ['typing', 'math', 're', 'collections']), 'preloaded'\n"
                + "assert 'threading' not in sys.modules and 'random' not in sys.modules, 'fork handlers'\n"
                + "import random, threading\nassert random.Random(1).random() == 0.13436424411240122\n"))
                .isEqualTo(FilterResult.passed("passed"));
    }

    @Test
    void anEmptyPreloadListStartsBare() {
        try (PythonUnitTestFilter bare = new PythonUnitTestFilter(settings(List.of()), new ProgramTemplate("{response}"))) {
            assertThat(bare.evaluate(sample("import sys\nassert 'typing' not in sys.modules\n")).withCpu(null))
                    .isEqualTo(FilterResult.passed("passed"));
        }
    }

    @Test
    void aPreloadThatCannotBeImportedStopsTheRunNamingTheModule() {
        assertThatThrownBy(() -> new PythonUnitTestFilter(settings(List.of("math", "no_such_module_here")),
                new ProgramTemplate("{response}")))
                .isInstanceOf(ScoringUnavailableException.class)
                .hasMessageContaining("cannot preload module 'no_such_module_here'");
    }

    @Test
    void preloadMustNameModules() {
        PythonFilterProvider provider = new PythonFilterProvider(sample -> java.util.OptionalLong.empty(), io.evalbatch.filter.ScorerEvents.NONE);
        provider.validate(new FilterSpec("job.yaml", "python", Map.of("preload", List.of("os.path", "_json"))));
        assertThatThrownBy(() -> provider.validate(new FilterSpec("job.yaml", "python",
                Map.of("preload", List.of("math", "os; import sys")))))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .hasMessage("job.yaml: filter.preload: 'os; import sys' is not a module name");
    }

    /**
     * Programs that do not compile are reported by the server without a process of their own: the
     * text must be what exec reports in a plain python3, as check_correctness words it.
     */
    @Test
    void programsThatDoNotCompileFailAsUnderAPlainExec() throws Exception {
        List<String> programs = List.of(
                "```python\ndef f():\n    return 1\n```\n",
                "def f(:\n    pass\n",
                "x = 1\n  y = 2\n",
                "s = 'a\u0000b'\nprint(s)\n",
                "x = " + "(".repeat(300) + "1" + ")".repeat(300) + "\n");
        for (String program : programs) {
            String expected = python("import sys\nsrc = sys.stdin.read()\ntry:\n    exec(src, {})\n"
                    + "except BaseException as e:\n    print(f'failed: {e}')\n", program);
            assertThat(expected).startsWith("failed: ");
            assertThat(run(program)).as(program).isEqualTo(FilterResult.failed(expected));
        }
    }

    /** Requests and answers are counted UTF-8 bytes: text beyond ASCII must arrive whole, both ways. */
    @Test
    void textBeyondAsciiCrossesTheSandboxIntact() {
        FilterResult result = run("s = 'ünïcödé ✓ 数学 🧪'\nassert len(s) == 14, len(s)\nraise ValueError(s + '\\n' + s)\n");
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.detail()).isEqualTo("failed: ünïcödé ✓ 数学 🧪\nünïcödé ✓ 数学 🧪\n"
                + "ValueError in the program:\n  line 3, in <module>: raise ValueError(s + '\\n' + s)");
    }

    /** Outcome and detail: CPU time differs from run to run. */
    private static FilterResult run(String program) {
        return filter.evaluate(sample(program)).withCpu(null);
    }

    private static Sample sample(String program) {
        return new Sample("run", 1, "task", "doc", 0, "file", 1, "", program, "", null, null);
    }

    private static SandboxSettings settings(List<String> preload) {
        return new SandboxSettings("python3", "0", 2.0, 5.0, 4096, 64, 64, "auto", preload);
    }

    /** What a plain {@code python3 -s} prints: the interpreter with its site customisation. */
    private static String python(String code) throws Exception {
        return python(code, "");
    }

    private static String python(String code, String input) throws Exception {
        Process process = new ProcessBuilder("python3", "-s", "-c", code).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).isZero();
        return out;
    }
}
