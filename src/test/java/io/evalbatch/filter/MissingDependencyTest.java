package io.evalbatch.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.evalbatch.support.Requires;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each language's signature of a missing dependency, against the message its real toolchain prints
 * when the dependency is missing: a failure counts as the machine's only when the problem loads
 * what is missing, never when only the response does.
 */
class MissingDependencyTest {

    @TempDir
    Path dir;

    @Test
    void pythonsMissingModuleOfTheTestsIsTheMachines() throws Exception {
        Requires.language("python");
        String message = run(dir, "python3", "-c", "import evalbatch_absent.sub");
        assertMachines("python", message, "import evalbatch_absent\n", "evalbatch_absent");
        assertMachines("python", message, "from evalbatch_absent.sub import x\n", "evalbatch_absent");
        assertAnswers("python", message, "    import evalbatch_absent\n");
    }

    @Test
    void perlsMissingModuleOfTheTestsIsTheMachines() throws Exception {
        Requires.language("perl");
        String message = run(dir, "perl", "-e", "use Evalbatch::Absent;");
        assertMachines("perl", message, "use Evalbatch::Absent;\n", "Evalbatch::Absent");
        assertAnswers("perl", message, "use Evalbatch::Absent;\n");
    }

    @Test
    void nodesMissingModuleOfTheTestsIsTheMachines() throws Exception {
        Requires.language("javascript");
        String message = run(dir, "node", "-e", "require('evalbatch-absent')");
        assertMachines("javascript", message, "const x = require('evalbatch-absent');\n", "evalbatch-absent");
        assertAnswers("javascript", message, "const x = require('evalbatch-absent');\n");
    }

    @Test
    void cppsMissingHeaderOfThePromptIsTheMachines() throws Exception {
        Requires.language("cpp");
        Files.writeString(dir.resolve("p.cpp"), "#include <evalbatch_absent.h>\nint main() {}\n");
        String message = run(dir, "g++", "-fsyntax-only", "p.cpp");
        assertMachines("cpp", message, "#include <evalbatch_absent.h>\n", "evalbatch_absent.h");
        assertAnswers("cpp", message, "#include <evalbatch_absent.h>\n");
    }

    /** A package javac cannot find, and a class the JVM cannot load at run time (javatuples missing, say). */
    @Test
    void javasMissingPackageOrClassOfThePromptIsTheMachines() throws Exception {
        Requires.language("java");
        Path helper = Files.createDirectories(dir.resolve("org/evalbatch/absent")).resolve("Helper.java");
        Files.writeString(helper, "package org.evalbatch.absent;\npublic class Helper { public static int one() "
                + "{ return 1; } }\n");
        Files.writeString(dir.resolve("Problem.java"), "import org.evalbatch.absent.*;\nclass Problem {\n"
                + "    public static void main(String[] args) { System.out.println(Helper.one()); }\n}\n");
        String compiled = run(dir, "javac", "-d", "classes", "Problem.java", helper.toString());
        assertThat(compiled).isEmpty();
        Files.delete(dir.resolve("classes/org/evalbatch/absent/Helper.class"));
        String atRunTime = run(dir, "java", "-cp", "classes", "Problem");
        assertThat(atRunTime).contains("NoClassDefFoundError");
        assertMachines("java", atRunTime, "import org.evalbatch.absent.*;\n", "org.evalbatch.absent");
        assertAnswers("java", atRunTime, "import org.evalbatch.absent.*;\n");

        Files.delete(helper);
        String atCompileTime = run(dir, "javac", "-d", "classes", "Problem.java");
        assertMachines("java", atCompileTime, "import org.evalbatch.absent.*;\n", "org.evalbatch.absent");
    }

    @Test
    void anotherFailureIsTheAnswers() {
        Sample loadsIt = sample("import numpy\n", "    return 1\n", "");
        for (FilterResult answers : List.of(FilterResult.failed("AssertionError"), FilterResult.timedOut("No module "
                + "named 'numpy'"))) {
            assertThat(MissingDependency.judged("python", loadsIt, answers)).isSameAs(answers);
        }
        FilterResult noSignature = FilterResult.failed("No module named 'numpy'");
        assertThat(MissingDependency.judged("rust", loadsIt, noSignature)).isSameAs(noSignature);
    }

    /** The problem loads what is missing, in its prompt or in its tests: the sample is an error naming it. */
    private static void assertMachines(String language, String message, String loading, String named) {
        FilterResult failure = FilterResult.failed("Exception: exit status 1\n" + message);
        for (Sample sample : List.of(sample(loading, "    body\n", ""), sample("", "    body\n", loading))) {
            FilterResult error = MissingDependency.judged(language, sample, failure);
            assertThat(error.outcome()).as(message).isEqualTo(Outcome.ERROR);
            assertThat(error.errorCause()).contains("missing_dependency");
            assertThat(error.detail()).startsWith("the problem loads " + named + ", which this machine lacks");
        }
    }

    /** Only the response loads what is missing: the answer's failure stays. */
    private static void assertAnswers(String language, String message, String loading) {
        FilterResult failure = FilterResult.failed("Exception: exit status 1\n" + message);
        assertThat(MissingDependency.judged(language, sample("", loading, ""), failure)).as(message).isSameAs(failure);
    }

    private static Sample sample(String prompt, String response, String test) {
        return new Sample("r", 0, "t", "d", 0, "f", 1, prompt, response, test, "f", null);
    }

    /** What the command prints on stderr and stdout. */
    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
