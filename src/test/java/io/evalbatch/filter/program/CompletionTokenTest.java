package io.evalbatch.filter.program;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Where the harness puts the completion token. That the harnessed programs compile and run is
 * checked by the reference tests with the real toolchains; here, the places found.
 */
class CompletionTokenTest {

    @Test
    void cRenamesTheLastMainOutsideCommentsAndStringsAndPassesItsArguments() {
        String program = "// int main() in a comment\nconst char *s = \"int main(\";\n"
                + "int main(int argc, char **argv) {\n  if (argc) { return 3; }\n}\n";
        String harnessed = CompletionToken.C.add(program, "TOKEN").program();
        assertThat(harnessed).contains("// int main() in a comment").contains("\"int main(\"")
                .contains("int evalbatch_tests_main(int argc, char **argv) {\n  if (argc) { return 3; }\n\n    return 0;\n}")
                .contains("evalbatch_tests_main(argc, argv)").contains("write(3, \"TOKEN\", 5)");
    }

    @Test
    void javaAddsItsMainToTheClassOfTheTestsMainAndNamesItForTheRun() {
        String program = "class Solution { static class Inner { } }\nclass Problem {\n    static class Pair { }\n"
                + "    public static void main(String[] args) {\n        assert true;\n    }\n\n}\n";
        CompletionToken.Harnessed harnessed = CompletionToken.JAVA.add(program, "TOKEN");
        assertThat(harnessed.mainClass()).isEqualTo("Problem");
        assertThat(harnessed.program()).contains("public static void evalbatchTestsMain(String[] args)")
                .endsWith("evalbatchToken.write(\"TOKEN\".getBytes());\n        }\n    }\n}\n");
    }

    @Test
    void rustRenamesTheTestsMain() {
        String harnessed = CompletionToken.RUST.add("fn f() {}\nfn main() {\n    f();\n}\n", "TOKEN").program();
        assertThat(harnessed).contains("fn evalbatch_tests_main() {\n    f();\n}")
                .contains("std::process::Termination::report(evalbatch_tests_main())").contains("b\"TOKEN\"");
    }

    @Test
    void aProgramWithoutAPlaceForTheTokenIsSaidToBeSo() {
        assertThat(CompletionToken.C.add("int f(void) { return 0; }\n", "T").missing()).contains("int main(");
        assertThat(CompletionToken.JAVA.add("class A { }\n", "T").missing()).contains("static void main(");
    }

    @Test
    void bashKeepsTheScriptsOwnExitStatus() {
        String harnessed = CompletionToken.BASH.add("false", "TOKEN").program();
        assertThat(harnessed).startsWith("false\n__evalbatch_status=$?\n").endsWith("exit \"$__evalbatch_status\"\n");
    }
}
