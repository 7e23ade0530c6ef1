package io.evalbatch.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** lm-eval's results table as its {@code make_table} (lm_eval/utils.py) builds it from a results file. */
public final class LmEvalTable {

    private LmEvalTable() {
    }

    /**
     * lm-eval's make_table, step for step, on the keys it reads: versions, n-shot (here unknown:
     * the log has no results file beside it), higher_is_better, and each "metric,filter" with its
     * "metric_stderr,filter".
     */
    public static List<List<String>> makeTable(JsonNode resultDict) {
        List<List<String>> values = new ArrayList<>();
        for (String k : resultDict.path("results").propertyNames()) {
            ObjectNode dic = (ObjectNode) resultDict.path("results").path(k).deepCopy();
            String version = resultDict.path("versions").path(k).asString("    N/A");
            JsonNode n = resultDict.path("n-shot").path(k);
            String shot = n.isMissingNode() ? " " : n.asString();
            JsonNode higherIsBetter = resultDict.path("higher_is_better").path(k);
            String name = dic.remove("alias").stringValue();
            dic.remove("name");
            dic.remove("sample_len");
            dic.remove("sample_count");
            Map<String, JsonNode> sorted = new TreeMap<>();
            dic.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            for (Map.Entry<String, JsonNode> mf : sorted.entrySet()) {
                String m = mf.getKey().substring(0, mf.getKey().indexOf(','));
                String f = mf.getKey().substring(mf.getKey().indexOf(',') + 1);
                if (m.endsWith("_stderr")) {
                    continue;
                }
                JsonNode better = higherIsBetter.path(m);
                String hib = better.isBoolean() ? (better.booleanValue() ? "↑" : "↓") : "";
                String v = String.format("%.4f", mf.getValue().doubleValue());
                JsonNode se = dic.get(m + "_stderr," + f);
                values.add(List.of(name, version, f, shot, m, hib, v, se == null ? "" : "±",
                        se == null ? "" : se.isString() ? "   N/A" : String.format("%.4f", se.doubleValue())));
                name = "";
            }
        }
        return values;
    }
}
