package io.evalbatch.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.evalbatch.definition.ExecutionSpec;
import io.evalbatch.definition.FilterSpec;
import io.evalbatch.definition.InputFormat;
import io.evalbatch.definition.InputSpec;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.MetricSelection;
import io.evalbatch.definition.MetricsSpec;
import io.evalbatch.definition.ProblemFields;
import io.evalbatch.report.RunListings;
import io.evalbatch.run.RunEnd;
import io.evalbatch.run.RunService;
import io.evalbatch.step.RunStore;
import org.springframework.stereotype.Component;

/**
 * Runs whole evaluations (ingest, simulate, metrics) of synthetic lm-eval logs with the test
 * filter, with no latency (the framework's own overhead) or a fixed sleep per sample (a stand-in
 * for a slow scorer), and reports each step's time, throughput and memory. Every run is deleted
 * afterwards.
 */
@Component
public class PipelineBenchmark {

    /** Samples per document in the synthetic logs: pass@1 and pass@10 are derived. */
    static final int REPEATS = 10;

    /** One configuration to measure. */
    public record Case(long samples, int partitions, int threads, int chunk, int latencyMs) {
    }

    private final RunService runService;
    private final RunStore runs;
    private final RunListings listings;
    private final MachineDescription machine;

    PipelineBenchmark(RunService runService, RunStore runs, RunListings listings, MachineDescription machine) {
        this.runService = runService;
        this.runs = runs;
        this.listings = listings;
        this.machine = machine;
    }

    /** Measures every case in order and returns the Markdown section. */
    public String run(String title, List<Case> cases, String command, Path workDirectory) {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(title).append(" — ").append(LocalDate.now()).append("\n\n");
        md.append("Machine: ").append(machine.describe()).append(".\n");
        md.append("Command: `").append(command).append("`. Input: synthetic lm-eval logs, ").append(REPEATS)
                .append(" samples per document; filter `test` (a SHA-256 per sample) with the latency shown; "
                        + "metrics pass@1, pass@10, mean with bootstrap. Seconds per step from the job repository; "
                        + "metrics = the metrics, summary and tally steps; end to end = the sum of all the run's steps.\n\n");
        md.append("| samples | partitions | threads | chunk | latency | ingest | simulate | metrics | end to end "
                + "| samples/s end to end | samples/s simulate | ideal | of ideal | peak heap | peak RSS |\n");
        md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        ProcessMemory memory = new ProcessMemory();
        boolean rssReset = true;
        // One input log per size, shared by the cases of that size.
        Map<Long, Path> inputs = new HashMap<>();
        try {
            for (Case c : cases) {
                Path input = inputs.computeIfAbsent(c.samples(),
                        n -> writeLog(workDirectory.resolve("samples_synthetic_" + n + ".jsonl"), n));
                memory.reset();
                rssReset &= memory.rssReset();
                md.append(row(c, measure(c, input), memory));
            }
        } finally {
            for (Path input : inputs.values()) {
                try {
                    Files.deleteIfExists(input);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (!rssReset) {
            md.append("\nPeak RSS is the process's since it started (the kernel did not reset it per row).\n");
        }
        return md.toString();
    }

    /** A run's time in its steps, the end to end of the pipeline and floor benchmarks alike. */
    static double endToEnd(Map<String, Double> stepSeconds) {
        return stepSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static String row(Case c, Map<String, Double> seconds, ProcessMemory memory) {
        double ingest = seconds.getOrDefault("ingest", 0.0);
        double simulate = seconds.getOrDefault("simulate", 0.0);
        double metrics = seconds.getOrDefault("metrics", 0.0) + seconds.getOrDefault("summary", 0.0)
                + seconds.getOrDefault("tally", 0.0);
        double total = endToEnd(seconds);
        String ideal = "-";
        String ofIdeal = "-";
        if (c.latencyMs() > 0) {
            double idealRate = Math.min(c.threads(), (double) c.partitions() * c.chunk()) * 1000.0 / c.latencyMs();
            ideal = String.format(Locale.ROOT, "%,.0f/s", idealRate);
            ofIdeal = String.format(Locale.ROOT, "%.0f %%", 100 * (c.samples() / simulate) / idealRate);
        }
        return String.format(Locale.ROOT,
                "| %,d | %d | %d | %d | %d ms | %.2f s | %.2f s | %.2f s | %.2f s | %,.0f | %,.0f | %s | %s | %d MB | %d MB |\n",
                c.samples(), c.partitions(), c.threads(), c.chunk(), c.latencyMs(), ingest, simulate, metrics, total,
                c.samples() / total, c.samples() / simulate, ideal, ofIdeal, memory.peakHeapMb(), memory.peakRssMb());
    }

    private Map<String, Double> measure(Case c, Path input) {
        return measure(c, input, runId -> { });
    }

    /**
     * Runs one case and returns the seconds of its steps.
     *
     * @param finished given the run's id once it completed, before the run is deleted
     */
    Map<String, Double> measure(Case c, Path input, java.util.function.Consumer<String> finished) {
        String runId = "bench-pipeline-" + System.currentTimeMillis();
        try {
            JobDefinition job = new JobDefinition("bench-pipeline", "bench",
                    new InputSpec(InputFormat.LM_EVAL, List.of(input), null, null, ProblemFields.HUMAN_EVAL, null, 0),
                    new FilterSpec("bench", "test", Map.of("pass-rate", 0.5, "latency-ms", c.latencyMs())),
                    new ExecutionSpec(c.partitions(), c.threads(), c.chunk()),
                    MetricsSpec.DEFAULT.with("pass-at-k", MetricSelection.of(List.of(1, REPEATS))));
            RunEnd outcome = runService.start(job, runId);
            if (!outcome.completed()) {
                throw new IllegalStateException("benchmark run ended " + outcome.status() + ": " + outcome.failures());
            }
            finished.accept(runId);
            return listings.stepSeconds(runId);
        } finally {
            runs.delete(runId);
        }
    }

    /** lm-eval lines of {@link #REPEATS} short responses each, samples / REPEATS lines in all. */
    static Path writeLog(Path file, long samples) {
        long documents = Math.max(1, samples / REPEATS);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<String> responses = new ArrayList<>();
            for (long d = 0; d < documents; d++) {
                responses.clear();
                for (int r = 0; r < REPEATS; r++) {
                    responses.add("\"def f(x):\\n    return x + " + (d * 31 + r) % 97 + "\"");
                }
                String list = "[" + String.join(", ", responses) + "]";
                out.write("{\"doc_id\": " + d + ", \"target\": \"assert f(1) == 2\", \"resps\": [" + list
                        + "], \"filtered_resps\": [" + list + "], \"filter\": \"none\"}\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
