package io.evalbatch.filter.program;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code preset: multipl-e}: how SandboxFusion turns a chat model's answer to a MultiPL-E problem
 * into a program (its MultiPLEDataset in free-form mode): extract the code, trim it, put the
 * language's import lines before it and the problem's tests after it. The program does not
 * include the prompt: a chat answer repeats the function it completes.
 *
 * <p>One change for this machine kind: C++ programs do not get {@code #include<boost/any.hpp>},
 * which SandboxFusion's image has and a plain Debian does not, and which no MultiPL-E program uses.
 */
final class MultiplEProgram {

    static final Set<String> LANGUAGES = Set.of("javascript", "perl", "cpp", "java", "rust", "bash");

    private static final Map<String, List<String>> IMPORTS = Map.of(
            "cpp", List.of("using namespace std;", "#include<optional>", "#include<cassert>", "#include<stdlib.h>",
                    "#include<algorithm>", "#include<cmath>", "#include<math.h>", "#include<numeric>",
                    "#include<stdio.h>", "#include<vector>", "#include<set>", "#include<map>", "#include<queue>",
                    "#include<stack>", "#include<list>", "#include<deque>", "#include<string>", "#include<climits>",
                    "#include<cstring>", "#include<iostream>", "#include<sstream>", "#include<fstream>"),
            "java", List.of("import java.util.*;", "import java.lang.reflect.*;", "import org.javatuples.*;",
                    "import java.security.*;", "import java.math.*;", "import java.io.*;",
                    "import java.util.stream.*;"));

    private MultiplEProgram() {
    }

    static String build(String language, String response, List<String> stopTokens, String tests) {
        return String.join("\n", IMPORTS.getOrDefault(language, List.of())) + "\n" + code(language, response, stopTokens)
                + "\n" + tests;
    }

    /** The code taken from the response, before imports and tests are added. */
    static String code(String language, String response, List<String> stopTokens) {
        if (language.equals("javascript") || language.equals("perl")) {
            // SandboxFusion asks for language 'js', which no block tag maps to: the first block wins.
            return CodeExtraction.sandboxFusion(response, language.equals("perl") ? "perl" : "js");
        }
        List<CodeExtraction.Block> blocks = CodeExtraction.complete(response);
        if (blocks.isEmpty()) {
            blocks = CodeExtraction.incomplete(response);
        }
        if (blocks.isEmpty()) {
            blocks = CodeExtraction.heuristic(response, language);
        }
        String code = blocks.isEmpty() ? "" : blocks.get(0).code().replace("\r", "");
        if (language.equals("cpp")) {
            code = cutBefore(code, "int main()");
        } else if (language.equals("java") && code.contains("public class Main {\n")) {
            code = code.replace("public class Main {\n", "class Solution {\n")
                    .replace("public static void main(String[] args)", "");
        }
        code = cutBefore(code, "# Example usage");
        return CodeExtraction.stopAt(code, stopTokens.stream().filter(t -> !t.equals("\n\n")).toList());
    }

    private static String cutBefore(String code, String marker) {
        int at = code.indexOf(marker);
        // Python's str.strip(), whose idea of whitespace is wider than Java's.
        return at < 0 ? code : PythonText.strip(code.substring(0, at));
    }
}
