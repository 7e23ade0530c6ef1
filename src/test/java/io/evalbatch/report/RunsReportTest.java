package io.evalbatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import io.evalbatch.report.RunOverview;
import org.junit.jupiter.api.Test;

/** A run that was created but never started has no times and may have no inputs; every format lists it. */
class RunsReportTest {

    private final RunOverview created = new RunOverview("r1", "job", "", "CREATED", null, 0, 0, 0,
            Instant.parse("2026-11-28T00:00:00Z"), null, null, null);
    private final RunOverview finished = new RunOverview("r2", "job", "/data/a.jsonl, /data/b.jsonl, /data/c.jsonl",
            "COMPLETED", null, 3, 3, 0, Instant.parse("2026-11-28T00:00:00Z"), Instant.parse("2026-11-28T00:00:01Z"),
            Instant.parse("2026-11-28T00:00:02Z"), "gpt-4 \u001b[31mred");

    private String print(OutputFormat format) {
        StringWriter out = new StringWriter();
        new RunsReport().print(new PrintWriter(out), format, List.of(created, finished));
        return out.toString();
    }

    @Test
    void csvLeavesMissingTimesEmpty() {
        assertThat(print(OutputFormat.csv)).isEqualTo("""
                run,job,status,done,total,started,ended,inputs,invalid_lines,failure,label\r
                r1,job,CREATED,0,0,,,,0,,\r
                r2,job,COMPLETED,3,3,2026-11-28T00:00:01Z,2026-11-28T00:00:02Z,"/data/a.jsonl, /data/b.jsonl, /data/c.jsonl",0,,gpt-4 \u001b[31mred\r
                """);
    }

    @Test
    void tableShowsDashesAndShortInputs() {
        assertThat(print(OutputFormat.table)).contains("r1").contains("CREATED").contains("a.jsonl, b.jsonl (+1 more)")
                .doesNotContain("invalid");
    }

    @Test
    void tableShowsLabelsWithoutTheirControlCharacters() {
        String table = print(OutputFormat.table);
        assertThat(table.lines().findFirst().orElseThrow()).contains("label");
        assertThat(table).contains("gpt-4").doesNotContain("\u001b");
    }

    @Test
    void jsonHasNullTimes() {
        assertThat(print(OutputFormat.json)).contains("\"run\":\"r1\"").contains("\"started\":null");
    }
}
