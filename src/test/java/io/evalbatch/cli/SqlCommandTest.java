package io.evalbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    /**
     * The known ways out of a read-only transaction and of a superuser's powers, each refused
     * because {@code sql} without {@code --write} connects as evalbatch_reader. As the user that
     * owns the tables (a superuser here, as on the embedded database), {@code copy ... to program}
     * ran a program and {@code pg_read_file} read the server's files, read-only or not.
     */
    @Test
    void asTheReaderRoleNoQueryWritesReadsTheServersFilesOrRunsPrograms() throws Exception {
        java.nio.file.Files.deleteIfExists(Path.of("/tmp/evalbatch-reader-breach"));
        Map<String, Object> reader = TestDatabase.get().readerProperties();
        TestDatabase.Connection db = TestDatabase.get();
        try (var owner = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
             var statement = owner.createStatement()) {
            statement.execute("create table if not exists reader_side_effects(a int)");
            statement.execute("create or replace function reader_side_effect() returns int language sql "
                    + "as 'insert into reader_side_effects values (1) returning a'");
        }
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("copy (select 1) to program 'touch /tmp/evalbatch-reader-breach'",
                "permission denied to COPY to or from an external program");
        refused.put("select pg_read_file('/etc/hostname')", "permission denied for function pg_read_file");
        refused.put("select * from pg_ls_dir('.')", "permission denied for function pg_ls_dir");
        refused.put("select reader_side_effect()", "cannot execute INSERT in a read-only transaction");
        refused.put("select nextval('batch_job_instance_seq')", "permission denied for sequence batch_job_instance_seq");
        refused.put("set role postgres", "permission denied to set role");
        refused.put("with gone as (delete from eval_run returning 1) select count(*) from gone",
                "in a read-only transaction");
        for (Map.Entry<String, String> query : refused.entrySet()) {
            Cli.Result result = Cli.runWith(reader, "sql", query.getKey());
            assertThat(result.exitCode()).as(query.getKey() + ": " + result.out()).isEqualTo(2);
            assertThat(result.err()).as(query.getKey()).contains(query.getValue());
        }
        // A statement that turns read-only off for the session changes nothing: the next
        // transaction is read-only again, and the role may not write in any transaction.
        assertThat(Cli.runWith(reader, "sql", "set default_transaction_read_only = off").exitCode()).isZero();
        assertThat(Cli.runWith(reader, "sql", "select set_config('default_transaction_read_only', 'off', false)")
                .exitCode()).isZero();
        assertThat(Cli.runWith(reader, "sql", "create table escaped(a int)").exitCode()).isEqualTo(2);
        try (var asReader = db.asReader(); var statement = asReader.createStatement()) {
            try (var who = statement.executeQuery("select current_user")) {
                assertThat(who.next() ? who.getString(1) : null).isEqualTo("evalbatch_reader");
            }
            statement.execute("set session characteristics as transaction read write");
            for (String write : List.of("delete from eval_run", "insert into reader_side_effects values (2)",
                    "select reader_side_effect()", "create table escaped(a int)",
                    "copy (select 1) to program 'touch /tmp/evalbatch-reader-breach'")) {
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> statement.execute(write)))
                        .as(write).isInstanceOf(java.sql.SQLException.class)
                        .hasMessageContaining("permission denied");
            }
        }
        assertThat(Path.of("/tmp/evalbatch-reader-breach")).doesNotExist();
        assertThat(Cli.run("sql", "select count(*) as n from reader_side_effects", "--format", "csv").out())
                .isEqualTo("n\r\n0\r\n");
        assertThat(Cli.run("sql", "select to_regclass('escaped') is null as absent", "--format", "csv").out())
                .isEqualTo("absent\r\ntrue\r\n");
        // and it reads every table and view, those of the latest migrations too
        assertThat(Cli.runWith(reader, "sql", "select count(*) as n from eval_run where run_id = '" + runId + "'",
                "--format", "csv").out()).isEqualTo("n\r\n1\r\n");
        assertThat(Cli.runWith(reader, "sql", "select count(*) >= 0 as readable from evalplus_ground_truth",
                "--format", "csv").out()).isEqualTo("readable\r\ntrue\r\n");
    }

    /** On the embedded database the reader needs no setting: its migrations create it. */
    @Test
    void onTheEmbeddedDatabaseSqlReadsAsTheReaderRole(@TempDir Path home) {
        Cli.Result whoami = Cli.runEmbedded(home, "sql", "select current_user as reader", "--format", "csv");
        assertThat(whoami.exitCode()).as(whoami.err()).isZero();
        assertThat(whoami.out()).isEqualTo("reader\r\nevalbatch_reader\r\n");
        Cli.Result program = Cli.runEmbedded(home, "sql", "copy (select 1) to program 'touch " + home.resolve("breach") + "'");
        assertThat(program.exitCode()).isEqualTo(2);
        assertThat(program.err()).contains("permission denied to COPY to or from an external program");
        assertThat(home.resolve("breach")).doesNotExist();
        Cli.Result write = Cli.runEmbedded(home, "sql", "select current_user as writer", "--write", "--format", "csv");
        assertThat(write.out()).isEqualTo("writer\r\npostgres\r\n");
        // psql, which sql opens without a query, connects as the same role
        try (var context = new ApplicationContexts(Map.of("evalbatch.db.home", home.toString(),
                "evalbatch.db.read-only", true)).open()) {
            assertThat(context.getBean(io.evalbatch.store.DatabaseLocation.class).psql()).contains("-U", "evalbatch_reader");
        }
    }

    @Test
    void modelOutputIsShownEscapedInTheTable() {
        Cli.Result table = Cli.run("sql", "select 'a' || chr(10) || 'b' || chr(27) || '[2J' as text");
        assertThat(table.out()).contains("a\\nb\\u001b[2J").doesNotContain("\u001b");
        assertThat(JSON.readTree(Cli.run("sql", "select 'a' || chr(10) || 'b' as text", "--format", "json").out())
                .get(0).get("text").stringValue()).isEqualTo("a\nb");
    }
}
