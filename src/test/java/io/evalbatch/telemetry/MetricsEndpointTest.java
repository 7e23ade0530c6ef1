package io.evalbatch.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.evalbatch.support.EvalbatchProcesses;
import io.evalbatch.support.EvalbatchProcesses.Launched;
import io.evalbatch.support.LedgerSimulator;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker started with --metrics-port, scraped while it scores a distributed run and after: the
 * Prometheus text it serves holds Spring Batch's step observations and evalbatch's own meters, and
 * the samples it counts as scored are the run's result rows, outcome by outcome.
 */
@Tag("slow")
class MetricsEndpointTest {

    private static final Pattern SERVING = Pattern.compile("serving metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");
    private static final int DOCUMENTS = 100;

    @TempDir
    Path dir;

    private EvalbatchProcesses evalbatch;
    private Launched worker;

    @BeforeEach
    void processesWithAQueueOfTheirOwn() {
        evalbatch = EvalbatchProcesses.onTestDatabase(dir)
                .with("EVALBATCH_WORKER_QUEUE", "metrics-" + UUID.randomUUID())
                .with("EVALBATCH_WORKER_HEARTBEAT", "1s")
                .with("EVALBATCH_WORKER_TIMEOUT", "5s")
                .with("EVALBATCH_WORKER_POLL_INTERVAL", "200ms");
    }

    @AfterEach
    void stopWorker() {
        if (worker != null) {
            worker.process().destroyForcibly();
        }
    }

    @Test
    void aWorkersMetricsCountWhatItScoredAsTheResultTableDoes() throws Exception {
        LedgerSimulator simulator = LedgerSimulator.write(dir, 0);
        Path job = job(simulator);
        // item observations asked for: off by default, they are this worker's
        worker = evalbatch.with("EVALBATCH_ITEM_OBSERVATIONS", "true").start("worker", "--threads", "2", "--metrics-port", "0");
        worker.awaitErr(err -> err.contains("taking partitions from queue"), Duration.ofMinutes(1));
        int port = port(worker.err());

        HttpResponse<String> health = get(port, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(get(port, "/elsewhere").statusCode()).isEqualTo(404);

        // During: the simulator holds every sample until the gate goes.
        Files.createFile(simulator.gate());
        String id = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        Launched run = evalbatch.start("run", job.toString(), "--id", id, "--distributed");
        Exposition during = awaitScrape(port, e -> e.sum("evalbatch_samples_in_flight") >= 1);
        assertThat(during.sum("evalbatch_workers_live")).isGreaterThanOrEqualTo(1);
        Files.delete(simulator.gate());
        run.finish(0);

        Exposition after = awaitScrape(port, e -> e.sum("evalbatch_samples_scored_total") >= 2 * DOCUMENTS);
        Map<String, Long> results = RunQueries.onTestDatabase().results(id).stream()
                .collect(Collectors.groupingBy(r -> r.outcome(), Collectors.counting()));
        assertThat(results.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2 * DOCUMENTS);
        for (var outcome : results.entrySet()) {
            double counted = after.named("evalbatch_samples_scored_total").stream()
                    .filter(s -> s.labels().get("outcome").equals(outcome.getKey()))
                    .peek(s -> assertThat(s.labels()).containsEntry("filter", "command").containsEntry("task", "spread"))
                    .mapToDouble(Exposition.Sample::value).sum();
            assertThat(counted).as(outcome.getKey()).isEqualTo(outcome.getValue().doubleValue());
        }
        assertThat(after.sum("evalbatch_samples_in_flight")).isZero();
        assertThat(after.sum("evalbatch_sample_duration_seconds_count")).isEqualTo(2.0 * DOCUMENTS);
        // the simulators the worker started for its threads
        assertThat(after.sum("evalbatch_scorer_processes_started_total")).isGreaterThanOrEqualTo(1);
        // Spring Batch's observations of the partition steps this worker ran, and of their chunks
        assertThat(after.named("spring_batch_step_seconds_count")).as("%s", after.samples().stream()
                .map(Exposition.Sample::name).filter(n -> n.startsWith("spring")).distinct().toList()).isNotEmpty();
        assertThat(after.hasPrefix("spring_batch_item_read_seconds")).isTrue();
        assertThat(after.sum("spring_batch_item_process_seconds_count")).isEqualTo(2.0 * DOCUMENTS);
        assertThat(after.hasPrefix("spring_batch_chunk_write")).isTrue();
    }

    @Test
    void aRunPushesItsMetersToThePushgatewayWhenItEnds() throws Exception {
        try (FakePushgateway gateway = FakePushgateway.start()) {
            LedgerSimulator simulator = LedgerSimulator.write(dir, 0);
            String id = "pushed-" + UUID.randomUUID().toString().substring(0, 8);
            evalbatch.with("EVALBATCH_PUSHGATEWAY", "http://127.0.0.1:" + gateway.port())
                    .finish(0, "run", job(simulator).toString(), "--id", id);
            FakePushgateway.Push push = gateway.awaitPush(Duration.ofSeconds(30));
            assertThat(push.method()).isEqualTo("PUT");
            assertThat(push.path()).isEqualTo("/metrics/job/evalbatch/run/" + id);
            Exposition pushed = Exposition.parse(push.body());
            assertThat(pushed.sum("evalbatch_samples_scored_total")).isEqualTo(2.0 * DOCUMENTS);
            assertThat(pushed.sum("spring_batch_job_seconds_count")).isEqualTo(1);
            // the job operator Spring Boot configured reports the launch too
            assertThat(pushed.sum("spring_batch_job_launch_count_seconds_count")).isEqualTo(1);
            // steps and chunks are timed, items only when asked for
            assertThat(pushed.hasPrefix("spring_batch_step_seconds")).isTrue();
            assertThat(pushed.hasPrefix("spring_batch_chunk_write")).isTrue();
            assertThat(pushed.hasPrefix("spring_batch_item_read")).isFalse();
            assertThat(pushed.hasPrefix("spring_batch_item_process")).isFalse();
        }
    }

    /** A sample that never finishes is named by the progress line once nothing finished for the stuck limit. */
    @Test
    void theProgressLineNamesTheSamplesARunWaitsOn() throws Exception {
        LedgerSimulator simulator = LedgerSimulator.write(dir, 0);
        Files.createFile(simulator.gate());
        Launched run = evalbatch.with("EVALBATCH_STUCK_AFTER", "2s").with("EVALBATCH_PROGRESS_INTERVAL", "1s")
                .start("run", job(simulator).toString());
        run.awaitErr(err -> err.contains("no sample finished in"), Duration.ofMinutes(1));
        Files.delete(simulator.gate());
        run.finish(0);
        assertThat(run.err()).containsPattern("no sample finished in \\d+ s; running: \\d+ \\(spread(| #1), \\d+ s\\)");
    }

    private Path job(LedgerSimulator simulator) {
        LedgerSimulator.samples(dir, "spread", DOCUMENTS);
        return SamplesFiles.job(dir, """
                name: spread
                input: {format: lm-eval, files: [samples_spread_2026-11-28T00-00-00.jsonl]}
                %s
                execution: {partitions: 2, threads: 2, chunk: 10, cache: false}
                metrics: {pass-at-k: [1]}
                """.formatted(simulator.filterYaml().strip()));
    }

    private static int port(String err) {
        Matcher m = SERVING.matcher(err);
        assertThat(m.find()).as("the worker says where it serves metrics:%n%s", err).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Exposition awaitScrape(int port, java.util.function.Predicate<Exposition> condition)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        Exposition last;
        do {
            last = Exposition.scrape(port);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no scrape met the condition within a minute; the last one:\n" + last.samples());
    }
}
