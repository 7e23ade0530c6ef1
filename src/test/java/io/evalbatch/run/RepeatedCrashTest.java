package io.evalbatch.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.evalbatch.support.EvalbatchProcesses;
import io.evalbatch.support.EvalbatchProcesses.Launched;
import io.evalbatch.support.LedgerSimulator;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run killed with SIGKILL five times in each of ingest, simulate and metrics, at points drawn
 * from a fixed seed, and restarted after each kill: it must end with exactly the samples, results
 * and metrics of a run that was never killed, and no kill may cost more than the work in flight
 * (ingest and metrics: one chunk; simulate: one chunk per partition).
 *
 * <p>The filter is an external simulator that keeps a ledger of what it scored for which process, so
 * the samples scored by a process that then died before committing them are counted exactly.
 */
@Tag("slow")
class RepeatedCrashTest {

    private static final long SEED = 20261128L;
    private static final int DOCUMENTS = 3000;
    private static final int REPEATS = 2;
    private static final int SAMPLES = DOCUMENTS * REPEATS;
    private static final int INGEST_CHUNK = 5000;
    private static final int METRICS_CHUNK = 2000;
    private static final int PARTITIONS = 4;
    private static final int CHUNK = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private record Crash(String point, long processed, long committed, long recomputed) {
    }

    @Test
    void runKilledFiveTimesInEachStepEndsExactlyAsARunNeverKilled() throws IOException {
        LedgerSimulator simulator = LedgerSimulator.write(dir, 0);
        Path job = writeJob(simulator);
        EvalbatchProcesses evalbatch = EvalbatchProcesses.onTestDatabase(dir);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String crashed = "crashed-" + suffix;
        String clean = "clean-" + suffix;
        RunQueries runs = RunQueries.onTestDatabase();
        // First the run that is never killed (it also creates the tables on a fresh database).
        Launched uninterrupted = evalbatch.finish(0, "run", job.toString(), "--id", clean, "--format", "json");
        simulator.clear();

        Random random = new Random(SEED);
        List<Crash> crashes = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        for (String step : List.of("ingest", "simulate", "metrics")) {
            for (int i = 0; i < 5; i++) {
                long before = committed(step, crashed);
                long remaining = (step.equals("ingest") || step.equals("simulate") ? SAMPLES : DOCUMENTS) - before;
                int chunk = switch (step) {
                    case "ingest" -> INGEST_CHUNK;
                    case "metrics" -> METRICS_CHUNK;
                    default -> CHUNK;
                };
                // Kill mid-chunk (after an item was read) or with a chunk written but not committed,
                // after a random number of committed chunks, always early enough that the point is
                // reached before the step ends.
                long fullChunks = step.equals("simulate") ? remaining / 2 / chunk : remaining / chunk;
                boolean onRead = fullChunks == 0 || random.nextBoolean();
                long count = onRead
                        ? Math.min(remaining, random.nextLong(fullChunks + 1) * chunk + 1 + random.nextLong(chunk))
                        : 1 + random.nextLong(Math.max(1, fullChunks));
                String point = step + (onRead ? ":read:" : ":write:") + count;
                String[] command = crashes.isEmpty()
                        ? new String[] {"run", job.toString(), "--id", crashed}
                        : new String[] {"restart", crashed};
                Launched process = evalbatch.start(Map.of("EVALBATCH_CRASH_AT", point), command);
                pids.add(process.process().pid());
                assertThat(process.exit(Duration.ofMinutes(3))).as(process.err()).isEqualTo(137);
                assertThat(process.err()).contains("crash point " + point + " reached");

                long committedNow = committed(step, crashed) - before;
                long processed = onRead ? count : count * chunk;
                crashes.add(new Crash(point, processed, committedNow, step.equals("simulate") ? -1 : processed - committedNow));
            }
        }
        Launched finished = evalbatch.finish(0, "restart", crashed, "--format", "json");
        assertThat(finished.err()).contains("recovering execution");

        // Simulate: what each killed process scored that a later process scored again.
        Map<Integer, Long> rescored = rescoredByCrash(simulator, pids);
        for (int i = 0; i < crashes.size(); i++) {
            Crash c = crashes.get(i);
            if (c.point().startsWith("simulate")) {
                crashes.set(i, new Crash(c.point(), c.processed(), c.committed(), rescored.getOrDefault(i, 0L)));
            }
        }
        printTable(crashes);

        JsonNode restarted = JSON.readTree(finished.out());
        assertThat(restarted.get("status").stringValue()).isEqualTo("COMPLETED");
        assertThat(restarted.get("metrics")).isEqualTo(JSON.readTree(uninterrupted.out()).get("metrics"));
        assertThat(runs.samples(crashed)).isEqualTo(SAMPLES);
        assertThat(distinctSamples(crashed)).isEqualTo(SAMPLES);
        assertThat(runs.results(crashed)).hasSize(SAMPLES).isEqualTo(runs.results(clean));
        assertThat(runs.distinctResults(crashed)).isEqualTo(SAMPLES);
        assertThat(runs.metrics(crashed)).isNotEmpty().isEqualTo(runs.metrics(clean));
        assertThat(committed("metrics", crashed)).isEqualTo(DOCUMENTS);
        assertThat(documentMetrics(crashed)).isEqualTo(documentMetrics(clean));

        for (Crash c : crashes) {
            long bound = c.point().startsWith("ingest") ? INGEST_CHUNK
                    : c.point().startsWith("metrics") ? METRICS_CHUNK : (long) PARTITIONS * CHUNK;
            assertThat(c.recomputed()).as("work redone after crash at %s", c.point()).isBetween(0L, bound);
        }
        // Nothing committed was scored again: only the recomputations counted above are extra.
        long rescoredInTotal = crashes.stream().filter(c -> c.point().startsWith("simulate"))
                .mapToLong(Crash::recomputed).sum();
        assertThat(simulator.lines()).hasSize(SAMPLES + (int) rescoredInTotal);
    }

    private Path writeJob(LedgerSimulator simulator) {
        LedgerSimulator.samples(dir, "crash", DOCUMENTS);
        return SamplesFiles.job(dir, """
                name: repeated-crash
                input: {format: lm-eval, files: [samples_crash_2026-11-28T00-00-00.jsonl]}
                %s
                execution: {partitions: %d, threads: %d, chunk: %d, cache: false}
                metrics: {pass-at-k: [1, 2], mean: true}
                """.formatted(simulator.filterYaml().strip(), PARTITIONS, PARTITIONS, CHUNK));
    }

    /** Per crash, the samples the killed process had scored that a later process scored again. */
    private static Map<Integer, Long> rescoredByCrash(LedgerSimulator simulator, List<Long> pids) {
        Map<Long, Integer> crashOfPid = new HashMap<>();
        for (int i = 0; i < pids.size(); i++) {
            crashOfPid.put(pids.get(i), i);
        }
        Map<Long, Long> lastScorer = new HashMap<>();
        Map<Integer, Long> rescored = new HashMap<>();
        // Processes ran one after another, so a sample's scorers in ledger order are in time order.
        for (String line : simulator.lines()) {
            String[] parts = line.split(" ");
            long pid = Long.parseLong(parts[0]);
            Long previous = lastScorer.put(Long.parseLong(parts[1]), pid);
            if (previous != null && crashOfPid.containsKey(previous)) {
                rescored.merge(crashOfPid.get(previous), 1L, Long::sum);
            }
        }
        return rescored;
    }

    private static void printTable(List<Crash> crashes) {
        System.out.println("crash point | items processed by the killed process | committed by it | recomputed");
        for (Crash c : crashes) {
            System.out.printf("%s | %s | %d | %d%n", c.point(),
                    c.point().startsWith("simulate") ? "-" : Long.toString(c.processed()), c.committed(), c.recomputed());
        }
    }

    private long committed(String step, String runId) {
        String sql = switch (step) {
            case "ingest" -> "select count(*) from sample where run_id = ?";
            case "simulate" -> "select count(*) from result where run_id = ?";
            default -> "select count(distinct (task, doc_id)) from document_metric where run_id = ?";
        };
        return jdbc().sql(sql).param(runId).query(Long.class).single();
    }

    private long distinctSamples(String runId) {
        return jdbc().sql("select count(distinct sample_id) from sample where run_id = ?").param(runId)
                .query(Long.class).single();
    }

    private List<String> documentMetrics(String runId) {
        return jdbc().sql("""
                        select task || ' ' || doc_id || ' ' || metric || ' ' || value from document_metric
                         where run_id = ? order by task, doc_id, metric""")
                .param(runId).query(String.class).list();
    }

    private static JdbcClient jdbc() {
        return RunQueries.onTestDatabase().jdbc();
    }
}
