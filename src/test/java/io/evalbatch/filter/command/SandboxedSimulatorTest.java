package io.evalbatch.filter.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScorerEvents;
import io.evalbatch.filter.SimulationFilter;
import io.evalbatch.support.Requires;
import io.evalbatch.support.Survivors;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sandbox: true}: a simulator that executes model output itself runs in the program
 * sandbox. The simulator below runs each response as Python and reports what it saw: confined, it
 * runs unprivileged, sees only the environment it was given, cannot write outside its scratch nor
 * reach the network, and whatever it started dies with it. Unconfined, the same probes show the
 * opposite (so the test can tell them apart).
 */
class SandboxedSimulatorTest {

    private static final String MARKER = "4242.8181";

    @TempDir
    Path dir;

    @Test
    void aSandboxedSimulatorAndWhatItRunsAreConfined() throws Exception {
        Requires.root("the sandbox's namespaces");
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> confined = probe(true, listening.getLocalPort());
            assertThat(confined.get("uid")).isNotEqualTo("0");
            assertThat(confined.get("env")).isEqualTo("LC_CTYPE,PATH");
            assertThat(confined.get("write")).isEqualTo("refused");
            assertThat(confined.get("net")).isEqualTo("refused");
            assertThat(confined.get("own")).isEqualTo("refused");
            assertThat(confined.get("daemon")).isEqualTo("started");
            Thread.sleep(200);
            assertThat(Survivors.marked(MARKER)).isEmpty();
            Map<String, String> unconfined = probe(false, listening.getLocalPort());
            assertThat(unconfined.get("uid")).isEqualTo("0");
            assertThat(unconfined.get("net")).isEqualTo("connected");
        } finally {
            new File("/etc/evalbatch-breach").delete();
        }
    }

    /**
     * A simulator in Perl that evaluates each response as Perl: probes of the confinement report
     * what they found, and responses that attack the simulator itself (exit, fork bomb, spinning
     * deaf to signals, sleeping, allocating or printing without end, killing everything) end as
     * an error within the timeout, after which the next sample is scored by a fresh simulator.
     */
    @Test
    void aSandboxedSimulatorInAnotherLanguageRunningHostileResponsesIsConfined() throws Exception {
        Requires.root("the sandbox's namespaces");
        Requires.language("perl");
        java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        SamplesFiles.write(dir.resolve("executor.pl"), """
                use strict;
                use warnings;
                use JSON::PP;
                $| = 1;
                my $json = JSON::PP->new->canonical;
                while (my $line = <STDIN>) {
                    my $request = $json->decode($line);
                    my $result = eval $request->{response};
                    $result = "died: $@" unless defined $result;
                    print $json->encode({id => $request->{id}, outcome => 'passed', detail => "$result"}), "\\n";
                }
                """);
        FilterSpec spec = new FilterSpec("job.yaml", "command", Map.of("command", List.of("perl", "executor.pl"),
                "directory", dir.toString(), "environment", List.of("PATH"), "sandbox", true, "timeout", 3));
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             SimulationFilter filter = new CommandFilterProvider(ScorerEvents.NONE).create(spec)) {
            Map<String, String> probes = new java.util.LinkedHashMap<>();
            probes.put("$<", "61");
            probes.put("join(',', sort keys %ENV)", "PATH");
            probes.put("open(my $f, '>', '/etc/evalbatch-breach') ? 'wrote' : 'refused'", "refused");
            probes.put("open(my $f, '>>', 'executor.pl') ? 'wrote' : 'refused'", "refused");
            probes.put("opendir(my $d, '/proc'); scalar(grep { /^\\d+$/ } readdir($d)) <= 2 ? 'own only' : 'others'",
                    "own only");
            probes.put("use IO::Socket::INET; IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => "
                    + listening.getLocalPort() + ", Proto => 'tcp') ? 'connected' : 'refused'", "refused");
            probes.put("join(',', map { my @a = @$_; my ($name, $number, @args) = @a; my $r = syscall($number, @args); "
                    + "($r == -1 && $! + 0 == 1) ? () : ($name) } (['unshare', 272, 0x10000000], "
                    + "['ptrace', 101, 0, 0, 0, 0], ['keyctl', 250, 1, 0], ['bpf', 321, 0, 0, 0], "
                    + "['io_uring_setup', 425, 1, 0], ['userfaultfd', 323, 0], ['vsock', 41, 40, 1, 0])) || 'none escaped'",
                    "none escaped");
            probes.put("system('setsid /bin/sleep " + MARKER + " &'); 'started'", "started");
            long id = 0;
            for (Map.Entry<String, String> probe : probes.entrySet()) {
                var result = filter.evaluate(simulatorSample(id++, probe.getValue(), probe.getKey()));
                assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.PASSED);
                assertThat(result.detail()).as(probe.getKey()).startsWith(probe.getValue());
            }
            for (String attack : List.of("exit(0)", "fork() while 1", "$SIG{$_} = 'IGNORE' for keys %SIG; 1 while 1",
                    "sleep(100)", "my $x = 'x' x (16 * 1024 ** 3); length($x)", "print 'x' x 65536 while 1",
                    "kill('KILL', getppid()); kill('KILL', -1); 'survived'")) {
                long started = System.nanoTime();
                var result = filter.evaluate(simulatorSample(id++, "attack", attack));
                // kill(-1) spares its caller: the simulator may live on to reply, having hurt no one.
                assertThat(result.outcome()).as(attack + ": " + result.detail())
                        .isIn(attack.startsWith("kill") ? List.of(Outcome.ERROR, Outcome.PASSED) : List.of(Outcome.ERROR));
                assertThat((System.nanoTime() - started) / 1e9).as(attack + ": seconds").isLessThan(15);
                var next = filter.evaluate(simulatorSample(id++, "next", "'scored'"));
                assertThat(next.outcome()).as(attack + ", the next sample: " + next.detail()).isEqualTo(Outcome.PASSED);
            }
        } finally {
            new File("/etc/evalbatch-breach").delete();
        }
        Thread.sleep(200);
        assertThat(Survivors.marked(MARKER)).isEmpty();
        assertThat(Survivors.ofSandboxUsers()).isEmpty();
    }

    private static Sample simulatorSample(long id, String doc, String response) {
        return new Sample("run", id, "task", doc, 0, "file", 1, "", response, "", null, null);
    }

    @Test
    void aSimulatorDirectoryTheSandboxUserCannotEnterIsRefusedUpFront() {
        Requires.root("the sandbox's namespaces");
        FilterSpec spec = new FilterSpec("job.yaml", "command", Map.of("command", List.of("python3", "executor.py"),
                "directory", dir.toString(), "sandbox", true));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> CommandFilterProvider.settings(spec)))
                .hasMessageContaining("filter.sandbox").hasMessageContaining("chmod o+rx");
    }

    /** Each probe's report, from one simulator process (one thread). */
    private Map<String, String> probe(boolean sandbox, int port) throws Exception {
        java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        SamplesFiles.write(dir.resolve("executor.py"), """
                import json, os, socket, subprocess, sys
                def run(code):
                    scope = {}
                    exec(code, scope)
                    return scope["result"]
                for line in sys.stdin:
                    request = json.loads(line)
                    try:
                        detail = run(request["response"])
                    except Exception as e:
                        detail = "error: %s" % e
                    print(json.dumps({"id": request["id"], "outcome": "passed", "detail": detail}), flush=True)
                """);
        Map<String, String> probes = Map.of(
                "uid", "import os\nresult = str(os.getuid())",
                "env", "import os\nresult = ','.join(sorted(os.environ))",
                "write", "try:\n    open('/etc/evalbatch-breach', 'w')\n    result = 'wrote'\nexcept OSError:\n    result = 'refused'",
                "net", "import socket\ntry:\n    socket.create_connection(('127.0.0.1', " + port + "), 1)\n"
                        + "    result = 'connected'\nexcept OSError:\n    result = 'refused'",
                "own", "try:\n    open('executor.py', 'a')\n    result = 'wrote'\nexcept OSError:\n    result = 'refused'",
                "daemon", sandbox ? "import subprocess\nsubprocess.Popen(['setsid', 'sleep', '" + MARKER + "'])\n"
                        + "result = 'started'" : "result = 'not tried'");
        FilterSpec spec = new FilterSpec("job.yaml", "command", Map.of("command", List.of("python3", "executor.py"),
                "directory", dir.toString(), "environment", List.of("PATH"), "sandbox", sandbox));
        Map<String, String> seen = new java.util.TreeMap<>();
        try (SimulationFilter filter = new CommandFilterProvider(ScorerEvents.NONE).create(spec)) {
            long id = 0;
            for (Map.Entry<String, String> p : probes.entrySet()) {
                var result = filter.evaluate(new Sample("run", id++, "task", p.getKey(), 0, "file", 1, "", p.getValue(),
                        "", null, null));
                assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.PASSED);
                seen.put(p.getKey(), result.detail());
            }
        }
        return seen;
    }
}
