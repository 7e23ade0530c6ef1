package io.evalbatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.InspectSchema;
import io.evalbatch.support.ReferenceData;
import io.evalbatch.support.SamplesFiles;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The round trip Inspect users want: an unscored Inspect log scored by evalbatch and written back
 * as an Inspect log. Every object of the written log must be valid against Inspect's own schema
 * (inspect-openapi.json), and evalbatch's reader must read the same samples back.
 */
@DatabaseTest
class InspectExportTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path INSPECT = ReferenceData.ROOT.resolve("formats/inspect");
    private static final Path UNSCORED = INSPECT.resolve("2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval");

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void anUnscoredLogScoredByEvalbatchIsWrittenAsAValidInspectLog() throws Exception {
        String id = run(UNSCORED);
        Path eval = dir.resolve("scored.eval");
        Cli.Result written = Cli.run("results", id, "--format", "inspect", "-o", eval.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();

        List<String> errors = new ArrayList<>();
        int samples = 0;
        try (ZipFile zip = ZipFile.builder().setPath(eval).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                JsonNode content;
                try (InputStream in = zip.getInputStream(entry)) {
                    content = JSON.readTree(in);
                }
                if (entry.getName().equals("header.json")) {
                    errors.addAll(InspectSchema.invalid("EvalLog", content, entry.getName()));
                    assertThat(content.at("/results/scores/0/metrics/mean/value").doubleValue())
                            .isEqualTo(mean(id));
                } else if (entry.getName().startsWith("samples/")) {
                    samples++;
                    errors.addAll(InspectSchema.invalid("EvalSample", content, entry.getName()));
                } else if (entry.getName().equals("summaries.json")) {
                    for (JsonNode summary : content) {
                        errors.addAll(InspectSchema.invalid("EvalSampleSummary", summary, entry.getName()));
                    }
                } else if (entry.getName().equals("reductions.json")) {
                    for (JsonNode reduction : content) {
                        errors.addAll(InspectSchema.invalid("EvalSampleReductions", reduction, entry.getName()));
                    }
                }
            }
        }
        assertThat(errors).isEmpty();
        assertThat(samples).isEqualTo(10);

        // Read back by evalbatch: the same samples, and evalbatch's verdicts as Inspect scores.
        String again = run(eval);
        assertThat(samples(again)).isEqualTo(samples(id));
        List<String> scored = jdbc.sql("""
                        select r.outcome || ' ' || (s.doc::jsonb -> 'scores' -> 'evalbatch' ->> 'value')
                          from sample s join result r using (run_id, sample_id) where s.run_id = ? order by s.sample_id""")
                .param(again).query(String.class).list();
        assertThat(scored).hasSize(10).allSatisfy(line -> assertThat(line).isIn("passed C", "failed I"));
    }

    @Test
    void theJsonFormIsOneValidLogWithItsSamples() throws Exception {
        String id = run(UNSCORED);
        Path json = dir.resolve("scored.json");
        assertThat(Cli.run("results", id, "--format", "inspect", "-o", json.toString()).exitCode()).isZero();
        JsonNode log = JSON.readTree(json.toFile());
        assertThat(log.get("samples")).hasSize(10);
        assertThat(InspectSchema.invalid("EvalLog", log, json.toString())).isEmpty();
        // and the validation can fail: a sample without its output is not an EvalSample
        tools.jackson.databind.node.ObjectNode broken = ((tools.jackson.databind.node.ObjectNode) log.get("samples")
                .get(0)).deepCopy();
        broken.remove("output");
        assertThat(InspectSchema.invalid("EvalSample", broken, "broken")).isNotEmpty();
        assertThat(samples(run(json))).isEqualTo(samples(id));
        Cli.Result stdout = Cli.run("results", id, "--format", "inspect");
        assertThat(JSON.readTree(stdout.out())).isEqualTo(log);
        assertThat(Cli.run("results", id, "--format", "inspect", "-o", dir.resolve("x.txt").toString()).exitCode())
                .isEqualTo(2);
    }

    private double mean(String runId) {
        return jdbc.sql("select value from metric where run_id = ? and metric = 'mean' and scope = 'task'")
                .param(runId).query(Double.class).single();
    }

    private List<String> samples(String runId) {
        return jdbc.sql("""
                        select doc_id || ' ' || repeat_index || ' ' || response || ' | ' || test
                          from sample where run_id = ? order by sample_id""")
                .param(runId).query(String.class).list();
    }

    private String run(Path log) {
        Path job = SamplesFiles.job(dir, """
                name: inspect-round-trip
                input: {format: inspect, files: ["%s"]}
                filter: {name: exact-match, ignore-case: true, regexes-to-ignore: ["^\\\\s+", "\\\\s+$"]}
                execution: {cache: false}
                metrics: {mean: true, pass-at-k: [], bootstrap: {iterations: 0}}
                """.formatted(log));
        Cli.Result result = Cli.run("run", job.toString(), "--format", "json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        return JSON.readTree(result.out()).get("run").stringValue();
    }
}
