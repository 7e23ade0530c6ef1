package io.evalbatch.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import io.evalbatch.filter.FilterOption;
import io.evalbatch.filter.FilterProvider;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The filters and their declared options as a person or a script reads them: a plain table for the
 * terminal, the Markdown table each filter's docs page carries (a test keeps the two equal), or
 * JSON.
 */
public final class FiltersReport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FiltersReport() {
    }

    /** The filter's options as the Markdown table of its docs page. */
    public static String markdown(FilterProvider filter) {
        StringBuilder out = new StringBuilder("| option | default | values | meaning |\n| --- | --- | --- | --- |\n");
        for (FilterOption option : filter.options()) {
            out.append("| `").append(option.name()).append("` | ").append(code(option.defaultText())).append(" | ")
                    .append(cell(option.allowed())).append(" | ").append(cell(option.description())).append(" |\n");
        }
        return out.toString();
    }

    /** Each filter with its description, and its options under it, for the terminal. */
    public static String table(Map<String, FilterProvider> filters) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        for (FilterProvider filter : filters.values()) {
            if (!text.toString().isEmpty()) {
                out.println();
            }
            out.println(filter.name() + ": " + filter.description());
            TextTable table = new TextTable(List.of("option", "default", "values", "meaning"));
            filter.options().forEach(o -> table.add(List.of(o.name(), o.defaultText(), o.allowed(), o.description())));
            table.print(out);
        }
        out.flush();
        return text.toString();
    }

    public static String json(Map<String, FilterProvider> filters) {
        ArrayNode list = JSON.createArrayNode();
        for (FilterProvider filter : filters.values()) {
            ObjectNode node = list.addObject();
            node.put("name", filter.name());
            node.put("description", filter.description());
            ArrayNode options = node.putArray("options");
            for (FilterOption option : filter.options()) {
                ObjectNode o = options.addObject();
                o.put("name", option.name());
                o.put("default", option.defaultText());
                o.put("values", option.allowed());
                o.put("description", option.description());
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(list) + "\n";
    }

    private static String code(String text) {
        return text.equals("—") || text.startsWith("(") || text.contains(" ") && !text.startsWith("[")
                && !text.startsWith("{") ? cell(text) : "`" + text.replace("|", "\\|") + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
