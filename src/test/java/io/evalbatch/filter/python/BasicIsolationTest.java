package io.evalbatch.filter.python;

import io.evalbatch.filter.sandbox.SandboxSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import io.evalbatch.support.Requires;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox without namespaces ({@code isolation: basic}, what a user who is not root gets):
 * real programs, checked for what basic isolation promises. Needs an interpreter that any user
 * can read ({@code /usr/bin/python3}): run as root, the programs run as a sandbox user.
 */
class BasicIsolationTest {

    private static final String INTERPRETER = "/usr/bin/python3";
    private static final Leftovers LEFTOVERS = new Leftovers("5353.8442");

    private static PythonUnitTestFilter filter;

    @BeforeAll
    static void start() {
        Requires.executable(Path.of(INTERPRETER), "python3");
        filter = new PythonUnitTestFilter(new SandboxSettings(INTERPRETER, "0", 1.0, 3.0, 1024, 16, 32, "basic",
                SandboxSettings.DEFAULT_PRELOAD), new ProgramTemplate("{response}"));
    }

    @AfterAll
    static void nothingOfAnySampleSurvives() {
        if (filter != null) {
            filter.close();
        }
        assertThat(LEFTOVERS.survivors()).isEmpty();
    }

    @Test
    void scoresAsHumanEvalDoes() {
        assertThat(run("assert 1 + 1 == 2\n")).isEqualTo(FilterResult.passed("passed"));
        assertThat(run("raise ValueError('nope')\n")).isEqualTo(FilterResult.failed(
                "failed: nope\nValueError in the program:\n  line 1, in <module>: raise ValueError('nope')"));
        assertThat(run("def f(:\n")).isEqualTo(FilterResult.failed("failed: invalid syntax (<string>, line 1)"));
        assertThat(run("import os\nos._exit(0)\n").outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(run("while True:\n    pass\n").outcome()).isEqualTo(Outcome.TIMED_OUT);
    }

    @Test
    void whatASampleStartsIsKilledWithIt() {
        assertThat(run(LEFTOVERS.program()).detail()).startsWith("failed: scored\nAssertionError in the program:");
        assertThat(LEFTOVERS.survivors()).isEmpty();
    }

    @Test
    void eachSampleGetsAFreshEmptyWorkingDirectory() {
        assertThat(run("import posix\nassert posix.listdir('.') == []\nopen('here', 'w').write('x')\n"
                + "posix.mkdir('sub')\nopen('sub/deeper', 'w').write('y')\n"))
                .isEqualTo(FilterResult.passed("passed"));
        assertThat(run("import posix\nassert posix.listdir('.') == [], posix.listdir('.')\n"))
                .isEqualTo(FilterResult.passed("passed"));
    }

    @Test
    void theSampleSeesNoneOfEvalbatchsEnvironment() {
        assertThat(run("import os\nassert not [k for k in os.environ if k not in "
                + "('PATH', 'LC_ALL', 'LC_CTYPE', 'PYTHONHASHSEED', 'PYTHONDONTWRITEBYTECODE', 'OMP_NUM_THREADS')], "
                + "dict(os.environ)\n")).isEqualTo(FilterResult.passed("passed"));
    }

    /** Without namespaces, as without root, the syscall filter is what stands between a program and a user namespace of its own. */
    @Test
    void theKernelInterfacesContainerEscapesUseAreRefused() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64"),
                "the probes call system calls by their x86_64 numbers");
        assertThat(run(SyscallProbes.PYTHON)).isEqualTo(FilterResult.passed("passed"));
    }

    /** Outcome and detail: CPU time differs from run to run, and the tests about it read it themselves. */
    private static FilterResult run(String program) {
        return measured(program).withCpu(null);
    }

    private static FilterResult measured(String program) {
        return filter.evaluate(new Sample("run", 1, "task", "doc", 0, "file", 1, "", program, "", null, null));
    }
}
