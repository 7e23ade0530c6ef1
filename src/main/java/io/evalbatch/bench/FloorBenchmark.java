package io.evalbatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the database itself needs for a run, against what a run takes: for each size, a whole
 * evaluation of a synthetic lm-eval log as {@code bench pipeline} runs it, then the same rows put
 * into the same tables by plain COPY (the run's own sample and result rows, taken out of it
 * first), the per-document aggregate into {@code document_metric} and the per-task one, by one
 * statement each. The ratio of the two is evalbatch's overhead over its storage.
 */
@Component
public class FloorBenchmark {

    /** Every column a run writes, but the run id. */
    private static final String SAMPLE_COLUMNS = "sample_id, task, doc_id, repeat_index, source_file, "
            + "source_line, prompt, response, test, entry_point, filter_key, doc, cache_key";
    private static final String RESULT_COLUMNS = "sample_id, task, doc_id, repeat_index, outcome, score, answer, "
            + "detail, duration_ms, cpu_ms, cpu_limit_ms, fields, cache_key";

    private final PipelineBenchmark pipeline;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final MachineDescription machine;

    FloorBenchmark(PipelineBenchmark pipeline, DataSource dataSource, JdbcClient jdbc, MachineDescription machine) {
        this.pipeline = pipeline;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.machine = machine;
    }

    /** Seconds of each part of the floor. */
    record Floor(double samples, double results, double documents, double tasks) {

        double total() {
            return samples + results + documents + tasks;
        }
    }

    /** Measures each size in turn and returns the Markdown section. */
    public String run(List<PipelineBenchmark.Case> cases, String command, Path workDirectory) {
        StringBuilder md = new StringBuilder();
        md.append("### Floor — ").append(LocalDate.now()).append("\n\n");
        md.append("Machine: ").append(machine.describe()).append(".\n");
        md.append("Command: `").append(command).append("`. Per row, first a whole run of a synthetic lm-eval log ")
                .append("(").append(PipelineBenchmark.REPEATS).append(" samples per document, filter `test`, metrics pass@1, ")
                .append("pass@10, mean with bootstrap; end to end = the sum of its steps), then the floor: the run's own ")
                .append("sample and result rows COPYed into the same tables under another run id, the per-document ")
                .append("aggregate inserted into `document_metric` and the per-task one into `metric`, one statement ")
                .append("each on one connection. Before each side, `vacuum` of those tables (not timed).\n\n");
        md.append("| samples | floor: samples | floor: results | floor: documents | floor: tasks | floor "
                + "| evalbatch end to end | ratio | samples/s floor | samples/s evalbatch | peak heap | peak RSS |\n");
        md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        ProcessMemory memory = new ProcessMemory();
        for (PipelineBenchmark.Case c : cases) {
            Path input = PipelineBenchmark.writeLog(workDirectory.resolve("samples_synthetic_" + c.samples() + ".jsonl"),
                    c.samples());
            Path samples = workDirectory.resolve("sample.copy");
            Path results = workDirectory.resolve("result.copy");
            try {
                String floorId = "bench-floor-" + System.currentTimeMillis();
                settle();
                memory.reset();
                // the run's rows as they are, but under the floor's run id
                Map<String, Double> steps = pipeline.measure(c, input, runId -> {
                    copyOut("copy (select '" + floorId + "', " + SAMPLE_COLUMNS + " from sample where run_id = '" + runId
                            + "' order by sample_id) to stdout", samples);
                    copyOut("copy (select '" + floorId + "', " + RESULT_COLUMNS + " from result where run_id = '" + runId
                            + "' order by sample_id) to stdout", results);
                });
                double evalbatch = PipelineBenchmark.endToEnd(steps);
                long heap = memory.peakHeapMb();
                long rss = memory.peakRssMb();
                settle();
                Floor floor = floor(floorId, samples, results, c.samples());
                md.append(String.format(Locale.ROOT,
                        "| %,d | %.3f s | %.3f s | %.3f s | %.3f s | %.3f s | %.2f s | %.2f | %,.0f | %,.0f | %d MB | %d MB |\n",
                        c.samples(), floor.samples(), floor.results(), floor.documents(), floor.tasks(), floor.total(),
                        evalbatch, evalbatch / floor.total(), c.samples() / floor.total(), c.samples() / evalbatch,
                        heap, rss));
            } finally {
                for (Path file : List.of(input, samples, results)) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return md.toString();
    }

    private Floor floor(String runId, Path samples, Path results, long expected) {
        jdbc.sql("insert into eval_run (run_id, job_name, definition, inputs) values (?, 'bench-floor', '{}', '')")
                .param(runId).update();
        try {
            double sampleSeconds = timed(() -> copyIn(samples, "sample", SAMPLE_COLUMNS, expected));
            double resultSeconds = timed(() -> copyIn(results, "result", RESULT_COLUMNS, expected));
            double documentSeconds = timed(() -> jdbc.sql("""
                    insert into document_metric (run_id, task, doc_id, metric, value, samples)
                    select d.run_id, d.task, d.doc_id, m.metric,
                           case m.metric when 'pass@10' then (d.c > 0)::int::float8 else d.c::float8 / d.n end, d.n
                      from (select run_id, task, doc_id, count(*) as n, count(*) filter (where outcome = 'passed') as c
                              from result where run_id = ? group by run_id, task, doc_id) d
                     cross join (values ('pass@1'), ('pass@10'), ('mean')) m (metric)""")
                    .param(runId).update());
            double taskSeconds = timed(() -> jdbc.sql("""
                    insert into metric (run_id, scope, name, metric, weighting, value, stderr, n, samples)
                    select run_id, 'task', task, metric, 'documents', avg(value order by doc_id collate "C"),
                           stddev_samp(value order by doc_id collate "C") / sqrt(count(*)), count(*), sum(samples)
                      from document_metric where run_id = ? group by run_id, task, metric""")
                    .param(runId).update());
            return new Floor(sampleSeconds, resultSeconds, documentSeconds, taskSeconds);
        } finally {
            jdbc.sql("delete from eval_run where run_id = ?").param(runId).update();
        }
    }

    /**
     * Clears what the previous run left (its deleted rows), so that neither side is measured
     * while autovacuum works through a million dead rows of the other.
     */
    private void settle() {
        jdbc.sql("vacuum sample, result, document_metric, metric").update();
    }

    private void copyOut(String copy, Path file) {
        try (Connection connection = dataSource.getConnection(); OutputStream out = Files.newOutputStream(file)) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, out);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not take the run's rows out: " + e.getMessage(), e);
        }
    }

    private void copyIn(Path file, String table, String columns, long expected) {
        long rows;
        try (Connection connection = dataSource.getConnection(); InputStream in = Files.newInputStream(file)) {
            rows = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy " + table + " (run_id, " + columns + ") from stdin", in);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not copy rows into " + table + ": " + e.getMessage(), e);
        }
        if (rows != expected) {
            throw new IllegalStateException("the floor copied " + rows + " rows into " + table + ", not the run's " + expected);
        }
    }

    private static double timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
