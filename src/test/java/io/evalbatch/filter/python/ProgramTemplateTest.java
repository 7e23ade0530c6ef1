package io.evalbatch.filter.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalbatch.filter.Sample;
import org.junit.jupiter.api.Test;

class ProgramTemplateTest {

    @Test
    void withoutTemplateItIsHumanEvalsProgram() {
        Sample humanEval = sample("def f():\n", "    return 1\n", "def check(c):\n    assert c() == 1\n", "f");
        assertThat(new ProgramTemplate(null).render(humanEval))
                .isEqualTo("def f():\n" + "    return 1\n" + "\n" + "def check(c):\n    assert c() == 1\n" + "\n" + "check(f)");
        Sample lmEval = sample("", "def f():\n    return 1", "assert f() == 1", null);
        assertThat(new ProgramTemplate(null).render(lmEval)).isEqualTo("def f():\n    return 1\nassert f() == 1");
    }

    @Test
    void placeholdersAreReplacedOnceAndBracesInTheResponseAreLeftAlone() {
        Sample sample = sample("P", "x = '{test}' + '{prompt}'", "T", "main");
        assertThat(new ProgramTemplate("import math\n{response}\n{test}\n{entry_point}()\n").render(sample))
                .isEqualTo("import math\nx = '{test}' + '{prompt}'\nT\nmain()\n");
    }

    private static Sample sample(String prompt, String response, String test, String entryPoint) {
        return new Sample("run", 0, "task", "doc", 0, "file", 1, prompt, response, test, entryPoint, null);
    }
}
