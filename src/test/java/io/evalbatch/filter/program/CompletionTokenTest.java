package io.evalbatch.filter.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the harness puts the completion token, and for C what the harnessed program does when
 * compiled and run. The other languages run for real in the reference and isolation tests.
 */
class CompletionTokenTest {

    @Test
    void aCProgramWritesTheTokenOnlyWhenItsTestsMainReturns(@TempDir Path dir) throws Exception {
        // main mentioned in a comment and in a string, the real one using its arguments and
        // falling off its end (main's implicit "return 0", which the renamed function must keep).
        String tests = "// int main() in a comment\nconst char *s = \"int main(\";\n"
                + "int main(int argc, char **argv) {\n  if (argc != 1 || !argv[0]) { return 3; }\n}\n";
        assertThat(runC(dir, "#include <stdlib.h>\n" + tests)).isEqualTo("0 TOKEN");
        // exit(0) before the tests' main returns: status 0, but no token.
        assertThat(runC(dir, "#include <stdlib.h>\nstatic void f(void) { exit(0); }\n"
                + "int main(void) {\n  f();\n  return 0;\n}\n")).isEqualTo("0 ");
        // A failing test keeps its status and writes no token.
        assertThat(runC(dir, "int main(void) {\n  return 4;\n}\n")).isEqualTo("4 ");
    }

    /** Compiles the harnessed program with gcc, runs it with descriptor 3 on a file: "STATUS TOKEN_WRITTEN". */
    private static String runC(Path dir, String program) throws Exception {
        Files.writeString(dir.resolve("main.c"), CompletionToken.C.add(program, "TOKEN").program());
        Process gcc = new ProcessBuilder("gcc", "-o", "main", "main.c").directory(dir.toFile()).inheritIO().start();
        assertThat(gcc.waitFor()).isZero();
        Process run = new ProcessBuilder("sh", "-c", "./main 3> token.txt").directory(dir.toFile()).start();
        int status = run.waitFor();
        return status + " " + Files.readString(dir.resolve("token.txt"));
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
