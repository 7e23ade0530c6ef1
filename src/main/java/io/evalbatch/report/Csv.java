package io.evalbatch.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 lines. */
final class Csv {

    private Csv() {
    }

    static void line(PrintWriter out, List<String> cells) {
        out.print(cells.stream().map(Csv::quote).collect(Collectors.joining(",")));
        out.print("\r\n");
    }

    private static String quote(String cell) {
        if (cell == null) {
            return "";
        }
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }
}
