package io.evalbatch.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.evalbatch.board.Board;
import io.evalbatch.board.BoardCell;
import io.evalbatch.board.BoardRow;
import io.evalbatch.board.Standing;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints the leaderboard: models by tasks, each cell value ± stderr, the best and its ties marked. */
public final class BoardReport {

    /** What the marks mean, said under the table so that nobody reads a tie as a win. */
    public static final String TIES = "the 95 % interval of its difference to the best holds 0, paired over the "
            + "documents where both runs scored the same ones";

    private final JsonMapper json = JsonMapper.builder().build();

    public void print(PrintWriter out, BoardFormat format, Board board) {
        switch (format) {
            case json -> out.println(json.writeValueAsString(json(board)));
            case csv -> csv(out, board);
            case table -> table(out, board);
            case markdown -> markdown(out, board);
        }
        out.flush();
    }

    private void table(PrintWriter out, Board board) {
        if (board.metric() == null) {
            out.println(board.job() == null ? "No completed run has a metric yet."
                    : "No completed run of job '" + board.job() + "' has a metric yet.");
            return;
        }
        out.println(title(board));
        TextTable table = new TextTable(header(board));
        for (BoardRow row : board.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(row.model());
            for (String column : board.columns()) {
                BoardCell cell = row.cells().get(column);
                cells.add(cell == null ? "-" : text(cell) + switch (cell.standing()) {
                    case BEST -> " *";
                    case TIE -> " ≈";
                    case BEHIND -> "";
                });
            }
            if (board.meanColumn()) {
                cells.add(row.mean() == null ? "-" : fixed(row.mean()));
            }
            table.add(cells);
        }
        table.print(out);
        out.println("* the best of its column; ≈ within noise of it: " + TIES + ".");
    }

    private void markdown(PrintWriter out, Board board) {
        if (board.metric() == null) {
            out.println("No completed run has a metric yet.");
            return;
        }
        List<String> header = header(board).stream().map(BoardReport::escape).toList();
        out.println("| " + String.join(" | ", header) + " |");
        List<String> rule = new ArrayList<>();
        header.forEach(h -> rule.add(rule.isEmpty() ? "---" : "---:"));
        out.println("| " + String.join(" | ", rule) + " |");
        for (BoardRow row : board.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(escape(row.model()));
            for (String column : board.columns()) {
                BoardCell cell = row.cells().get(column);
                cells.add(cell == null ? "–" : cell.standing() == Standing.BEHIND ? text(cell) : "**" + text(cell) + "**");
            }
            if (board.meanColumn()) {
                cells.add(row.mean() == null ? "–" : fixed(row.mean()));
            }
            out.println("| " + String.join(" | ", cells) + " |");
        }
        out.println();
        out.println(escape(title(board)) + ". **Bold**: the best of its column and those within noise of it ("
                + TIES + ").");
    }

    private void csv(PrintWriter out, Board board) {
        Csv.line(out, List.of("model", "label", "column", "scope", "metric", "value", "stderr", "documents", "run",
                "standing", "difference", "difference_stderr", "paired"));
        for (BoardRow row : board.rows()) {
            for (String column : board.columns()) {
                BoardCell cell = row.cells().get(column);
                if (cell != null) {
                    Csv.line(out, List.of(row.model(), orEmpty(row.label()), column,
                            board.groups().contains(column) ? "group" : "task", String.valueOf(board.metric()),
                            Double.toString(cell.value()), number(cell.stderr()), Long.toString(cell.documents()),
                            cell.runId(), cell.standing().name().toLowerCase(Locale.ROOT),
                            Double.toString(cell.difference()), number(cell.differenceStderr()),
                            Boolean.toString(cell.paired())));
                }
            }
            if (row.mean() != null) {
                Csv.line(out, List.of(row.model(), orEmpty(row.label()), "mean", "mean", String.valueOf(board.metric()),
                        Double.toString(row.mean()), "", "", "", "", "", "", ""));
            }
        }
    }

    private ObjectNode json(Board board) {
        ObjectNode root = json.createObjectNode();
        root.put("job", board.job());
        root.put("metric", board.metric());
        root.put("higher_is_better", board.higherIsBetter());
        board.tasks().forEach(root.putArray("tasks")::add);
        board.groups().forEach(root.putArray("groups")::add);
        root.put("sort", board.sort());
        ArrayNode rows = root.putArray("rows");
        for (BoardRow row : board.rows()) {
            ObjectNode r = rows.addObject();
            r.put("model", row.model());
            r.put("label", row.label());
            r.put("mean", row.mean());
            ObjectNode cells = r.putObject("cells");
            for (String column : board.columns()) {
                BoardCell cell = row.cells().get(column);
                if (cell != null) {
                    cells.putObject(column).put("run", cell.runId()).put("value", cell.value())
                            .put("stderr", cell.stderr()).put("documents", cell.documents())
                            .put("standing", cell.standing().name().toLowerCase(Locale.ROOT))
                            .put("difference", cell.difference()).put("difference_stderr", cell.differenceStderr())
                            .put("paired", cell.paired());
                }
            }
        }
        return root;
    }

    private static List<String> header(Board board) {
        List<String> header = new ArrayList<>();
        header.add("model");
        header.addAll(board.columns());
        if (board.meanColumn()) {
            header.add("mean");
        }
        return header;
    }

    private static String title(Board board) {
        return board.metric() + (board.higherIsBetter() ? " (higher is better)" : " (lower is better)")
                + (board.job() == null ? "" : " of job " + board.job())
                + ", the latest completed run of each model, ± standard error";
    }

    /** value ± stderr to four places, the precision lm-eval and the EvalPlus board print. */
    public static String text(BoardCell cell) {
        return fixed(cell.value()) + (cell.stderr() == null ? "" : " ± " + fixed(cell.stderr()));
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String number(@Nullable Double value) {
        return value == null ? "" : Double.toString(value);
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    /** Names come from labels and input files: nothing in them may open a link, an emphasis or a cell. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.replace('\n', ' ').replace('\r', ' ').toCharArray()) {
            if ("\\`*_[]<>|~".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
