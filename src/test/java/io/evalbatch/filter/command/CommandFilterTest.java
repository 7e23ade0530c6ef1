package io.evalbatch.filter.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.evalbatch.definition.FilterSpec;
import io.evalbatch.definition.InvalidJobDefinitionException;
import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScoringUnavailableException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The command filter against real Python simulators. The test simulator does what the response
 * asks: "pass", "fail", "fields", "env", "die", "hang", "hang-with-child", "garbage", "wrong-id",
 * "flood", "echo-target"; every reply carries the simulator's pid, so restarts are visible.
 */
class CommandFilterTest {

    private static final String SIMULATOR = """
            import json, os, subprocess, sys, time
            for line in sys.stdin:
                q = json.loads(line)
                r, pid = q["response"], os.getpid()
                reply = {"id": q["id"], "outcome": "passed", "fields": {"pid": pid}}
                if r == "fail":
                    reply = {"id": q["id"], "outcome": "failed", "score": 0.25, "detail": "wrong", "fields": {"pid": pid}}
                elif r == "fields":
                    reply["fields"] = {"pid": pid, "cost": 2.5, "answer": "42", "missing": None}
                elif r == "env":
                    reply["detail"] = " ".join(sorted(os.environ))
                elif r == "echo-request":
                    reply["detail"] = json.dumps({k: q[k] for k in ("protocol", "sample_id", "task", "doc_id",
                        "repeat_index", "doc", "prompt", "target", "parameters")}, sort_keys=True)
                elif r == "stderr":
                    print("thinking about sample", q["sample_id"], file=sys.stderr, flush=True)
                elif r == "die":
                    os._exit(3)
                elif r == "complain-and-die":
                    print("cannot go on with sample", q["sample_id"], file=sys.stderr, flush=True)
                    os._exit(5)
                elif r == "hang":
                    time.sleep(3600)
                elif r == "hang-with-child":
                    child = subprocess.Popen(["sleep", "3600"])
                    open(q["parameters"]["pidfile"], "w").write(str(child.pid))
                    time.sleep(3600)
                elif r == "garbage":
                    print("this is not json", flush=True)
                    continue
                elif r == "wrong-id":
                    reply["id"] = q["id"] + 1
                elif r == "flood":
                    sys.stdout.write("x" * (9 << 20))
                    sys.stdout.flush()
                    time.sleep(3600)
                print(json.dumps(reply), flush=True)
            """;

    @TempDir
    Path dir;

    private Path pidFile;

    @BeforeEach
    void writeSimulator() throws Exception {
        Files.writeString(dir.resolve("sim.py"), SIMULATOR);
        pidFile = dir.resolve("child.pid");
    }

    /**
     * The interpreter itself: "python3" may be a shim (pyenv's is a shell script that sets
     * variables of its own before starting Python), which would blur what evalbatch passes on.
     */
    private static final String PYTHON = interpreter();

    private static String interpreter() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
            return new String(p.getInputStream().readAllBytes()).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private CommandFilter filter(Map<String, Object> extra) {
        Map<String, Object> options = new java.util.HashMap<>(Map.of("command", List.of(PYTHON, "sim.py"),
                "directory", dir.toString(), "timeout", 1.5,
                "parameters", Map.of("pidfile", pidFile.toString(), "level", 3)));
        options.putAll(extra);
        return (CommandFilter) new CommandFilterProvider(io.evalbatch.filter.ScorerEvents.NONE).create(new FilterSpec("job.yaml", "command", options));
    }

    private static Sample sample(long id, String response) {
        return new Sample("run", id, "task", "doc-" + id, 2, "file", 1, "the prompt", response, "the target",
                null, null);
    }

    private static long pid(FilterResult result) {
        return ((Number) result.fields().get("pid")).longValue();
    }

    @Test
    void repliesBecomeOutcomesScoresDetailsAndFields() {
        try (CommandFilter filter = filter(Map.of())) {
            FilterResult passed = filter.evaluate(sample(1, "pass"));
            FilterResult failed = filter.evaluate(sample(2, "fail"));
            FilterResult fields = filter.evaluate(sample(3, "fields"));

            assertThat(passed.outcome()).isEqualTo(Outcome.PASSED);
            assertThat(passed.score()).isEqualTo(1.0);
            assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(failed.score()).isEqualTo(0.25);
            assertThat(failed.detail()).isEqualTo("wrong");
            assertThat(fields.fields()).containsEntry("cost", 2.5).containsEntry("answer", "42")
                    .doesNotContainKey("missing");
            assertThat(pid(fields)).as("one warm process serves one thread").isEqualTo(pid(passed));
        }
    }

    @Test
    void requestCarriesTheSampleDocumentTargetAndJobParameters() throws Exception {
        Sample lmEval = new Sample("run", 7, "gsm8k", "12", 3, "f", 1, "", "echo-request", "72", null, "strict",
                "{\"question\":\"how many?\",\"answer\":\"#### 72\"}");
        try (CommandFilter filter = filter(Map.of())) {
            String echoed = filter.evaluate(lmEval).detail();
            var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(echoed);
            assertThat(json.get("protocol").intValue()).isEqualTo(1);
            assertThat(json.get("sample_id").longValue()).isEqualTo(7);
            assertThat(json.get("task").stringValue()).isEqualTo("gsm8k");
            assertThat(json.get("doc_id").stringValue()).isEqualTo("12");
            assertThat(json.get("repeat_index").intValue()).isEqualTo(3);
            assertThat(json.get("doc").get("question").stringValue()).isEqualTo("how many?");
            assertThat(json.get("target").stringValue()).isEqualTo("72");
            assertThat(json.get("parameters").get("level").intValue()).isEqualTo(3);

            String humanEval = filter.evaluate(new Sample("run", 8, "humaneval", "HumanEval/0", 0, "f", 1,
                    "def f():\n", "echo-request", "def check(c): pass", "f", null)).detail();
            var doc = tools.jackson.databind.json.JsonMapper.builder().build().readTree(humanEval).get("doc");
            assertThat(doc.get("task_id").stringValue()).isEqualTo("HumanEval/0");
            assertThat(doc.get("entry_point").stringValue()).isEqualTo("f");
        }
    }

    @Test
    void simulatorSeesOnlyTheAllowedEnvironment() {
        try (CommandFilter onlyPath = filter(Map.of("environment", List.of("PATH")));
             CommandFilter defaults = filter(Map.of())) {
            List<String> seen = List.of(onlyPath.evaluate(sample(1, "env")).detail().split(" "));
            // Python itself may add LC_CTYPE (PEP 538) when no locale is set.
            assertThat(seen).contains("PATH").isSubsetOf("PATH", "LC_CTYPE");
            List<String> byDefault = List.of(defaults.evaluate(sample(1, "env")).detail().split(" "));
            assertThat(byDefault).isSubsetOf("PATH", "HOME", "LANG", "LC_ALL", "TZ", "LC_CTYPE");
            assertThat(System.getenv()).as("this JVM has variables the simulator must not see")
                    .containsKey("PATH").hasSizeGreaterThan(byDefault.size());
        }
    }

    @Test
    void aSimulatorThatDiesIsReplacedAndOnlyItsSampleIsAnError() {
        try (CommandFilter filter = filter(Map.of())) {
            long first = pid(filter.evaluate(sample(1, "pass")));
            FilterResult died = filter.evaluate(sample(2, "die"));
            FilterResult after = filter.evaluate(sample(3, "pass"));

            assertThat(died.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(died.detail()).contains("exited before replying").contains("exit code 3")
                    .contains("restarted");
            assertThat(after.outcome()).isEqualTo(Outcome.PASSED);
            assertThat(pid(after)).isNotEqualTo(first);
        }
    }

    @Test
    void aHangingSimulatorIsKilledWithItsChildrenAtTheTimeout() throws Exception {
        try (CommandFilter filter = filter(Map.of())) {
            long first = pid(filter.evaluate(sample(1, "pass")));
            long start = System.nanoTime();
            FilterResult hung = filter.evaluate(sample(2, "hang-with-child"));
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(hung.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(hung.detail()).contains("no reply within 1.5 s");
            assertThat(seconds).isBetween(1.4, 10.0);
            long child = Long.parseLong(Files.readString(pidFile).trim());
            assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(waitUntilDead(child)).as("the simulator's child").isTrue();
            assertThat(filter.evaluate(sample(3, "pass")).outcome()).isEqualTo(Outcome.PASSED);
        }
    }

    @Test
    void garbageWrongIdsAndFloodsAreErrorsAndTheNextSampleIsScored() {
        try (CommandFilter filter = filter(Map.of())) {
            assertThat(filter.evaluate(sample(0, "pass")).outcome()).isEqualTo(Outcome.PASSED);
            FilterResult garbage = filter.evaluate(sample(1, "garbage"));
            FilterResult wrongId = filter.evaluate(sample(2, "wrong-id"));
            FilterResult flood = filter.evaluate(sample(3, "flood"));
            FilterResult after = filter.evaluate(sample(4, "fail"));

            assertThat(garbage.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(garbage.detail()).contains("garbage reply (not JSON): this is not json");
            assertThat(wrongId.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(wrongId.detail()).contains("its id is not 2");
            assertThat(flood.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(flood.detail()).containsAnyOf("longer than", "no reply within");
            assertThat(after.outcome()).isEqualTo(Outcome.FAILED);
        }
    }

    @Test
    void stderrIsLoggedWithTheSampleId() {
        Logger logger = (Logger) LoggerFactory.getLogger(SimulatorErrors.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (CommandFilter filter = filter(Map.of())) {
            for (int i = 0; i < 20; i++) {
                filter.evaluate(sample(100 + 2 * i, "stderr"));
                filter.evaluate(sample(101 + 2 * i, "pass"));
            }
            filter.evaluate(sample(7, "complain-and-die"));
        } finally {
            logger.detachAppender(appender);
        }
        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        // Each line goes with the sample that wrote it, never the next one, however fast they follow.
        for (int i = 0; i < 20; i++) {
            int sampleId = 100 + 2 * i;
            assertThat(lines).anyMatch(m -> m.endsWith("(sample " + sampleId + "): thinking about sample " + sampleId));
        }
        assertThat(lines).filteredOn(m -> m.contains("thinking")).hasSize(20)
                .allMatch(m -> m.matches(".*\\(sample (\\d+)\\): thinking about sample \\1"));
        assertThat(lines).anyMatch(m -> m.endsWith("(sample 7): cannot go on with sample 7"));
    }

    @Test
    void threadsGetTheirOwnSimulators() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (CommandFilter filter = filter(Map.of())) {
            List<Future<FilterResult>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(sampleTask(filter, i)));
            }
            for (int i = 0; i < 200; i++) {
                FilterResult result = futures.get(i).get();
                assertThat(result.outcome()).isEqualTo(i % 2 == 0 ? Outcome.PASSED : Outcome.FAILED);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static java.util.concurrent.Callable<FilterResult> sampleTask(CommandFilter filter, int i) {
        return () -> filter.evaluate(sample(i, i % 2 == 0 ? "pass" : "fail"));
    }

    @Test
    void aCommandThatCannotStartFailsTheRunBeforeAnySample() {
        assertThatThrownBy(() -> filter(Map.of("command", List.of("./no-such-simulator"))))
                .isInstanceOf(ScoringUnavailableException.class)
                .hasMessageContaining("cannot start the simulator").hasMessageContaining("no-such-simulator");
    }

    @Test
    void aSimulatorThatNeverRepliesValidlyFailsTheRun() {
        try (CommandFilter filter = filter(Map.of())) {
            assertThat(filter.evaluate(sample(1, "garbage")).outcome()).isEqualTo(Outcome.ERROR);
            assertThat(filter.evaluate(sample(2, "wrong-id")).outcome()).isEqualTo(Outcome.ERROR);
            assertThatThrownBy(() -> filter.evaluate(sample(3, "garbage")))
                    .isInstanceOf(ScoringUnavailableException.class)
                    .hasMessageContaining("before any valid reply").hasMessageContaining("garbage reply");
        }
    }

    @Test
    void aCommandThatAlwaysDiesFailsTheRunAfterAFewAttempts() {
        try (CommandFilter filter = filter(Map.of("command", List.of(PYTHON, "-c", "import sys; sys.exit(4)")))) {
            assertThat(filter.evaluate(sample(1, "pass")).outcome()).isEqualTo(Outcome.ERROR);
            assertThat(filter.evaluate(sample(2, "pass")).outcome()).isEqualTo(Outcome.ERROR);
            assertThatThrownBy(() -> filter.evaluate(sample(3, "pass")))
                    .isInstanceOf(ScoringUnavailableException.class)
                    .hasMessageContaining("failed 3 times before any valid reply")
                    .hasMessageContaining("exit code 4");
        }
    }

    @Test
    void onceTheCommandWorkedDeathsAreTheSamplesDoing() {
        try (CommandFilter filter = filter(Map.of())) {
            assertThat(filter.evaluate(sample(1, "pass")).outcome()).isEqualTo(Outcome.PASSED);
            for (int i = 2; i < 2 + 2 * CommandFilter.MAX_FAILED_STARTS; i++) {
                assertThat(filter.evaluate(sample(i, "die")).outcome()).isEqualTo(Outcome.ERROR);
            }
            assertThat(filter.evaluate(sample(99, "pass")).outcome()).isEqualTo(Outcome.PASSED);
        }
    }

    @Test
    void badOptionsNameTheirYamlPath() {
        assertThatThrownBy(() -> filter(Map.of("command", List.of())))
                .isInstanceOf(InvalidJobDefinitionException.class).hasMessageContaining("filter.command: missing");
        assertThatThrownBy(() -> filter(Map.of("timeout", -1)))
                .isInstanceOf(InvalidJobDefinitionException.class).hasMessageContaining("filter.timeout");
        assertThatThrownBy(() -> filter(Map.of("directory", dir.resolve("nowhere").toString())))
                .isInstanceOf(InvalidJobDefinitionException.class).hasMessageContaining("no such directory");
        assertThatThrownBy(() -> filter(Map.of("environment", List.of("DB PASSWORD"))))
                .isInstanceOf(InvalidJobDefinitionException.class).hasMessageContaining("filter.environment");
        assertThatThrownBy(() -> filter(Map.of("parameters", List.of(1))))
                .isInstanceOf(InvalidJobDefinitionException.class).hasMessageContaining("filter.parameters");
    }

    private static boolean waitUntilDead(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                Thread.sleep(50);
            } else {
                return true;
            }
        }
        return false;
    }

    /** "python3 sim.py" as one string would be looked for as a program of that name: refused before any run. */
    @Test
    void aCommandWrittenAsOneStringIsRefusedSayingHowToWriteIt() {
        assertThatThrownBy(() -> new CommandFilterProvider(io.evalbatch.filter.ScorerEvents.NONE)
                .validate(new FilterSpec("job.yaml", "command", Map.of("command", "python3 sim.py --fast"))))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .hasMessage("job.yaml: filter.command: must be a list of the program and its arguments, as "
                        + "[python3, sim.py, --fast]: evalbatch runs no shell, so a string is one program name");
    }

    /** Like every path of a job, the simulator's directory is the job file's unless the job names one. */
    @Test
    void theSimulatorRunsInTheJobFilesDirectoryByDefault() throws Exception {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Path job = Files.writeString(jobs.resolve("job.yaml"), """
                name: here
                input: {format: lm-eval, files: [x.jsonl]}
                filter: {name: command, command: [python3, sim.py]}
                """);
        var definition = new io.evalbatch.definition.JobDefinitions().read(job);
        assertThat(definition.filter().options()).containsEntry("directory", jobs.toAbsolutePath().toString());
        // and it stays where it was when the stored definition is read back for a restart
        var stored = new io.evalbatch.definition.JobDefinitions().fromJson(
                new io.evalbatch.definition.JobDefinitions().toJson(definition), "run x");
        assertThat(stored.filter().options()).containsEntry("directory", jobs.toAbsolutePath().toString());
    }
}
