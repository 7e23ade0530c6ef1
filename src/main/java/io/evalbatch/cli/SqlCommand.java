package io.evalbatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

import io.evalbatch.error.ExitCodes;
import io.evalbatch.report.OutputFormat;
import io.evalbatch.report.QueryReport;
import io.evalbatch.store.DatabaseLocation;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sql",
        description = {"Query evalbatch's database (the embedded one too, which no other program can reach while no "
                + "evalbatch command runs): the views run_overview, run_metric and sample_result, and every table "
                + "(README: Database).",
                "With QUERY, run it and print its rows; read-only unless --write: one statement, as the database "
                        + "role evalbatch_reader, which can only read (on your own server, the role that "
                        + "EVALBATCH_DB_READER_USER names). Without QUERY, open psql on the "
                        + "database when psql is installed and this is a terminal, else read statements ending in "
                        + "';' from standard input and print each one's rows."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch sql \"select run_id, status, results, samples from run_overview\"",
                "  evalbatch sql \"select * from run_metric where run_id = 'k3v9q2xz'\" --format csv",
                "  evalbatch sql < queries.sql",
                "  evalbatch sql --write \"delete from eval_run where run_id = 'k3v9q2xz'\""})
final class SqlCommand implements Callable<Integer> {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY", description = "One SQL statement.")
    String query;

    @Option(names = "--write", description = "Allow statements that change the database (default: read-only).")
    boolean write;

    @Mixin
    FormatOption format;

    SqlCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() throws Exception {
        // Without --write, connected as the role that can only read (DatabaseSettings.readOnly).
        try (ConfigurableApplicationContext context = (write ? contexts : contexts.with("evalbatch.db.read-only", true))
                .open()) {
            if (query != null) {
                return run(context, query) ? ExitCodes.OK : ExitCodes.USAGE;
            }
            if (System.console() != null && onPath("psql")) {
                return psql(context.getBean(DatabaseLocation.class));
            }
            return statements(context);
        }
    }

    /** Statements from standard input, each ending in ';' at the end of a line. */
    private int statements(ConfigurableApplicationContext context) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter err = spec.commandLine().getErr();
        if (System.console() != null) {
            err.println("evalbatch sql: psql is not installed; type SQL statements ending in ';', \\q to quit");
            err.flush();
        }
        StringBuilder statement = new StringBuilder();
        boolean allOk = true;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (statement.isEmpty() && line.strip().equals("\\q")) {
                break;
            }
            statement.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                allOk &= run(context, statement.toString());
                statement.setLength(0);
            }
        }
        if (!statement.toString().isBlank()) {
            allOk &= run(context, statement.toString());
        }
        return allOk ? ExitCodes.OK : ExitCodes.USAGE;
    }

    /** Runs one statement and prints its rows, or says what the database said of it. */
    private boolean run(ConfigurableApplicationContext context, String sql) {
        String statement = sql.strip().replaceAll(";\\s*$", "");
        int statements = statements(statement);
        if (!write && statements > 1) {
            // "select 1; commit; delete ..." would end the read-only transaction and write after it
            spec.commandLine().getErr().println("evalbatch: sql: one statement at a time without --write (this has "
                    + statements + "): a second statement could end the read-only transaction; run them one by one");
            spec.commandLine().getErr().flush();
            return false;
        }
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        transaction.setReadOnly(!write);
        PrintWriter out = spec.commandLine().getOut();
        try {
            transaction.executeWithoutResult(status -> {
                if (!write) {
                    jdbc.execute("set transaction read only");
                }
                jdbc.execute((java.sql.Connection c) -> {
                    try (var s = c.createStatement()) {
                        if (s.execute(statement)) {
                            print(out, s.getResultSet());
                        } else {
                            out.println("(" + s.getUpdateCount() + " rows changed)");
                            out.flush();
                        }
                    }
                    return null;
                });
            });
            return true;
        } catch (DataAccessException e) {
            String reason = e.getMostSpecificCause().getMessage();
            spec.commandLine().getErr().println("evalbatch: sql: " + (reason == null ? e.getMessage() : reason.lines()
                    .findFirst().orElse(reason))
                    + (!write && reason != null && reason.contains("read-only transaction")
                    ? " (add --write to change the database)" : "")
                    + (!write && reason != null && reason.contains("permission denied")
                    ? " (without --write, sql connects as a role that can only read)" : ""));
            spec.commandLine().getErr().flush();
            return false;
        }
    }

    /** Statements in the text as PostgreSQL's driver splits it (quotes, dollar quotes, comments), comments alone not counted. */
    static int statements(String sql) {
        try {
            return (int) org.postgresql.core.Parser.parseJdbcSql(sql, true, false, true, false, false).stream()
                    .map(q -> q.nativeSql.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("--[^\\n]*", ""))
                    .filter(q -> !q.isBlank()).count();
        } catch (java.sql.SQLException e) {
            // the driver could not split it: the server's own parser will say what is wrong with it
            return 1;
        }
    }

    private void print(PrintWriter out, ResultSet rows) throws java.sql.SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
        }
        List<List<Object>> values = new ArrayList<>();
        while (rows.next()) {
            List<Object> row = new ArrayList<>(columns.size());
            for (int i = 1; i <= columns.size(); i++) {
                Object value = rows.getObject(i);
                row.add(value == null || value instanceof Number || value instanceof Boolean || value instanceof String
                        ? value : rows.getString(i));
            }
            values.add(row);
        }
        new QueryReport().print(out, format.format == null ? OutputFormat.table : format.format, columns, values);
    }

    private int psql(DatabaseLocation location) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(location.psql()).inheritIO();
        if (location.password() != null) {
            builder.environment().put("PGPASSWORD", location.password());
        }
        return builder.start().waitFor() == 0 ? ExitCodes.OK : ExitCodes.USAGE;
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
