package io.evalbatch.board;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Models by tasks for one metric.
 *
 * @param job            the job the runs are of; null for every job
 * @param metric         the metric in every cell; null when no completed run has one
 * @param higherIsBetter its direction, which says what "best" is
 * @param tasks          the task columns, by name
 * @param groups         the group columns (named sets of tasks), after the tasks
 * @param meanColumn     whether rows have a mean over the tasks (more than one task)
 * @param sort           the column the rows are sorted by, best first ("model" sorts by name)
 * @param rows           the models, sorted
 * @param metrics        every metric the board could show for this job, for choosing another
 */
public record Board(@Nullable String job, @Nullable String metric, boolean higherIsBetter, List<String> tasks,
                    List<String> groups, boolean meanColumn, String sort, List<BoardRow> rows, List<String> metrics) {

    /** Half-width of a normal 95 % interval in standard errors: a cell within it of the best is a tie. */
    public static final double Z95 = 1.959964;

    public static final String SORT_MODEL = "model";
    public static final String SORT_MEAN = "mean";

    public List<String> columns() {
        return java.util.stream.Stream.concat(tasks.stream(), groups.stream()).toList();
    }
}
