package io.evalbatch.filter.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How code is taken from a chat answer, case by case as the rules state them. */
class CodeExtractionTest {

    private static final String ANSWER = "Here you go:\n```python\nprint(1)\n```\nand in C++:\n```cpp\nint x;\n```\n";

    @Test
    void fencedTakesTheFirstBlockInTheLanguageElseTheFirstElseTheWholeResponse() {
        assertThat(CodeExtraction.fenced(ANSWER, "cpp")).isEqualTo("int x;");
        assertThat(CodeExtraction.fenced(ANSWER, "rust")).isEqualTo("print(1)");
        assertThat(CodeExtraction.fenced("```js\nlet a;\n", "javascript")).isEqualTo("let a;\n");
        assertThat(CodeExtraction.fenced("just code, no fence", "python")).isEqualTo("just code, no fence");
    }

    @Test
    void sandboxFusionsHelperPrefersTheTaggedBlockAndFallsBackToHeuristicsAndNothing() {
        assertThat(CodeExtraction.sandboxFusion(ANSWER, "cpp")).isEqualTo("int x;");
        assertThat(CodeExtraction.sandboxFusion(ANSWER, "go")).isEqualTo("print(1)");
        assertThat(CodeExtraction.sandboxFusion("no code here", "cpp")).isEmpty();
        // Python: without fences, its heuristic finds the def and what is indented under it.
        assertThat(CodeExtraction.sandboxFusion("Try\n\ndef f(x):\n    return x\nthat is all", "python"))
                .isEqualTo("def f(x):\n    return x\n");
    }

    @Test
    void stopTokensCutAtTheEarliestOfThem() {
        assertThat(CodeExtraction.stopAt("a\n}\nb\nfunction c", List.of("\nfunction ", "\n}"))).isEqualTo("a");
        assertThat(CodeExtraction.stopAt("abc123def", List.of("re:\\d+"))).isEqualTo("abc");
        assertThat(CodeExtraction.stopAt("abc", List.of("x"))).isEqualTo("abc");
    }
}
