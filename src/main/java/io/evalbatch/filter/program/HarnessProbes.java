package io.evalbatch.filter.program;

import java.util.Map;

/**
 * A known-good MultiPL-E problem per language, with its answer: run through a job's own preset and
 * harness before a run is created, it proves that what the samples' tests load is there (Perl's
 * Test::Deep, node's assert, javatuples on Java's class paths, the C++ headers), not only that the
 * compiler starts. Without it a machine missing a test library scores every sample failed.
 *
 * <p>Each is shaped as MultiPL-E's problems are: a prompt that opens the function, tests in the
 * language's MultiPL-E harness, and a chat answer holding the completed function in a fenced block.
 */
final class HarnessProbes {

    /**
     * @param prompt the problem's prompt, opening the function
     * @param body   what completes it, as a model would
     * @param tests  the problem's tests, in MultiPL-E's harness for the language
     * @param needs  what the harness needs of the machine, and the Debian package that brings it
     */
    record Probe(String prompt, String body, String tests, String needs) {

        /** A chat answer: the completed function in a block fenced with the language's name. */
        String answer(String language) {
            return "```" + language + "\n" + prompt + body + "```\n";
        }
    }

    private static final Map<String, Probe> PROBES = Map.of(
            "perl", new Probe("sub add {\n    my($x, $y) = @_;\n", "    return $x + $y;\n}\n",
                    "use Test::Deep;\n\n\nsub testhumaneval {\n    my $candidate = \\&add;\n"
                            + "        if(eq_deeply($candidate->(2, 3),5)) {\n        print \"ok!\" }else{\n"
                            + "        exit 1;\n        }\n}\n\ntesthumaneval();",
                    "the tests load Perl's Test::Deep (Debian: libtest-deep-perl)"),
            "javascript", new Probe("function add(x, y){\n", "  return x + y;\n}\n",
                    "const assert = require('node:assert');\n\n\nfunction test() {\n  let candidate = add;\n"
                            + "  assert.deepEqual(candidate(2, 3),5);\n}\n\ntest();",
                    "the tests load node's assert module (Debian: nodejs)"),
            "java", new Probe("class Problem {\n    public static long add(long x, long y) {\n",
                    "        return x + y;\n",
                    "    }\n    public static void main(String[] args) {\n    assert(add((2l), (3l)) == (5l));\n"
                            + "    assert(Pair.with(add((1l), (1l)), (0l)).getValue0() == (2l));\n    }\n\n}\n",
                    "the tests use javatuples (bundled) on javac's and java's class paths (Debian: openjdk-17-jdk-headless)"),
            "cpp", new Probe("#include<assert.h>\n#include<bits/stdc++.h>\nlong add(long x, long y) {\n",
                    "    return x + y;\n",
                    "}\nint main() {\n    auto candidate = add;\n    assert(candidate((2), (3)) == (5));\n}\n",
                    "the tests include bits/stdc++.h and assert.h (Debian: g++)"),
            "rust", new Probe("fn add(x: isize, y: isize) -> isize {\n", "    x + y\n",
                    "}\n\nfn main() {\n    let candidate = add;\n    assert_eq!(candidate(2, 3), 5);\n}\n",
                    "the tests need rustc and its standard library (Debian: rustc)"),
            "bash", new Probe("#!/bin/bash\nadd() {\n", "    echo $(( $1 + $2 ))\n",
                    "}\n\ncandidate() {\n    add \"$@\"\n}\n\nset -e\nrun_test() {\n"
                            + "    [[ $(candidate \"2\" \"3\") = \"5\" ]]\n}\n\nrun_test",
                    "the tests need bash (Debian: bash)"));

    private HarnessProbes() {
    }

    /** The language's probe, or null when MultiPL-E has none for it. */
    static Probe of(String language) {
        return PROBES.get(language);
    }
}
