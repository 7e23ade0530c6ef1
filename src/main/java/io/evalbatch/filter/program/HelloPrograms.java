package io.evalbatch.filter.program;

import java.util.Map;

/**
 * A program per built-in language that prints "evalbatch" and exits: run in the sandbox before a
 * run is created, it proves the toolchain works there (readable by the sandbox user, within the
 * limits, its libraries found), so that a broken setup is refused instead of failing every sample.
 */
final class HelloPrograms {

    private static final Map<String, String> PROGRAMS = Map.of(
            "python", "import collections\nprint('evalbatch')\n",
            "javascript", "const assert = require('node:assert');\nassert.deepEqual([1], [1]);\nconsole.log('evalbatch');\n",
            "c", "#include <stdio.h>\n#include <math.h>\nint main(void) { printf(\"evalbatch %d\\n\", (int) sqrt(4.0)); return 0; }\n",
            "cpp", "#include<bits/stdc++.h>\nint main() { std::vector<int> v{1}; std::cout << \"evalbatch\" << v.size() << std::endl; }\n",
            "java", "import org.javatuples.*;\nclass Main {\n    public static void main(String[] args) {\n"
                    + "        assert Pair.with(1, 2).getValue1() == 2;\n        System.out.println(\"evalbatch\");\n    }\n}\n",
            "rust", "fn main() {\n    let v = vec![1];\n    assert_eq!(v.len(), 1);\n    println!(\"evalbatch\");\n}\n",
            "bash", "set -e\necho evalbatch\n",
            "perl", "use strict;\nprint \"evalbatch\\n\";\n");

    private HelloPrograms() {
    }

    /** The language's hello program, or null for a language a job added. */
    static String of(String language) {
        return PROGRAMS.get(language);
    }
}
