package io.evalbatch.board;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.evalbatch.metrics.MetricCatalog;
import io.evalbatch.step.RunStore;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Builds the leaderboard from the stored metrics: for each model (run label, else run) and task,
 * the latest completed run that has the metric. Ties are decided per column against its best cell
 * with the differences {@code compare} computes: paired over the documents when both runs scored
 * the same ones, which removes the spread between problems that both models share.
 */
@Service
public class Leaderboard {

    private final JdbcClient jdbc;
    private final MetricCatalog catalog;
    private final RunStore runs;

    public Leaderboard(JdbcClient jdbc, MetricCatalog catalog, RunStore runs) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.runs = runs;
    }

    /** One stored metric of a completed run, the latest of its model for its task. */
    private record Latest(String model, @Nullable String label, String runId, String scope, String task, double value,
                          @Nullable Double stderr, long documents) {
    }

    /**
     * @param job    only runs of this job; null for all
     * @param metric the metric shown; null for the first metric of the latest completed run
     * @param sort   a column, {@code mean} or {@code model}; null for the mean where there is one,
     *               else the first column
     * @throws IllegalArgumentException for a sort column the board does not have
     */
    public Board board(@Nullable String job, @Nullable String metric, @Nullable String sort) {
        List<String> metrics = metrics(job);
        String shown = metric != null ? metric : metrics.isEmpty() ? null : headline(job);
        if (shown == null) {
            return new Board(job, null, true, List.of(), List.of(), false, Board.SORT_MODEL, List.of(), metrics);
        }
        List<Latest> latest = latest(job, shown);
        TreeSet<String> tasks = new TreeSet<>();
        TreeSet<String> groups = new TreeSet<>();
        latest.forEach(l -> (l.scope().equals("group") ? groups : tasks).add(l.task()));
        boolean higherIsBetter = latest.isEmpty() || runs.definition(latest.get(0).runId()).metrics().higherIsBetter(shown);
        Map<String, Map<String, BoardCell>> cells = new LinkedHashMap<>();
        Map<String, String> labels = new HashMap<>();
        Map<String, List<Latest>> byColumn = new LinkedHashMap<>();
        latest.forEach(l -> byColumn.computeIfAbsent(l.task(), c -> new ArrayList<>()).add(l));
        for (Map.Entry<String, List<Latest>> column : byColumn.entrySet()) {
            for (Map.Entry<Latest, BoardCell> cell : column(column.getValue(), shown, higherIsBetter).entrySet()) {
                cells.computeIfAbsent(cell.getKey().model(), m -> new HashMap<>()).put(column.getKey(), cell.getValue());
                if (cell.getKey().label() != null) {
                    labels.put(cell.getKey().model(), cell.getKey().label());
                }
            }
        }
        boolean meanColumn = tasks.size() > 1;
        List<BoardRow> rows = new ArrayList<>();
        cells.forEach((model, row) -> rows.add(new BoardRow(model, labels.get(model), Map.copyOf(row),
                meanColumn ? mean(row, tasks) : null)));
        String sortBy = sort != null ? sort : meanColumn ? Board.SORT_MEAN : tasks.isEmpty() ? Board.SORT_MODEL
                : tasks.first();
        if (!sortBy.equals(Board.SORT_MODEL) && !(sortBy.equals(Board.SORT_MEAN) && meanColumn)
                && !tasks.contains(sortBy) && !groups.contains(sortBy)) {
            throw new IllegalArgumentException("the board has no column '" + sortBy + "'; sort by " + Board.SORT_MODEL
                    + (meanColumn ? ", " + Board.SORT_MEAN : "") + " or a task: " + String.join(", ", tasks));
        }
        rows.sort(order(sortBy, higherIsBetter));
        return new Board(job, shown, higherIsBetter, List.copyOf(tasks), List.copyOf(groups), meanColumn, sortBy,
                List.copyOf(rows), metrics);
    }

    /** Best first, rows without the column last, then by model name so that ties in value keep one order. */
    private static Comparator<BoardRow> order(String sort, boolean higherIsBetter) {
        Comparator<BoardRow> byModel = Comparator.comparing(BoardRow::model);
        if (sort.equals(Board.SORT_MODEL)) {
            return byModel;
        }
        Comparator<Double> values = higherIsBetter ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return Comparator.comparing((BoardRow row) -> sortValue(row, sort), Comparator.nullsLast(values))
                .thenComparing(byModel);
    }

    private static @Nullable Double sortValue(BoardRow row, String sort) {
        if (sort.equals(Board.SORT_MEAN)) {
            return row.mean();
        }
        BoardCell cell = row.cells().get(sort);
        return cell == null ? null : cell.value();
    }

    private static @Nullable Double mean(Map<String, BoardCell> row, TreeSet<String> tasks) {
        double sum = 0;
        for (String task : tasks) {
            BoardCell cell = row.get(task);
            if (cell == null) {
                return null;
            }
            sum += cell.value();
        }
        return sum / tasks.size();
    }

    /** Each cell of a column with where it stands against the column's best. */
    private Map<Latest, BoardCell> column(List<Latest> column, String metric, boolean higherIsBetter) {
        Comparator<Latest> better = Comparator.comparingDouble(Latest::value);
        Latest best = column.stream().max(higherIsBetter ? better : better.reversed()).orElseThrow();
        Map<String, double[]> paired = best.scope().equals("task") ? pairedDifferences(best, column, metric) : Map.of();
        Map<Latest, BoardCell> cells = new LinkedHashMap<>();
        for (Latest cell : column) {
            double difference = cell.value() - best.value();
            double[] pair = paired.get(cell.runId());
            boolean isPaired = pair != null && (long) pair[0] == cell.documents() && (long) pair[0] == best.documents();
            Double stderr = pair != null && isPaired ? Double.valueOf(pair[1]) : independent(cell.stderr(), best.stderr());
            Standing standing = cell == best ? Standing.BEST
                    : difference == 0 || stderr != null && Math.abs(difference) <= Board.Z95 * stderr ? Standing.TIE
                    : Standing.BEHIND;
            cells.put(cell, new BoardCell(cell.runId(), cell.value(), cell.stderr(), cell.documents(), standing,
                    difference, cell == best ? null : stderr, isPaired));
        }
        return cells;
    }

    private static @Nullable Double independent(@Nullable Double a, @Nullable Double b) {
        return a == null || b == null ? null : Math.sqrt(a * a + b * b);
    }

    /**
     * Per run of the column, over the documents it shares with the best run: how many, and the
     * standard error of the mean per-document difference, as {@code compare} computes it.
     */
    private Map<String, double[]> pairedDifferences(Latest best, List<Latest> column, String metric) {
        List<String> others = column.stream().map(Latest::runId).filter(r -> !r.equals(best.runId())).distinct().toList();
        if (others.isEmpty()) {
            return Map.of();
        }
        Map<String, double[]> paired = new HashMap<>();
        jdbc.sql("""
                        select b.run_id, count(*) as documents,
                               coalesce(stddev_samp(b.value - a.value) / sqrt(count(*)), 0) as stderr
                          from document_metric a
                          join document_metric b
                            on b.run_id in (:others) and b.task = a.task and b.doc_id = a.doc_id and b.metric = a.metric
                         where a.run_id = :best and a.task = :task and a.metric = :metric
                         group by b.run_id""")
                .param("others", others)
                .param("best", best.runId())
                .param("task", best.task())
                .param("metric", metric)
                .query(rs -> {
                    paired.put(rs.getString("run_id"), new double[] {rs.getLong("documents"), rs.getDouble("stderr")});
                });
        return paired;
    }

    /** Per model and task (or group), the latest completed run's value of the metric. */
    private List<Latest> latest(@Nullable String job, String metric) {
        return jdbc.sql("""
                        select distinct on (coalesce(o.label, o.run_id), m.scope, m.name)
                               coalesce(o.label, o.run_id) as model, o.label, o.run_id, m.scope, m.name, m.value,
                               m.stderr, m.n
                          from metric m
                          join run_overview o on o.run_id = m.run_id
                         where o.status = 'COMPLETED' and m.metric = :metric and m.value is not null
                           and m.scope in ('task', 'group') and (cast(:job as text) is null or o.job_name = :job)
                         order by coalesce(o.label, o.run_id), m.scope, m.name, o.created_at desc, o.run_id desc""")
                .param("metric", metric)
                .param("job", job)
                .query((rs, i) -> new Latest(rs.getString("model"), rs.getString("label"), rs.getString("run_id"),
                        rs.getString("scope"), rs.getString("name"), rs.getDouble("value"),
                        (Double) rs.getObject("stderr"), rs.getLong("n")))
                .list();
    }

    /** The metrics of completed runs, in the catalog's order (pass@1 before pass@10, before means). */
    public List<String> metrics(@Nullable String job) {
        return jdbc.sql("""
                        select metric from (
                          select distinct m.metric
                            from metric m
                            join run_overview o on o.run_id = m.run_id
                           where o.status = 'COMPLETED' and m.value is not null and m.scope = 'task'
                             and (cast(:job as text) is null or o.job_name = :job)) d
                         order by %s""".formatted(catalog.orderBy("metric")))
                .param("job", job)
                .query(String.class).list();
    }

    /** The first metric, in the catalog's order, of the latest completed run: what the job is about. */
    public @Nullable String headline(@Nullable String job) {
        return jdbc.sql("""
                        select m.metric
                          from metric m
                          join run_overview o on o.run_id = m.run_id
                         where o.status = 'COMPLETED' and m.value is not null and m.scope = 'task'
                           and (cast(:job as text) is null or o.job_name = :job)
                         order by o.created_at desc, o.run_id desc, %s
                         limit 1""".formatted(catalog.orderBy("m.metric")))
                .param("job", job)
                .query(String.class).optional().orElse(null);
    }

}
