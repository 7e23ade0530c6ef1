package io.evalbatch.filter.python;

import io.evalbatch.filter.sandbox.SandboxSettings;
import io.evalbatch.support.Requires;
import io.evalbatch.support.Survivors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile programs, run by real Python in the real sandbox. Each must end not passed (or timed
 * out) within its limits, leave nothing running, and not disturb the samples scored after it.
 */
class SandboxIsolationTest {

    private static final double TIMEOUT = 1.0;
    private static final double WALL = 3.0;
    private static final Leftovers LEFTOVERS = new Leftovers("4242.7331");

    private static PythonUnitTestFilter filter;
    private static boolean namespaces;
    private static List<String> temporaryBefore;

    @BeforeAll
    static void start() throws Exception {
        temporaryBefore = sandboxTemporaries();
        filter = new PythonUnitTestFilter(new SandboxSettings("python3", "0", TIMEOUT, WALL, 1024, 16, 32, "auto", SandboxSettings.DEFAULT_PRELOAD), new ProgramTemplate(null));
        namespaces = run("import posix\nassert posix.getuid() != 0\n").outcome() == Outcome.PASSED;
    }

    @AfterAll
    static void noProcessOfAnySampleSurvivesNorAnyTemporaryDirectory() throws Exception {
        filter.close();
        assertThat(sandboxTemporaries()).isSubsetOf(temporaryBefore);
        assertThat(LEFTOVERS.survivors()).isEmpty();
        assertThat(Survivors.ofSandboxUsers()).isEmpty();
    }

    @Test
    void exitingWithoutAResultIsNotAPass() {
        assertThat(run("import os\nos._exit(0)\n").outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(run("import sys\nsys.exit(0)\n")).isEqualTo(FilterResult.failed(
                "failed: 0\nSystemExit in the program:\n  line 2, in <module>: sys.exit(0)"));
        assertThat(run("raise SystemExit(0)\n").detail()).startsWith("failed: 0\n");
    }

    @Test
    void sayingPassedOnTheStandardStreamsIsNotAPass() {
        assertThat(run("print('passed')\nassert False\n").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(run("import posix\nposix.write(1, b'passed\\n')\nposix.write(2, b'passed\\n')\nposix._exit(0)\n")
                .outcome()).isEqualTo(Outcome.TIMED_OUT);
        // writing into the result pipe's likely numbers does not forge a result either
        assertThat(run("import posix\nfor fd in range(3, 64):\n    try:\n        posix.write(fd, b'passed')\n"
                + "    except OSError:\n        pass\nposix._exit(0)\n").outcome()).isEqualTo(Outcome.TIMED_OUT);
    }

    @Test
    void floodingOutputEndsAtTheTimeout() {
        FilterResult result = run("import posix\nwhile True:\n    posix.write(1, b'x' * 65536)\n");
        assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(run("while True:\n    print('y' * 10000)\n").outcome()).isIn(Outcome.TIMED_OUT, Outcome.FAILED);
    }

    @Test
    void spinningBlockingSignalsAndSleepingAllEndWithinTheLimits() {
        // The CPU limit ends a spinning program after the CPU time it was allowed, however busy the
        // machine; the wall-clock bounds hold on a busy machine too (a sleeping program uses no CPU).
        long start = System.nanoTime();
        FilterResult spinning = measured("while True:\n    pass\n");
        assertThat(spinning.withCpu(null)).isEqualTo(FilterResult.timedOut("timed out"));
        assertThat(spinning.cpu().usedMillis()).isBetween(Math.round(TIMEOUT * 900), Math.round(TIMEOUT * 1000) + 1000);
        assertThat(seconds(start)).isLessThan(WALL + 1.0);

        start = System.nanoTime();
        FilterResult blocked = run("import signal\nsignal.pthread_sigmask(signal.SIG_BLOCK, "
                + "{signal.SIGPROF, signal.SIGXCPU, signal.SIGTERM, signal.SIGALRM})\nwhile True:\n    pass\n");
        assertThat(blocked.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(seconds(start)).isLessThan(WALL + 1.0);

        start = System.nanoTime();
        assertThat(run("import time\ntime.sleep(60)\n").outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(seconds(start)).isBetween(WALL * 0.9, WALL + 1.0);
    }

    @Test
    void everythingASampleStartsIsKilledWithIt() {
        assertThat(run(LEFTOVERS.program()).detail()).startsWith("failed: scored\n");
        assertThat(LEFTOVERS.survivors()).isEmpty();
    }

    @Test
    void forkBombsAndUnboundedAllocationAreContained() {
        FilterResult bomb = run("import posix\nwhile True:\n    try:\n        posix.fork()\n    except OSError:\n        pass\n");
        assertThat(bomb.outcome()).isIn(Outcome.TIMED_OUT, Outcome.FAILED);
        FilterResult growing = run("x = []\nwhile True:\n    x.append(bytearray(10**7))\n");
        assertThat(growing.outcome()).isIn(Outcome.FAILED, Outcome.TIMED_OUT);
        // beyond the address-space limit at once: MemoryError, whose text is empty
        assertThat(run("x = bytearray(10**10)\n").detail()).startsWith("failed: \nMemoryError in the program:");
        assertThat(run("assert 1 + 1 == 2\n").outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void killingTheParentOrTheProcessGroupHurtsOnlyTheSample() {
        assertThat(run("import posix\nposix.kill(posix.getppid(), 9)\nassert False\n").outcome())
                .isNotEqualTo(Outcome.PASSED);
        // the sample kills itself: no result, so not passed
        assertThat(run("import posix\nposix.killpg(0, 9)\nposix.kill(0, 9)\nassert False\n").outcome())
                .isIn(Outcome.FAILED, Outcome.TIMED_OUT);
        assertThat(run("import posix\nfor pid in range(1, 70000):\n    try:\n        posix.kill(pid, 9)\n"
                + "    except OSError:\n        pass\nassert False\n").outcome()).isNotEqualTo(Outcome.PASSED);
        assertThat(run("assert 2 * 2 == 4\n").outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void theSampleSeesNothingOfEvalbatch() {
        long self = ProcessHandle.current().pid();
        assertThat(run("import os\nassert not [k for k in os.environ if k not in "
                + "('PATH', 'LC_ALL', 'LC_CTYPE', 'PYTHONHASHSEED', 'PYTHONDONTWRITEBYTECODE', 'OMP_NUM_THREADS')], "
                + "dict(os.environ)\n")).isEqualTo(FilterResult.passed("passed"));
        String readsJvm = "import posix\nfor name in ('environ', 'cmdline'):\n    try:\n"
                + "        data = open('/proc/" + self + "/' + name, 'rb').read()\n    except OSError:\n"
                + "        continue\n    raise AssertionError(name + ' readable')\n";
        Requires.namespaces(namespaces);
        assertThat(run(readsJvm)).isEqualTo(FilterResult.passed("passed"));
        assertThat(run("import posix\nassert not [p for p in posix.listdir('/proc') if p.isdigit() "
                + "and open('/proc/' + p + '/status').read().find('Uid:\\t0\\t') >= 0]\n"))
                .isEqualTo(FilterResult.passed("passed"));
    }

    @Test
    void theKernelInterfacesContainerEscapesUseAreRefused() {
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "the probes call system calls by their x86_64 numbers");
        assertThat(run(SyscallProbes.PYTHON)).isEqualTo(FilterResult.passed("passed"));
        // What the filter must leave alone: processes, threads (clone3 refused, the C library falls
        // back to clone), pipes and a plain personality query.
        assertThat(run("import ctypes, posix, threading\n"
                + "pid = posix.fork()\nif pid == 0:\n    posix._exit(7)\n"
                + "assert posix.waitpid(pid, 0)[1] == 7 << 8\n"
                + "t = threading.Thread(target=lambda: None)\nt.start()\nt.join()\n"
                + "assert ctypes.CDLL(None).syscall(135, ctypes.c_long(0)) >= 0\n"))
                .isEqualTo(FilterResult.passed("passed"));
    }

    @Test
    void theSampleRunsUnprivilegedWithoutNetworkInAFreshEmptyDirectory() throws Exception {
        Requires.namespaces(namespaces);
        assertThat(run("import posix\nassert posix.getuid() >= 61000 and posix.getgid() >= 61000\n"
                + "assert posix.getgroups() == []\n")).isEqualTo(FilterResult.passed("passed"));
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(run("import socket\ntry:\n    socket.create_connection(('127.0.0.1', " + server.getLocalPort()
                    + "), timeout=1)\nexcept OSError:\n    pass\nelse:\n    raise AssertionError('connected')\n"))
                    .isEqualTo(FilterResult.passed("passed"));
        }
        assertThat(run("import posix\nassert posix.listdir('.') == []\nopen('/tmp/left-behind', 'w').write('x')\n"
                + "open('here', 'w').write('y')\n")).isEqualTo(FilterResult.passed("passed"));
        assertThat(run("import posix\nassert posix.listdir('.') == [], posix.listdir('.')\n"
                + "assert 'left-behind' not in posix.listdir('/tmp')\n")).isEqualTo(FilterResult.passed("passed"));
        assertThat(run("open('/etc/evalbatch-was-here', 'w')\n").outcome()).isEqualTo(Outcome.FAILED);
    }

    /**
     * Leftovers in every writable place, nested, and a working directory swapped for another
     * one under its name: the next sample still finds them all empty.
     */
    @Test
    void nothingASampleWritesReachesTheNext() {
        Requires.namespaces(namespaces);
        String scratch = "['/tmp', '/var/tmp', '/dev/shm', '/run/lock']";
        assertThat(run("import posix\n"
                + "for d in " + scratch + ":\n"
                + "    posix.mkdir(d + '/deep')\n    posix.mkdir(d + '/deep/er')\n"
                + "    open(d + '/deep/er/file', 'w').write('x')\n    open(d + '/top', 'w').write('x')\n"
                + "posix.mkdir('/tmp/other')\nopen('/tmp/other/planted', 'w').write('x')\n"
                + "posix.rename(posix.getcwd(), '/tmp/moved')\nposix.rename('/tmp/other', '/tmp/work')\n"))
                .isEqualTo(FilterResult.passed("passed"));
        assertThat(run("import posix\n"
                + "assert posix.listdir('.') == [], posix.listdir('.')\n"
                + "assert posix.listdir('/tmp') == ['work'], posix.listdir('/tmp')\n"
                + "for d in " + scratch + "[1:]:\n    assert posix.listdir(d) == [], (d, posix.listdir(d))\n"))
                .isEqualTo(FilterResult.passed("passed"));
    }

    @Test
    void hostileSamplesDoNotDisturbTheOthersScoredAlongside() throws Exception {
        List<String> programs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            programs.add(switch (i % 4) {
                case 0 -> "assert sum(range(" + i + ")) == " + (i * (i - 1) / 2) + "\n";
                case 1 -> "import posix, time\nposix.killpg(0, 9)\nwhile True:\n    pass\n";
                case 2 -> "assert sorted([3, 1, 2]) == [1, 2, 4]\n";
                default -> "import posix\nwhile True:\n    try:\n        posix.fork()\n    except OSError:\n        break\n"
                        + "x = bytearray(10**10)\n";
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<FilterResult>> results = new ArrayList<>();
            for (String program : programs) {
                results.add(threads.submit(() -> run(program)));
            }
            for (int i = 0; i < programs.size(); i++) {
                Outcome expected = switch (i % 4) {
                    case 0 -> Outcome.PASSED;
                    case 1 -> Outcome.TIMED_OUT;
                    default -> Outcome.FAILED;
                };
                assertThat(results.get(i).get().outcome()).as("program %d", i).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aSandboxKilledFromOutsideMidSampleIsReplacedAndTheSampleScoredAgain() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<FilterResult> result = thread.submit(() -> run("import time\ntime.sleep(1.5)\nassert True\n"));
            Thread.sleep(500);
            List<ProcessHandle> sandboxes = ProcessHandle.current().descendants()
                    .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("sandbox.py")).orElse(false))
                    .toList();
            assertThat(sandboxes).isNotEmpty();
            sandboxes.forEach(ProcessHandle::destroyForcibly);
            assertThat(result.get()).isEqualTo(FilterResult.passed("passed"));
        } finally {
            thread.shutdownNow();
        }
    }

    /** What sandboxes create in the temporary directory, and must remove. */
    private static List<String> sandboxTemporaries() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("evalbatch-interpreter-")
                            || n.startsWith("evalbatch-sandbox-") && !n.equals("evalbatch-sandbox-users")
                            || n.startsWith("evalbatch-python-"))
                    .toList();
        }
    }

    /** Outcome and detail: CPU time differs from run to run, and the tests about it read it themselves. */
    private static FilterResult run(String program) {
        return measured(program).withCpu(null);
    }

    private static FilterResult measured(String program) {
        return filter.evaluate(new Sample("run", 1, "task", "doc", 0, "file", 1, "", program, "", null, null));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
