package io.evalbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * evalbatch sql against the bundled example run: every example query of docs/database.md and the
 * README's tour runs, the first gives the documents computed here from the samples, and the command is read-only and
 * says why a query failed in one line.
 */
@DatabaseTest
class SqlCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static String runId;
    private static String claudeRun;

    /** The example as its docs score it: GPT-4's file, then Claude's as a second run. */
    @BeforeAll
    static void theExampleRuns() {
        runId = "sql" + UUID.randomUUID().toString().substring(0, 6);
        Cli.Result run = Cli.run("run", "jobs/humaneval-example.yaml", "--id", runId, "--no-cache", "--label", "gpt-4");
        assertThat(run.exitCode()).as(run.err()).isZero();
        claudeRun = runId + "-claude";
        Cli.Result claude = Cli.run("run", "jobs/humaneval-example.yaml", "--id", claudeRun, "--no-cache",
                "--input", "jobs/examples/humaneval/Claude_custom.jsonl", "--label", "claude");
        assertThat(claude.exitCode()).as(claude.err()).isZero();
    }

    @Test
    void everyExampleQueryOfTheDocsRuns() throws Exception {
        String page = Files.readString(Path.of("docs/database.md"));
        String section = page.substring(page.indexOf("## Example queries"));
        Matcher blocks = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<String> queries = new ArrayList<>();
        while (blocks.find()) {
            queries.add(blocks.group(1).replace("'vqqhec62'", "'" + runId + "'").replace("'run-a'", "'" + runId + "'")
                    .replace("'run-b'", "'" + claudeRun + "'"));
        }
        assertThat(queries).hasSizeGreaterThanOrEqualTo(5);
        // and the one shown right after the two commands
        String readme = Files.readString(Path.of("README.md"));
        String first = readme.substring(readme.indexOf("## A tour"), readme.indexOf("## What evalbatch guarantees"));
        Matcher sql = Pattern.compile("^\\./evalbatch sql \"(.*)\"$", Pattern.MULTILINE).matcher(first);
        assertThat(sql.find()).isTrue();
        queries.add(sql.group(1).replace("'vqqhec62'", "'" + runId + "'"));
        for (String query : queries) {
            Cli.Result result = Cli.run("sql", query, "--format", "json");
            assertThat(result.exitCode()).as("%s%n%s", query, result.err()).isZero();
            assertThat(JSON.readTree(result.out()).isArray()).isTrue();
        }

        // The first: documents GPT-4 failed and Claude passed, computed here from the samples.
        TreeSet<String> gpt4Failed = new TreeSet<>();
        for (JsonNode s : JSON.readTree(Cli.run("results", runId, "--samples", "--format", "json").out()).get("samples")) {
            if (!s.get("outcome").stringValue().equals("passed")) {
                gpt4Failed.add(s.get("doc").stringValue());
            }
        }
        TreeSet<String> claudePassed = new TreeSet<>();
        for (JsonNode s : JSON.readTree(Cli.run("results", claudeRun, "--samples", "--format", "json").out()).get("samples")) {
            if (s.get("outcome").stringValue().equals("passed")) {
                claudePassed.add(s.get("doc").stringValue());
            }
        }
        gpt4Failed.retainAll(claudePassed);
        JsonNode rows = JSON.readTree(Cli.run("sql", queries.get(0), "--format", "json").out());
        TreeSet<String> listed = new TreeSet<>();
        rows.forEach(r -> listed.add(r.get("doc_id").stringValue()));
        assertThat(listed).isNotEmpty().isEqualTo(gpt4Failed);
    }

    @Test
    void queriesAreReadOnlyAndFailuresAreOneLine() {
        Cli.Result delete = Cli.run("sql", "delete from eval_run where run_id = '" + runId + "'");
        assertThat(delete.exitCode()).isEqualTo(2);
        assertThat(delete.err().strip()).isEqualTo("evalbatch: sql: ERROR: cannot execute DELETE in a read-only "
                + "transaction (add --write to change the database)");
        assertThat(Cli.run("sql", "select count(*) as n from eval_run where run_id = '" + runId + "'", "--format", "csv")
                .out()).isEqualTo("n\r\n1\r\n");

        // a query cannot end the read-only transaction and write after it
        for (String escape : List.of("select 1; commit; create table escaped(a int)",
                "end; create table escaped(a int)", "rollback; set transaction read write; create table escaped(a int)",
                "select 1; -- fine\ncommit; create table escaped(a int)")) {
            Cli.Result refused = Cli.run("sql", escape);
            assertThat(refused.exitCode()).as(escape).isEqualTo(2);
            assertThat(refused.err()).as(escape).startsWith("evalbatch: sql: one statement at a time without --write");
        }
        // one statement stays in the read-only transaction: a writable CTE is refused there
        assertThat(Cli.run("sql", "with gone as (delete from eval_run where run_id = '" + runId
                + "' returning 1) select count(*) from gone").exitCode()).isEqualTo(2);
        assertThat(Cli.run("sql", "select to_regclass('escaped') is null as absent", "--format", "csv").out())
                .isEqualTo("absent\r\ntrue\r\n");
        assertThat(Cli.run("sql", "select count(*) as n from eval_run where run_id = '" + runId + "'", "--format", "csv")
                .out()).isEqualTo("n\r\n1\r\n");
        assertThat(Cli.run("sql", "select ';' as semicolon; -- a comment is no statement").exitCode()).isZero();

        Cli.Result typo = Cli.run("sql", "select nope from run_overview");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err().strip()).isEqualTo("evalbatch: sql: ERROR: column \"nope\" does not exist");
    }

    @Test
    void modelOutputIsShownEscapedInTheTable() {
        Cli.Result table = Cli.run("sql", "select 'a' || chr(10) || 'b' || chr(27) || '[2J' as text");
        assertThat(table.out()).contains("a\\nb\\u001b[2J").doesNotContain("\u001b");
        assertThat(JSON.readTree(Cli.run("sql", "select 'a' || chr(10) || 'b' as text", "--format", "json").out())
                .get(0).get("text").stringValue()).isEqualTo("a\nb");
    }
}
