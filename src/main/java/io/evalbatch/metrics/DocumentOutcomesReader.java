package io.evalbatch.metrics;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

import io.evalbatch.definition.MetricsSpec;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Streams the per-document aggregates of a run's results: n, passed, mean score and, only when a
 * metric counts them, the answers in repeat order and the named fields' values. Auto-commit off
 * and a fetch size make PostgreSQL stream the rows instead of loading all. The documents come in a
 * fixed order and the count read is saved with every commit, so a restarted metrics step skips
 * those already written. Not final: the step scope subclasses it.
 */
class DocumentOutcomesReader extends JdbcCursorItemReader<DocumentOutcomes> {

    private static final String NAME = "documentOutcomes";
    /** Key of the saved position in the step's execution context. */
    static final String READ_COUNT = NAME + ".read.count";

    /**
     * Memory for the grouping of this one query: with the default 4 MB, a million results
     * (100,000 documents) are sorted on disk, twice as slow.
     */
    private static final String WORK_MEM = "set local work_mem = '64MB'";

    /**
     * Sums of doubles depend on the order of their terms, and rows are stored in the order threads
     * and restarts committed them. Scores and field values are summed as numeric, exactly and so
     * in any order (a double becomes a numeric of 15 significant digits); sorting every document's
     * rows instead made this query twice as slow. The conversion is the dearest part of the query
     * (0.95 s against 0.57 s for a million results), so the scores are averaged only when the
     * metric selected needs them (the {@code score} metric).
     */
    private static final String SQL = """
            select run_id, task, doc_id,
                   count(*)                                   as samples,
                   count(*) filter (where outcome = 'passed') as passed,
                   %s
              from result
             where run_id = ? and outcome not in ('error', 'unrated')
             group by run_id, task, doc_id
             order by task, doc_id""";

    /** The first column after the fixed ones (answers and correct are 7 and 8). */
    private static final int FIRST_FIELD_COLUMN = 9;

    DocumentOutcomesReader(DataSource dataSource, String runId, MetricsSpec metrics, MetricCatalog catalog) {
        this(dataSource, runId, catalog.needsScores(metrics), catalog.needsAnswers(metrics), numericFields(metrics),
                textFields(metrics));
    }

    private DocumentOutcomesReader(DataSource dataSource, String runId, boolean scores, boolean answers,
                                   List<String> numeric, List<String> texts) {
        super(dataSource, SQL.formatted(columns(scores, answers, numeric, texts)), (rs, row) -> map(rs, numeric, texts));
        setName(NAME);
        setConnectionAutoCommit(false);
        setFetchSize(1000);
        setPreparedStatementSetter(ps -> bind(ps, runId, numeric, texts));
    }

    private static List<String> numericFields(MetricsSpec metrics) {
        Set<String> names = new TreeSet<>();
        metrics.fields().stream().filter(f -> !f.aggregate().comparesWithTarget()).forEach(f -> names.add(f.field()));
        return List.copyOf(names);
    }

    private static List<String> textFields(MetricsSpec metrics) {
        Set<String> names = new TreeSet<>();
        metrics.fields().stream().filter(f -> f.aggregate().comparesWithTarget()).forEach(f -> names.add(f.field()));
        return List.copyOf(names);
    }

    /**
     * The mean score when asked for; per numeric field the count and sum of the values that are JSON
     * numbers and how many of them are 1; per compared
     * field its values in repeat order; then the document's target, read from one of its samples.
     * Field names are bound as parameters, never spliced into the SQL.
     */
    private static String columns(boolean scores, boolean answers, List<String> numeric, List<String> texts) {
        StringBuilder columns = new StringBuilder(scores
                ? "avg(score::numeric)::double precision as mean_score, "
                : "null::double precision as mean_score, ");
        columns.append(answers
                ? "array_agg(answer order by repeat_index, sample_id) as answers, "
                        + "array_agg(outcome = 'passed' order by repeat_index, sample_id) as correct"
                : "null as answers, null as correct");
        for (int i = 0; i < numeric.size(); i++) {
            String number = "case when jsonb_typeof(fields -> cast(? as text)) = 'number' "
                    + "then (fields ->> cast(? as text))::double precision end";
            columns.append(", count(").append(number).append("), sum((").append(number)
                    .append(")::numeric)::double precision, count(*) filter (where ").append(number).append(" = 1)");
        }
        for (int i = 0; i < texts.size(); i++) {
            columns.append(", array_agg(fields ->> cast(? as text) order by repeat_index, sample_id)");
        }
        if (!texts.isEmpty()) {
            columns.append(", (select s.test from sample s where s.run_id = result.run_id and s.task = result.task"
                    + " and s.doc_id = result.doc_id limit 1)");
        }
        return columns.toString();
    }

    private static void bind(PreparedStatement ps, String runId, List<String> numeric, List<String> texts)
            throws SQLException {
        int p = 1;
        for (String field : numeric) {
            for (int i = 0; i < 6; i++) {
                ps.setString(p++, field);
            }
        }
        for (String field : texts) {
            ps.setString(p++, field);
        }
        ps.setString(p, runId);
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

    private static DocumentOutcomes map(ResultSet rs, List<String> numeric, List<String> texts) throws SQLException {
        Array answers = rs.getArray("answers");
        Array correct = rs.getArray("correct");
        Map<String, FieldValues> fields = new LinkedHashMap<>();
        int column = FIRST_FIELD_COLUMN;
        for (String field : numeric) {
            fields.put(field, new FieldValues(rs.getInt(column), rs.getDouble(column + 1), rs.getInt(column + 2),
                    List.of(), List.of()));
            column += 3;
        }
        String target = texts.isEmpty() ? null : rs.getString(column + texts.size());
        for (String field : texts) {
            List<String> values = Arrays.asList((String[]) rs.getArray(column++).getArray());
            FieldValues numbers = fields.get(field);
            fields.put(field, numbers == null ? FieldValues.compared(0, 0, 0, values, target)
                    : FieldValues.compared(numbers.numbers(), numbers.sum(), numbers.ones(), values, target));
        }
        return new DocumentOutcomes(rs.getString("run_id"), rs.getString("task"), rs.getString("doc_id"),
                rs.getInt("samples"), rs.getInt("passed"), rs.getDouble("mean_score"),
                answers == null ? List.of() : Arrays.asList((String[]) answers.getArray()),
                correct == null ? List.of() : Arrays.asList((Boolean[]) correct.getArray()),
                fields);
    }
}
