package io.evalbatch.metrics;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Streams the per-document aggregates of a run's results: n, passed, mean score and, only when a
 * metric counts them, the answers in repeat order. Auto-commit off and a fetch size make
 * PostgreSQL stream the rows instead of loading all. No saved state: the metrics step starts
 * over after a failure and clears what it had written. Not final: the step scope subclasses it.
 */
class DocumentOutcomesReader extends JdbcCursorItemReader<DocumentOutcomes> {

    /**
     * Memory for the grouping of this one query: with the default 4 MB, a million results
     * (100,000 documents) are sorted on disk, twice as slow.
     */
    private static final String WORK_MEM = "set local work_mem = '64MB'";

    private static final String SQL = """
            select run_id, task, doc_id,
                   count(*)                                   as samples,
                   count(*) filter (where outcome = 'passed') as passed,
                   avg(score)                                 as mean_score,
                   %s
              from result
             where run_id = ?
             group by run_id, task, doc_id
             order by task, doc_id""";

    DocumentOutcomesReader(DataSource dataSource, String runId, boolean answers) {
        super(dataSource, SQL.formatted(answers
                ? "array_agg(answer order by repeat_index) as answers, "
                        + "array_agg(outcome = 'passed' order by repeat_index) as correct"
                : "null as answers, null as correct"), DocumentOutcomesReader::map);
        setName("documentOutcomes");
        setSaveState(false);
        setConnectionAutoCommit(false);
        setFetchSize(1000);
        setPreparedStatementSetter(ps -> ps.setString(1, runId));
    }

    @Override
    protected void openCursor(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(WORK_MEM);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not prepare the metrics query", e);
        }
        super.openCursor(connection);
    }

    private static DocumentOutcomes map(ResultSet rs, int row) throws SQLException {
        Array answers = rs.getArray("answers");
        Array correct = rs.getArray("correct");
        return new DocumentOutcomes(rs.getString("run_id"), rs.getString("task"), rs.getString("doc_id"),
                rs.getInt("samples"), rs.getInt("passed"), rs.getDouble("mean_score"),
                answers == null ? List.of() : Arrays.asList((String[]) answers.getArray()),
                correct == null ? List.of() : Arrays.asList((Boolean[]) correct.getArray()));
    }
}
