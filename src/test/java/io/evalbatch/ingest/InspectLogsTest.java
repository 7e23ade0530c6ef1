package io.evalbatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;

import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.run.RunEnd;
import io.evalbatch.run.RunService;
import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.ReferenceData;
import io.evalbatch.support.RunQueries.TaskMetric;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Inspect's own test logs (reference/formats/inspect) read as samples: the scored popularity
 * log rescored by exact match gives Inspect's accuracy and stderr sample for sample, a log gives
 * the same samples from its .eval and its .json form, and a .eval whose entries are zstd-compressed
 * (as Inspect 0.3.206 and later write them) reads as the deflated one.
 */
@DatabaseTest
class InspectLogsTest {

    private static final Path INSPECT = ReferenceData.ROOT.resolve("formats/inspect");
    private static final Path SCORED = INSPECT.resolve("2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval");

    @Autowired
    RunService runs;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    /**
     * Inspect's match scorer (case ignored, surrounding white space stripped) scored 8 of 10 "C":
     * accuracy 0.8 and stderr 0.1333 (sample standard deviation / sqrt(n)), the formula of
     * evalbatch's closed-form stderr too. Exact match with the same normalisation agrees on every
     * sample.
     */
    @Test
    void theScoredPopularityLogRescoredByExactMatchGivesInspectsAccuracy() {
        String id = run(SCORED);
        List<String> disagreements = jdbc.sql("""
                        select r.doc_id || ': evalbatch ' || r.outcome || ', inspect '
                               || (s.doc::jsonb -> 'scores' -> 'match' ->> 'value')
                          from sample_result r join sample s using (run_id, sample_id)
                         where r.run_id = ?
                           and (r.outcome = 'passed') <> (s.doc::jsonb -> 'scores' -> 'match' ->> 'value' = 'C')""")
                .param(id).query(String.class).list();
        assertThat(disagreements).isEmpty();
        TaskMetric mean = new RunQueries(jdbc).metrics(id).stream().filter(m -> m.metric().equals("mean"))
                .findFirst().orElseThrow();
        assertThat(mean.task()).isEqualTo("popularity");
        assertThat(mean.n()).isEqualTo(10);
        assertThat(mean.value()).isEqualTo(0.8);
        assertThat(mean.stderr()).isCloseTo(0.13333333333333333, within(1e-12));
        // Inspect's own verdict is kept as a field and aggregates like one
        TaskMetric inspects = new RunQueries(jdbc).metrics(id).stream()
                .filter(m -> m.metric().equals("inspect.match:mean")).findFirst().orElseThrow();
        assertThat(inspects.value()).isEqualTo(0.8);
    }

    @Test
    void aLogReadsAsTheSameSamplesFromItsEvalAndItsJsonForm() {
        for (String log : List.of("log_formats", "log_read_sample")) {
            List<String> fromEval = samples(run(INSPECT.resolve(log + ".eval")));
            List<String> fromJson = samples(run(INSPECT.resolve(log + ".json")));
            assertThat(fromEval).as(log).isNotEmpty().isEqualTo(fromJson);
        }
    }

    @Test
    void zstdCompressedEntriesReadAsDeflatedOnes() throws IOException {
        Path zstd = recompressedWithZstd(SCORED, dir.resolve("popularity-zstd.eval"));
        try (ZipFile zip = ZipFile.builder().setPath(zstd).get()) {
            assertThat(Collections.list(zip.getEntries())).allSatisfy(
                    e -> assertThat(e.getMethod()).isEqualTo(ZipMethod.ZSTD.getCode()));
        }
        assertThat(samples(run(zstd))).hasSize(10).isEqualTo(samples(run(SCORED)));
    }

    @Test
    void whatIsNotAnInspectLogIsRefusedNamingTheFile() {
        Path notLog = SamplesFiles.write(dir.resolve("other.json"), "{\"version\": 2, \"eval\": {\"task\": \"x\"}}");
        Cli.Result result = Cli.run("run", job(notLog).toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(notLog + ": has no 'samples': an Inspect log without samples");
        Path array = SamplesFiles.write(dir.resolve("array.json"), "[1, 2]");
        assertThat(Cli.run("run", job(array).toString()).err())
                .contains(array + ": is neither an Inspect .eval (ZIP) log nor a JSON log object");
    }

    /** "id epoch response | target" of each sample, in sample order. */
    private List<String> samples(String runId) {
        return jdbc.sql("""
                        select s.task || ' ' || s.doc_id || ' ' || s.repeat_index || ' ' || s.response || ' | ' || s.test
                          from sample s where run_id = ? order by sample_id""")
                .param(runId).query(String.class).list();
    }

    private String run(Path log) {
        RunEnd outcome = runs.start(new JobDefinitions().read(job(log)), null);
        assertThat(outcome.status()).as(String.join("; ", outcome.failures())).isEqualTo("COMPLETED");
        return outcome.runId();
    }

    private Path job(Path log) {
        return SamplesFiles.job(dir, """
                name: inspect-log
                input: {format: inspect, files: ["%s"]}
                filter: {name: exact-match, ignore-case: true, regexes-to-ignore: ["^\\\\s+", "\\\\s+$"]}
                execution: {cache: false}
                metrics: {mean: true, pass-at-k: [], exact-match: true, bootstrap: {iterations: 0},
                          fields: {inspect.match: mean}}
                """.formatted(log));
    }

    /** The same log with every entry zstd-compressed, as a ZIP method-93 entry. */
    private static Path recompressedWithZstd(Path source, Path target) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(source).get();
             ZipArchiveOutputStream out = new ZipArchiveOutputStream(target)) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                byte[] data;
                try (InputStream in = zip.getInputStream(entry)) {
                    data = in.readAllBytes();
                }
                ByteArrayOutputStream compressed = new ByteArrayOutputStream();
                try (ZstdCompressorOutputStream zstd = new ZstdCompressorOutputStream(compressed)) {
                    zstd.write(data);
                }
                CRC32 crc = new CRC32();
                crc.update(data);
                ZipArchiveEntry copy = new ZipArchiveEntry(entry.getName());
                copy.setMethod(ZipMethod.ZSTD.getCode());
                copy.setSize(data.length);
                copy.setCompressedSize(compressed.size());
                copy.setCrc(crc.getValue());
                out.addRawArchiveEntry(copy, new java.io.ByteArrayInputStream(compressed.toByteArray()));
            }
        }
        return target;
    }
}
