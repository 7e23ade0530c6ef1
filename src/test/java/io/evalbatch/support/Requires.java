package io.evalbatch.support;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs of the machine beyond a JDK and python3: a language's toolchain, Perl's
 * Test::Deep, Debian's chromium, root for namespaces. Where one is missing, the test is skipped with
 * one line naming it and the Debian package that brings it (on the console, and as surefire's skip
 * reason); with {@code CI=true} the test fails instead,
 * since CI installs everything ({@code .ci/run}) and a skip there would hide a hole.
 */
public final class Requires {

    /** Each language's program and the Debian package that brings it. */
    private static final Map<String, String[]> TOOLCHAINS = Map.of(
            "python", new String[] {"python3", "python3"},
            "javascript", new String[] {"node", "nodejs"},
            "c", new String[] {"gcc", "gcc"},
            "cpp", new String[] {"g++", "g++"},
            "java", new String[] {"javac", "openjdk-17-jdk-headless"},
            "rust", new String[] {"rustc", "rustc"},
            "bash", new String[] {"bash", "bash"},
            "perl", new String[] {"perl", "perl"});

    private static final Map<String, Boolean> PROBED = new ConcurrentHashMap<>();
    private static final PrintStream CONSOLE = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            java.nio.charset.StandardCharsets.UTF_8);

    private Requires() {
    }

    /** The toolchain the program filter uses for {@code language}; for Perl also Test::Deep, which MultiPL-E's tests load. */
    public static void language(String language) {
        String[] toolchain = TOOLCHAINS.get(language);
        if (toolchain == null) {
            throw new IllegalArgumentException("no requirement known for language " + language);
        }
        need(onPath(toolchain[0]), toolchain[0] + " (the " + language + " toolchain)", toolchain[1]);
        if (language.equals("perl")) {
            need(succeeds("perl", "-MTest::Deep", "-e", "1"), "Perl's Test::Deep (MultiPL-E's Perl tests load it)",
                    "libtest-deep-perl");
        }
    }

    /** A program at a fixed place, such as the system's own interpreter. */
    public static void executable(Path program, String debianPackage) {
        need(Files.isExecutable(program), program.toString(), debianPackage);
    }

    /** Debian's chromium and its chromedriver, for the browser tests. */
    public static void browser() {
        need(Files.isExecutable(Path.of("/usr/bin/chromium")), "/usr/bin/chromium", "chromium");
        need(Files.isExecutable(Path.of("/usr/bin/chromedriver")), "/usr/bin/chromedriver", "chromium-driver");
    }

    /** Root, for the sandbox's namespaces and its own user. */
    public static void root(String why) {
        boolean root = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        if (!root) {
            skipOrFail("root (" + why + "); run the tests as root, as CI does");
        }
    }

    /** The sandbox's namespace isolation, which needs root where user namespaces work. */
    public static void namespaces(boolean available) {
        if (!available) {
            skipOrFail("the sandbox's namespace isolation (run as root on a kernel with user namespaces, as CI does)");
        }
    }

    private static void need(boolean present, String what, String debianPackage) {
        if (!present) {
            skipOrFail(what + " (apt-get install " + debianPackage + "; .ci/run installs it)");
        }
    }

    private static void skipOrFail(String needs) {
        String line = "needs " + needs;
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(line + ": under CI=true nothing may be skipped");
        }
        record(line);
        Assumptions.abort(line);
    }

    /**
     * Writes the line to the test JVM's own standard error, past surefire's capture of
     * {@code System.err}, so that it shows on the console beside surefire's count of skipped tests.
     */
    private static synchronized void record(String line) {
        String test = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(Requires.class.getName()))
                .findFirst().map(f -> f.getClassName() + "." + f.getMethodName()).orElse("?"));
        CONSOLE.println("[SKIPPED] " + test + ": " + line);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        for (String directory : (path == null ? "/usr/local/bin:/usr/bin:/bin" : path).split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    private static boolean succeeds(String... command) {
        return PROBED.computeIfAbsent(String.join(" ", command), key -> {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
            } catch (java.io.IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }
}
