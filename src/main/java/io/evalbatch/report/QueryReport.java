package io.evalbatch.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rows of a query, as a table, CSV or JSON. In the table, which goes to a terminal, values
 * are made safe to show: control characters (model output holds escape sequences and newlines)
 * are written as escapes, and long values are cut.
 */
public final class QueryReport {

    private static final int TABLE_WIDTH = 120;

    private final JsonMapper json = JsonMapper.builder().build();

    /** @param rows each row's values as the database returned them (text, numbers, booleans or null) */
    public void print(PrintWriter out, OutputFormat format, List<String> columns, List<List<Object>> rows) {
        switch (format) {
            case json -> {
                ArrayNode list = json.createArrayNode();
                for (List<Object> row : rows) {
                    ObjectNode object = list.addObject();
                    for (int i = 0; i < columns.size(); i++) {
                        object.set(columns.get(i), json.valueToTree(row.get(i)));
                    }
                }
                out.println(json.writeValueAsString(list));
            }
            case csv -> {
                Csv.line(out, columns);
                rows.forEach(row -> Csv.line(out, row.stream().map(v -> v == null ? "" : v.toString()).toList()));
            }
            case table -> {
                TextTable table = new TextTable(columns);
                for (List<Object> row : rows) {
                    List<String> cells = new ArrayList<>(row.size());
                    row.forEach(v -> cells.add(shown(v)));
                    table.add(cells);
                }
                table.print(out);
                out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
            }
        }
        out.flush();
    }

    static String shown(Object value) {
        return value == null ? "" : TerminalText.oneLine(value.toString(), TABLE_WIDTH);
    }
}
