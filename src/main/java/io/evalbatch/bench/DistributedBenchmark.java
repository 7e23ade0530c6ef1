package io.evalbatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import io.evalbatch.report.RunListings;
import io.evalbatch.step.RunStore;
import org.springframework.stereotype.Component;

/**
 * Measures how simulate scales with worker processes: the same run of a latency-bound filter (the
 * test filter sleeping a fixed time per sample) scored in one process, then by 1, 2, ... workers.
 * The run and the workers are separate JVMs on this benchmark's database and a queue of their own,
 * as they would be on separate machines (here they share its cores, which a filter that sleeps
 * does not use).
 */
@Component
public class DistributedBenchmark {

    /**
     * What to measure; a worker count of 0 is the run scoring its partitions itself.
     *
     * @param mainClass the class that starts evalbatch, for the run and worker processes
     */
    public record Settings(long samples, int latencyMs, int threads, int partitions, int chunk,
                           List<Integer> workerCounts, String mainClass) {
    }

    private static final Duration PROCESS_LIMIT = Duration.ofMinutes(30);

    private final DataSource dataSource;
    private final RunStore runs;
    private final RunListings listings;
    private final MachineDescription machine;

    DistributedBenchmark(DataSource dataSource, RunStore runs, RunListings listings, MachineDescription machine) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.listings = listings;
        this.machine = machine;
    }

    public String run(Settings settings, String command, Path work) throws IOException, InterruptedException {
        Path input = PipelineBenchmark.writeLog(work.resolve("samples_distributed_bench.jsonl"), settings.samples());
        StringBuilder md = new StringBuilder();
        md.append("### Distributed simulate — ").append(LocalDate.now()).append("\n\n");
        md.append("Machine: ").append(machine.describe()).append(".\n");
        md.append("Command: `").append(command).append("`. Input: synthetic lm-eval log, ")
                .append(String.format(Locale.ROOT, "%,d", settings.samples()))
                .append(" samples; filter `test` sleeping ").append(settings.latencyMs())
                .append(" ms per sample; each worker (and the local run) scores with ").append(settings.threads())
                .append(" threads, one partition at a time. Every process is a JVM of its own on this machine. "
                        + "Simulate seconds from the job repository; ideal = min(workers, partitions) × threads / "
                        + "latency.\n\n");
        md.append("| scored by | partitions | chunk | simulate | samples/s | vs 1 worker | ideal | of ideal |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        Double oneWorker = null;
        for (int workers : settings.workerCounts()) {
            double seconds = measure(settings, workers, input, work);
            double rate = settings.samples() / seconds;
            if (workers == 1) {
                oneWorker = rate;
            }
            double ideal = Math.min(Math.max(workers, 1), settings.partitions()) * settings.threads() * 1000.0
                    / settings.latencyMs();
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f s | %,.1f | %s | %,.0f/s | %.0f %% |\n",
                    workers == 0 ? "the run itself" : workers + (workers == 1 ? " worker" : " workers"),
                    settings.partitions(), settings.chunk(), seconds, rate,
                    oneWorker == null ? "-" : String.format(Locale.ROOT, "%.2f×", rate / oneWorker),
                    ideal, 100 * rate / ideal));
        }
        Files.deleteIfExists(input);
        return md.toString();
    }

    private double measure(Settings settings, int workerCount, Path input, Path work)
            throws IOException, InterruptedException {
        String runId = "bench-distributed-" + UUID.randomUUID().toString().substring(0, 8);
        Path job = Files.writeString(work.resolve(runId + ".yaml"), """
                name: bench-distributed
                input: {format: lm-eval, files: ["%s"]}
                filter: {name: test, pass-rate: 0.5, latency-ms: %d}
                execution: {partitions: %d, threads: %d, chunk: %d, cache: false, distributed: %b}
                metrics: {pass-at-k: [1]}
                """.formatted(input, settings.latencyMs(), settings.partitions(), settings.threads(),
                settings.chunk(), workerCount > 0));
        BenchProcesses processes = new BenchProcesses(work, dataSource, settings.mainClass(), Map.of(
                "EVALBATCH_WORKER_QUEUE", "bench-" + UUID.randomUUID(), "EVALBATCH_WORKER_POLL_INTERVAL", "200ms"));
        List<Process> workers = new ArrayList<>();
        try {
            for (int i = 0; i < workerCount; i++) {
                workers.add(processes.startWorker(settings.threads()));
            }
            Process run = processes.start("run", job.toString(), "--id", runId, "--format", "json");
            if (!run.waitFor(PROCESS_LIMIT.toMillis(), TimeUnit.MILLISECONDS) || run.exitValue() != 0) {
                throw new IllegalStateException("the benchmark run did not complete; see " + processes.errOf(run));
            }
            Map<String, Double> seconds = listings.stepSeconds(runId);
            return seconds.getOrDefault("simulate", 0.0);
        } finally {
            for (Process worker : workers) {
                worker.destroy();
            }
            for (Process worker : workers) {
                if (!worker.waitFor(1, TimeUnit.MINUTES)) {
                    worker.destroyForcibly();
                }
            }
            runs.delete(runId);
            Files.deleteIfExists(job);
        }
    }
}
