package io.evalbatch.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.evalbatch.definition.MetricSelection;
import io.evalbatch.definition.MetricsSpec;
import io.evalbatch.report.RunListings;
import io.evalbatch.run.MetricsRecomputation;
import io.evalbatch.run.RunEnd;
import io.evalbatch.step.RunStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Times the metrics and summary steps over a synthetic finished run of documents × repeats
 * results: pass@1, pass@5, pass@10 and mean, each with its closed-form and bootstrap error.
 */
@Component
public class MetricsBenchmark {

    private static final MetricsSpec METRICS = MetricsSpec.DEFAULT.with("pass-at-k", MetricSelection.of(List.of(1, 5, 10)));

    private final SyntheticRun synthetic;
    private final MetricsRecomputation recomputation;
    private final MachineDescription machine;
    private final RunStore runs;
    private final RunListings listings;
    private final JdbcClient jdbc;

    MetricsBenchmark(SyntheticRun synthetic, MetricsRecomputation recomputation, MachineDescription machine,
                     RunStore runs, RunListings listings, JdbcClient jdbc) {
        this.synthetic = synthetic;
        this.recomputation = recomputation;
        this.machine = machine;
        this.runs = runs;
        this.listings = listings;
        this.jdbc = jdbc;
    }

    /** Runs the benchmark and returns its Markdown section. */
    public String run(int documents, int repeats, boolean keep, String command) {
        String runId = "bench-metrics-" + System.currentTimeMillis();
        long start = System.nanoTime();
        synthetic.create(runId, documents, repeats, METRICS);
        double generate = seconds(start);
        try {
            long metricsStart = System.nanoTime();
            RunEnd outcome = recomputation.recompute(runId, null);
            double total = seconds(metricsStart);
            if (!outcome.completed()) {
                throw new IllegalStateException("the metrics job ended " + outcome.status() + ": " + outcome.failures());
            }
            Map<String, Double> steps = listings.recomputationSeconds(runId);
            long results = (long) documents * repeats;
            long documentRows = jdbc.sql("select count(*) from document_metric where run_id = ?").param(runId)
                    .query(Long.class).single();
            StringBuilder md = new StringBuilder();
            md.append("### Metrics over stored results — ").append(LocalDate.now()).append("\n\n");
            md.append("Machine: ").append(machine.describe()).append(".\n");
            md.append("Command: `").append(command).append("`; metrics pass@1, pass@5, pass@10, mean, each with "
                    + "closed-form and bootstrap (1,000 resamples) standard errors. Synthetic results are "
                    + "written by SQL first (").append(String.format(Locale.ROOT, "%.1f s", generate))
                    .append(", not counted).\n\n");
            md.append("| results | documents × repeats | document metric rows | metrics step | summary step "
                    + "| tally step | metrics job, end to end | results/s |\n");
            md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            if (keep) {
                md.insert(0, "<!-- kept as run " + runId + " -->\n");
            }
            md.append(String.format(Locale.ROOT, "| %,d | %,d × %d | %,d | %.2f s | %.2f s | %.2f s | %.2f s | %,.0f |\n",
                    results, documents, repeats, documentRows, steps.getOrDefault("metrics", 0.0),
                    steps.getOrDefault("summary", 0.0), steps.getOrDefault("tally", 0.0), total, results / total));
            return md.toString();
        } finally {
            if (!keep) {
                runs.delete(runId);
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
