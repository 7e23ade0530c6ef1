package io.evalbatch.filter.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScorerEvents;
import io.evalbatch.filter.SimulationFilter;
import io.evalbatch.support.Requires;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/**
 * Hostile programs in C, JavaScript and Java, compiled and run by the real toolchains in the
 * real sandbox, with the python filter's guarantees: each ends not passed (or timed out) within
 * its limits, leaves nothing running and nothing behind, and the sample after it passes as if
 * nothing had happened. Probes of the confinement itself (writing outside the scratch, evalbatch's
 * environment, other processes, the network) exit with status 0 only when they find it holds.
 */
@Tag("slow")
class ProgramIsolationTest {

    private static final Map<String, SimulationFilter> FILTERS = new ConcurrentHashMap<>();
    private static final String MARKER = "4242.9191";
    private static ServerSocket listening;
    private static boolean namespaces;

    @BeforeAll
    static void listen() throws Exception {
        listening = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        namespaces = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    @AfterAll
    static void nothingSurvivesAnySample() throws Exception {
        FILTERS.values().forEach(SimulationFilter::close);
        listening.close();
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(MARKER)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList()).isEmpty();
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().user().map(u -> u.matches("61\\d\\d\\d")).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList()).isEmpty();
        for (String breach : List.of("/etc/evalbatch-breach", "/root/evalbatch-breach", "/usr/evalbatch-breach")) {
            assertThat(new File(breach)).doesNotExist();
        }
    }

    /** How a hostile program must end: not passed, or (for a probe) passed because it found nothing. */
    enum Expect { NOT_PASSED, TIMED_OUT, PROBE_PASSES, NO_TOKEN }

    static Stream<Arguments> hostilePrograms() {
        int port = listening.getLocalPort();
        return Stream.of(
                // C
                Arguments.of("c", "exit(0) inside the tests", Expect.NO_TOKEN,
                        "#include <stdlib.h>\nint main(void) { exit(0); }\n"),
                Arguments.of("c", "fork bomb", Expect.NOT_PASSED,
                        "#include <unistd.h>\nint main(void) { for (;;) fork(); }\n"),
                Arguments.of("c", "spin ignoring signals", Expect.TIMED_OUT,
                        "#include <signal.h>\nint main(void) { for (int s = 1; s < 32; s++) signal(s, SIG_IGN);\n"
                                + "volatile unsigned long x = 0; for (;;) x++; }\n"),
                Arguments.of("c", "sleep", Expect.TIMED_OUT,
                        "#include <unistd.h>\nint main(void) { sleep(100); return 0; }\n"),
                Arguments.of("c", "huge allocation", Expect.NOT_PASSED,
                        "#include <stdlib.h>\n#include <string.h>\nint main(void) { size_t n = (size_t) 16 << 30;\n"
                                + "char *p = malloc(n); if (!p) return 1; memset(p, 1, n); return 0; }\n"),
                Arguments.of("c", "huge output", Expect.NOT_PASSED,
                        "#include <stdio.h>\nint main(void) { for (;;) fputs(\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\n\", stdout); }\n"),
                Arguments.of("c", "write outside the scratch", Expect.PROBE_PASSES,
                        "#include <stdio.h>\nint main(void) { const char *p[] = {\"/etc/evalbatch-breach\", "
                                + "\"/root/evalbatch-breach\", \"/usr/evalbatch-breach\"};\n"
                                + "for (int i = 0; i < 3; i++) if (fopen(p[i], \"w\")) return 1; return 0; }\n"),
                Arguments.of("c", "read evalbatch's environment and processes", Expect.PROBE_PASSES,
                        "#include <ctype.h>\n#include <dirent.h>\n#include <string.h>\nextern char **environ;\n"
                                + "int main(void) { for (char **e = environ; *e; e++) { const char *ok[] = {\"PATH=\", "
                                + "\"HOME=\", \"TMPDIR=\", \"LANG=\", \"LC_ALL=\"}; int known = 0;\n"
                                + "for (int i = 0; i < 5; i++) known |= !strncmp(*e, ok[i], strlen(ok[i]));\n"
                                + "if (!known) return 1; }\nDIR *d = opendir(\"/proc\"); struct dirent *x; int n = 0;\n"
                                + "while ((x = readdir(d))) if (isdigit((unsigned char) x->d_name[0])) n++;\n"
                                + "return n > 2; }\n"),
                Arguments.of("c", "network", Expect.PROBE_PASSES,
                        "#include <sys/socket.h>\n#include <netinet/in.h>\n#include <arpa/inet.h>\n"
                                + "int main(void) { int s = socket(AF_INET, SOCK_STREAM, 0); struct sockaddr_in a = {0};\n"
                                + "a.sin_family = AF_INET; a.sin_port = htons(" + port + ");\n"
                                + "a.sin_addr.s_addr = inet_addr(\"127.0.0.1\");\n"
                                + "return connect(s, (struct sockaddr *) &a, sizeof a) == 0; }\n"),
                Arguments.of("c", "kill the parent and everything", Expect.NOT_PASSED,
                        "#include <signal.h>\n#include <unistd.h>\nint main(void) { kill(getppid(), SIGKILL);\n"
                                + "kill(-1, SIGKILL); return 1; }\n"),
                Arguments.of("c", "daemon in a session of its own", Expect.NOT_PASSED,
                        "#include <unistd.h>\nint main(void) { if (fork() == 0) { setsid(); if (fork() == 0)\n"
                                + "execl(\"/bin/sleep\", \"sleep\", \"" + MARKER + "\", (char *) 0); _exit(0); }\n"
                                + "sleep(1); return 1; }\n"),
                Arguments.of("c", "replace the working directory by a link", Expect.NOT_PASSED,
                        "#include <stdio.h>\n#include <unistd.h>\nint main(void) { rename(\"/tmp/work\", \"/tmp/moved\");\n"
                                + "symlink(\"/usr/share/doc\", \"/tmp/work\"); return 1; }\n"),
                // JavaScript
                Arguments.of("javascript", "process.exit(0) inside the tests", Expect.NO_TOKEN, "process.exit(0);\n"),
                Arguments.of("javascript", "fork bomb", Expect.NOT_PASSED,
                        "const {spawn} = require('child_process');\nfor (;;) { try { spawn('/bin/sh', ['-c', "
                                + "'sleep 100']); } catch (e) {} }\n"),
                Arguments.of("javascript", "spin ignoring signals", Expect.TIMED_OUT,
                        "process.on('SIGTERM', () => {});\nprocess.on('SIGINT', () => {});\nfor (;;) {}\n"),
                Arguments.of("javascript", "sleep", Expect.TIMED_OUT, "setTimeout(() => {}, 100000);\n"
                        + "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100000);\n"),
                Arguments.of("javascript", "huge allocation", Expect.NOT_PASSED,
                        "const a = [];\nfor (;;) a.push(Buffer.alloc(1 << 28, 1));\n"),
                Arguments.of("javascript", "huge output", Expect.NOT_PASSED,
                        "for (;;) process.stdout.write('x'.repeat(65536));\n"),
                Arguments.of("javascript", "write outside the scratch", Expect.PROBE_PASSES,
                        "const fs = require('fs');\nfor (const p of ['/etc/evalbatch-breach', '/root/evalbatch-breach', "
                                + "'/usr/evalbatch-breach']) {\n  let wrote = false;\n  try { fs.writeFileSync(p, 'x'); "
                                + "wrote = true; } catch (e) {}\n  if (wrote) process.exit(1);\n}\n"),
                Arguments.of("javascript", "read evalbatch's environment and processes", Expect.PROBE_PASSES,
                        "const extra = Object.keys(process.env).filter(k => !['PATH', 'HOME', 'TMPDIR', 'LANG', "
                                + "'LC_ALL'].includes(k));\nconst procs = require('fs').readdirSync('/proc')"
                                + ".filter(n => /^\\d+$/.test(n));\nif (extra.length || procs.length > 2) process.exit(1);\n"),
                Arguments.of("javascript", "network", Expect.PROBE_PASSES,
                        "const s = require('net').connect(" + port + ", '127.0.0.1');\n"
                                + "s.on('connect', () => process.exit(1));\ns.on('error', () => {});\n"),
                Arguments.of("javascript", "kill the parent and everything", Expect.NOT_PASSED,
                        "try { process.kill(process.ppid, 'SIGKILL'); } catch (e) {}\n"
                                + "try { process.kill(-1, 'SIGKILL'); } catch (e) {}\nprocess.exit(1);\n"),
                Arguments.of("javascript", "daemon in a session of its own", Expect.NOT_PASSED,
                        "require('child_process').spawn('/bin/sleep', ['" + MARKER + "'], {detached: true, "
                                + "stdio: 'ignore'}).unref();\nprocess.exitCode = 1;\n"),
                // Java
                Arguments.of("java", "System.exit(0) inside the tests", Expect.NO_TOKEN,
                        "class Main {\n    public static void main(String[] args) {\n        System.exit(0);\n    }\n}\n"),
                Arguments.of("java", "thread and process bomb", Expect.NOT_PASSED,
                        "class Main {\n    public static void main(String[] args) throws Exception {\n"
                                + "        for (;;) { try { new ProcessBuilder(\"/bin/sleep\", \"100\").start();\n"
                                + "            new Thread(() -> { try { Thread.sleep(100000); } catch (Exception e) {} }).start();\n"
                                + "        } catch (Throwable e) { } }\n    }\n}\n"),
                Arguments.of("java", "spin", Expect.TIMED_OUT,
                        "class Main {\n    static volatile long x;\n    public static void main(String[] args) {\n"
                                + "        for (;;) x++;\n    }\n}\n"),
                Arguments.of("java", "sleep", Expect.TIMED_OUT,
                        "class Main {\n    public static void main(String[] args) throws Exception {\n"
                                + "        Thread.sleep(100000);\n    }\n}\n"),
                Arguments.of("java", "huge allocation", Expect.NOT_PASSED,
                        "class Main {\n    public static void main(String[] args) {\n"
                                + "        java.util.List<long[]> l = new java.util.ArrayList<>();\n"
                                + "        for (;;) l.add(new long[1 << 24]);\n    }\n}\n"),
                Arguments.of("java", "huge output", Expect.NOT_PASSED,
                        "class Main {\n    public static void main(String[] args) {\n"
                                + "        String x = \"x\".repeat(65536);\n        for (;;) System.out.print(x);\n    }\n}\n"),
                Arguments.of("java", "write outside the scratch", Expect.PROBE_PASSES,
                        "class Main {\n    public static void main(String[] args) {\n"
                                + "        for (String p : new String[] {\"/etc/evalbatch-breach\", \"/root/evalbatch-breach\", "
                                + "\"/usr/evalbatch-breach\"}) {\n"
                                + "            try (var w = new java.io.FileWriter(p)) { System.exit(1); } catch (java.io.IOException e) { }\n"
                                + "        }\n    }\n}\n"),
                Arguments.of("java", "read evalbatch's environment and processes", Expect.PROBE_PASSES,
                        "class Main {\n    public static void main(String[] args) {\n"
                                + "        var known = java.util.Set.of(\"PATH\", \"HOME\", \"TMPDIR\", \"LANG\", \"LC_ALL\");\n"
                                + "        if (!known.containsAll(System.getenv().keySet())) System.exit(1);\n"
                                + "        if (ProcessHandle.allProcesses().count() > 2) System.exit(1);\n    }\n}\n"),
                Arguments.of("java", "network", Expect.PROBE_PASSES,
                        "class Main {\n    public static void main(String[] args) {\n"
                                + "        try (var s = new java.net.Socket(\"127.0.0.1\", " + port + ")) { System.exit(1); }\n"
                                + "        catch (java.io.IOException e) { }\n    }\n}\n"),
                Arguments.of("java", "kill the parent", Expect.NOT_PASSED,
                        "class Main {\n    public static void main(String[] args) {\n"
                                + "        ProcessHandle.current().parent().ifPresent(ProcessHandle::destroyForcibly);\n"
                                + "        System.exit(1);\n    }\n}\n"),
                Arguments.of("java", "daemon in a session of its own", Expect.NOT_PASSED,
                        "class Main {\n    public static void main(String[] args) throws Exception {\n"
                                + "        new ProcessBuilder(\"setsid\", \"/bin/sleep\", \"" + MARKER + "\").start();\n"
                                + "        Thread.sleep(500);\n        System.exit(1);\n    }\n}\n"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostilePrograms")
    void aHostileProgramEndsWithinItsLimitsAndHurtsNoOneElse(String language, String what, Expect expect, String program) {
        Requires.language(language);
        if (expect == Expect.PROBE_PASSES || what.contains("link")) {
            Requires.namespaces(namespaces);
        }
        long docs = docCount(Path.of("/usr/share/doc"));
        long started = System.nanoTime();
        FilterResult result = run(language, program);
        double seconds = (System.nanoTime() - started) / 1e9;
        switch (expect) {
            case NOT_PASSED -> assertThat(result.outcome()).as(result.detail()).isIn(Outcome.FAILED, Outcome.TIMED_OUT);
            case TIMED_OUT -> assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.TIMED_OUT);
            case PROBE_PASSES -> assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.PASSED);
            case NO_TOKEN -> {
                assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
                assertThat(result.detail()).contains("no completion token");
            }
        }
        // Limits of 1 s CPU and 3 s wall per run (15 s to compile); generous for a busy machine.
        assertThat(seconds).as("seconds taken").isLessThan(30);
        assertThat(result.detail().length()).isLessThan(5000);
        assertThat(docCount(Path.of("/usr/share/doc"))).isEqualTo(docs);
        assertThat(run(language, benign(language)).outcome()).as("the next sample").isEqualTo(Outcome.PASSED);
    }

    @Test
    void aCompilerKeptBusyIsStoppedAtItsLimitAndItsFloodOfErrorsIsBounded() {
        Requires.language("cpp");
        SimulationFilter filter = filter("cpp", Map.of("compile-timeout", 2, "compile-wall-timeout", 6));
        long started = System.nanoTime();
        FilterResult busy = filter.evaluate(sample("cpp", "constexpr long f(long n) { long s = 0; "
                + "for (long i = 0; i < n; i++) s += i % 7; return s; }\nstatic_assert(f(1L << 40) > 0, \"\");\n"
                + "int main() {}\n"));
        assertThat(busy.outcome()).as(busy.detail()).isIn(Outcome.TIMED_OUT, Outcome.FAILED);
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(20);
        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            errors.append("undeclared_").append(i).append(" = ").append(i).append(";\n");
        }
        // Some 500 KB of error messages, of which the detail keeps a bounded head.
        FilterResult flood = run("cpp", "int main() {\n" + errors + "}\n");
        assertThat(flood.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(flood.fields()).containsEntry("status", "SyntaxError");
        assertThat(flood.detail().length()).isBetween(100, 3000);
    }

    @Test
    void theWarmJavaCompilerIsStoppedAtItsLimitAndStartedAfreshForTheNextSample() {
        Requires.language("java");
        SimulationFilter filter = filter("java", Map.of("compile-timeout", 0.5, "compile-wall-timeout", 5));
        StringBuilder body = new StringBuilder();
        for (int m = 0; m < 40; m++) {
            body.append("    static long m").append(m).append("(long s) {\n");
            for (int i = 0; i < 500; i++) {
                body.append("        s = s * 31 + ").append(i).append(" + Long.rotateLeft(s, ").append(i % 63).append(");\n");
            }
            body.append("        return s;\n    }\n");
        }
        FilterResult busy = filter.evaluate(sample("java", "class Main {\n" + body
                + "    public static void main(String[] args) { }\n}\n"));
        assertThat(busy.outcome()).as(busy.detail()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(busy.detail()).startsWith("Timeout: compiling timed out");
        FilterResult next = filter.evaluate(sample("java", benign("java")));
        assertThat(next.outcome()).as(next.detail()).isEqualTo(Outcome.PASSED);
        // A program that kills every process it can see reaches neither the compiler nor the next sample.
        FilterResult killer = filter.evaluate(sample("java", "class Main {\n    public static void main(String[] a) {\n"
                + "        ProcessHandle.allProcesses().forEach(ProcessHandle::destroyForcibly);\n    }\n}\n"));
        assertThat(killer.outcome()).isIn(Outcome.PASSED, Outcome.FAILED);
        FilterResult after = filter.evaluate(sample("java", benign("java")));
        assertThat(after.outcome()).as(after.detail()).isEqualTo(Outcome.PASSED);
        filter.close();
    }

    private static String benign(String language) {
        return Objects.requireNonNull(HelloPrograms.of(language));
    }

    private static FilterResult run(String language, String program) {
        return FILTERS.computeIfAbsent(language, l -> filter(l, Map.of())).evaluate(sample(language, program));
    }

    private static SimulationFilter filter(String language, Map<String, Object> more) {
        Map<String, Object> options = new java.util.HashMap<>(Map.of("language", language, "program", "{response}",
                "timeout", 1, "wall-timeout", 3, "file-size-mb", 16));
        options.putAll(more);
        FilterSpec spec = new FilterSpec("test", "program", options);
        ProgramFilterProvider provider = new ProgramFilterProvider(ScorerEvents.NONE);
        provider.validate(spec);
        return provider.create(spec);
    }

    private static Sample sample(String language, String program) {
        return new Sample("r", 0, "isolation", language, 0, "test", 1, "", program, "", null, null);
    }

    private static long docCount(Path directory) {
        String[] names = directory.toFile().list();
        return names == null ? -1 : names.length;
    }
}
