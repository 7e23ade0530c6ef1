package io.evalbatch.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.evalbatch.metrics.MetricRow;
import org.springframework.web.util.HtmlUtils;

/**
 * Charts drawn on the server as inline SVG: they need no script and no network, in the served
 * pages and in a report file alike. Every label is escaped, since task names come from input files.
 */
public final class SvgCharts {

    static final Map<String, String> OUTCOME_COLOURS = outcomeColours();
    private static final int WIDTH = 640;
    private static final int LABEL = 200;
    private static final int ROW = 22;

    private static Map<String, String> outcomeColours() {
        Map<String, String> colours = new LinkedHashMap<>();
        colours.put("passed", "#2e7d32");
        colours.put("failed", "#c62828");
        colours.put("timed_out", "#ef6c00");
        colours.put("error", "#6a1b9a");
        colours.put("unscored", "#9e9e9e");
        return colours;
    }

    /** Each task's first metric (pass@1 or mean, say) as a bar with its ± stderr. */
    public String taskMetrics(List<MetricRow> metrics) {
        Map<String, MetricRow> main = new LinkedHashMap<>();
        for (MetricRow m : metrics) {
            if (m.scope().equals("task") && m.value() != null) {
                main.putIfAbsent(m.name(), m);
            }
        }
        if (main.isEmpty()) {
            return "";
        }
        double max = Math.max(1.0, main.values().stream().mapToDouble(m -> m.value() + orZero(m.stderr())).max().orElse(1));
        int height = main.size() * ROW + 24;
        StringBuilder svg = open(height, "main metric of each task, with its standard error");
        int y = 4;
        double scale = (WIDTH - LABEL - 80) / max;
        for (MetricRow m : main.values()) {
            double w = m.value() * scale;
            svg.append(text(4, y + 15, m.name() + " " + m.metric()));
            svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%.1f' height='16' fill='#1565c0'/>", LABEL, y + 2, w));
            double end = w;
            if (m.stderr() != null) {
                double lo = Math.max(0, (m.value() - m.stderr()) * scale);
                double hi = (m.value() + m.stderr()) * scale;
                svg.append(String.format(Locale.ROOT, "<line class='err' x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='#000'/>",
                        LABEL + lo, LABEL + hi, y + 10, y + 10));
                end = Math.max(end, hi);
            }
            svg.append(text((int) (LABEL + end + 6), y + 15, String.format(Locale.ROOT, "%.4f", m.value())));
            y += ROW;
        }
        return svg.append("</svg>").toString();
    }

    /** Per task, one bar split by outcome. */
    public String outcomes(List<OutcomeCount> counts) {
        Map<String, Map<String, Long>> byTask = new LinkedHashMap<>();
        counts.forEach(c -> byTask.computeIfAbsent(c.task(), t -> new LinkedHashMap<>()).put(c.outcome(), c.samples()));
        if (byTask.isEmpty()) {
            return "";
        }
        StringBuilder svg = open(byTask.size() * ROW + 30, "outcomes per task");
        int y = 4;
        for (Map.Entry<String, Map<String, Long>> task : byTask.entrySet()) {
            long total = task.getValue().values().stream().mapToLong(Long::longValue).sum();
            double x = LABEL;
            svg.append(text(4, y + 15, task.getKey()));
            for (Map.Entry<String, String> colour : OUTCOME_COLOURS.entrySet()) {
                long n = task.getValue().getOrDefault(colour.getKey(), 0L);
                if (n == 0) {
                    continue;
                }
                double w = (WIDTH - LABEL - 10) * (double) n / total;
                svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%d' width='%.1f' height='16' fill='%s'>"
                        + "<title>%s: %d</title></rect>", x, y + 2, w, colour.getValue(), colour.getKey(), n));
                x += w;
            }
            y += ROW;
        }
        int x = LABEL;
        for (Map.Entry<String, String> colour : OUTCOME_COLOURS.entrySet()) {
            svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='10' height='10' fill='%s'/>", x, y + 6, colour.getValue()));
            svg.append(text(x + 14, y + 15, colour.getKey()));
            x += 86;
        }
        return svg.append("</svg>").toString();
    }

    /**
     * Wall-time histogram, with the CPU-time one over it where measured; bar heights on a log scale,
     * since a few slow samples are what one looks for beside thousands of fast ones.
     */
    public String durations(List<DurationBucket> buckets) {
        long max = buckets.stream().mapToLong(b -> Math.max(b.samples(), b.cpuSamples())).max().orElse(0);
        if (max == 0) {
            return "";
        }
        int height = 160;
        StringBuilder svg = open(height + 20, "distribution of sample durations");
        double w = (double) (WIDTH - 20) / buckets.size();
        for (int i = 0; i < buckets.size(); i++) {
            DurationBucket b = buckets.get(i);
            double h = (height - 10) * Math.log1p(b.samples()) / Math.log1p(max);
            svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='#1565c0'>"
                    + "<title>%d-%d ms: %d</title></rect>", 10 + i * w, height - h, w - 1, h, b.fromMs(), b.toMs(), b.samples()));
            if (b.cpuSamples() > 0) {
                double c = (height - 10) * Math.log1p(b.cpuSamples()) / Math.log1p(max);
                svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='#ef6c00' "
                        + "fill-opacity='0.5'><title>CPU %d-%d ms: %d</title></rect>", 10 + i * w, height - c, w - 1, c,
                        b.fromMs(), b.toMs(), b.cpuSamples()));
            }
        }
        svg.append(text(10, height + 16, "0 ms"));
        svg.append(text(WIDTH - 90, height + 16, buckets.get(buckets.size() - 1).toMs() + " ms"));
        return svg.append("</svg>").toString();
    }

    /** A metric over a job's runs, oldest first, with error bars. */
    public String trend(List<Double> values, List<Double> errors) {
        List<Double> shown = new ArrayList<>();
        values.forEach(v -> shown.add(v == null ? 0 : v));
        if (shown.isEmpty()) {
            return "";
        }
        double max = Math.max(1.0, shown.stream().mapToDouble(Double::doubleValue).max().orElse(1));
        int height = 160;
        StringBuilder svg = open(height + 10, "metric over the job's runs");
        double step = (double) (WIDTH - 40) / Math.max(1, shown.size() - 1);
        for (int i = 0; i < shown.size(); i++) {
            double x = 20 + i * step;
            double y = height - (height - 20) * shown.get(i) / max;
            svg.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='3' fill='#1565c0'/>", x, y));
            Double e = errors.get(i);
            if (e != null) {
                double d = (height - 20) * e / max;
                svg.append(String.format(Locale.ROOT, "<line class='err' x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='#000'/>",
                        x, x, y - d, y + d));
            }
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(int height, String title) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' "
                + "height='%d' role='img'><title>%s</title>", WIDTH, height, HtmlUtils.htmlEscape(title)));
    }

    private static String text(int x, int y, String text) {
        return String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='12'>%s</text>", x, y,
                HtmlUtils.htmlEscape(text.length() > 30 ? text.substring(0, 29) + "…" : text));
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
