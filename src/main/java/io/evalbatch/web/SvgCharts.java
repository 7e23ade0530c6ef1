package io.evalbatch.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.evalbatch.metrics.MetricRow;
import io.evalbatch.metrics.MetricStore.TrendPoint;
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
        Axis axis = Axis.of(0, Math.max(1.0, main.values().stream().mapToDouble(m -> m.value() + orZero(m.stderr()))
                .max().orElse(1)));
        double max = axis.high();
        int height = main.size() * ROW + 30;
        StringBuilder svg = open(height, "main metric of each task, with its standard error");
        int y = 4;
        double scale = (WIDTH - LABEL - 80) / max;
        for (double tick : axis.ticks()) {
            double tx = LABEL + tick * scale;
            svg.append(String.format(Locale.ROOT, "<line x1='%.1f' x2='%.1f' y1='4' y2='%d' stroke='#e0e0e0'/>", tx, tx,
                    main.size() * ROW + 6));
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='11' text-anchor='middle'>%s</text>",
                    tx, main.size() * ROW + 20, axis.label(tick)));
        }
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
        int left = 56;
        int top = 8;
        int height = 160;
        StringBuilder svg = open(top + height + 44, "distribution of sample durations: samples per time range, log scale");
        double w = (double) (WIDTH - left - 30) / buckets.size();
        double logMax = Math.log10(max) + 0.3;
        java.util.function.LongToDoubleFunction bar = n -> n == 0 ? 0 : height * (Math.log10(n) + 0.3) / logMax;
        for (long tick = 1; tick <= max; tick *= 10) {
            double ty = top + height - bar.applyAsDouble(tick);
            svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#e0e0e0'/>",
                    left, WIDTH - 30, ty, ty));
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' font-size='11' text-anchor='end'>%,d</text>",
                    left - 6, ty + 4, tick));
        }
        svg.append(String.format(Locale.ROOT, "<text x='12' y='%d' font-size='11' transform='rotate(-90 12 %d)' "
                + "text-anchor='middle'>samples</text>", top + height / 2, top + height / 2));
        for (int i = 0; i < buckets.size(); i++) {
            DurationBucket b = buckets.get(i);
            double h = bar.applyAsDouble(b.samples());
            svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='#1565c0'>"
                    + "<title>wall %s to %s: %,d samples</title></rect>", left + i * w, top + height - h, w - 1, h,
                    PageText.duration(b.fromMs()), PageText.duration(b.toMs()), b.samples()));
            if (b.cpuSamples() > 0) {
                double c = bar.applyAsDouble(b.cpuSamples());
                svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='#ef6c00' "
                        + "fill-opacity='0.5'><title>CPU %s to %s: %,d samples</title></rect>", left + i * w,
                        top + height - c, w - 1, c, PageText.duration(b.fromMs()), PageText.duration(b.toMs()),
                        b.cpuSamples()));
            }
        }
        svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='#757575'/>", left, WIDTH - 30,
                top + height, top + height));
        long end = buckets.get(buckets.size() - 1).toMs();
        Axis time = Axis.of(0, end);
        for (double tick : time.ticks()) {
            if (tick > end) {
                break;
            }
            double tx = left + (WIDTH - left - 30) * tick / end;
            svg.append(String.format(Locale.ROOT, "<line x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='#757575'/>", tx, tx,
                    top + height, top + height + 4));
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='11' text-anchor='middle'>%s</text>",
                    tx, top + height + 15, PageText.duration(Math.round(tick))));
        }
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='11' fill='#757575'>time per sample "
                + "(blue: wall, orange: CPU)</text>", left, top + height + 34));
        return svg.append("</svg>").toString();
    }

    private static final String[] LINE_COLOURS = {"#1565c0", "#c62828", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f",
        "#ad1457", "#5d4037"};

    /**
     * A metric over a job's runs, oldest first: one line per task, each point ± its standard error,
     * with a value axis and the runs' dates along the bottom.
     *
     * @param points the job's trend, oldest first (several tasks per run possible)
     * @param links  whether each point links to its run's page (not in a report file)
     */
    public String trend(List<TrendPoint> points, String metric, boolean links) {
        List<String> runs = points.stream().map(TrendPoint::runId).distinct().toList();
        Map<String, Integer> column = new java.util.HashMap<>();
        runs.forEach(run -> column.put(run, column.size()));
        Map<String, List<TrendPoint>> byTask = new java.util.TreeMap<>();
        points.stream().filter(p -> p.value() != null)
                .forEach(p -> byTask.computeIfAbsent(p.task(), t -> new ArrayList<>()).add(p));
        if (byTask.isEmpty()) {
            return "";
        }
        double top = points.stream().filter(p -> p.value() != null)
                .mapToDouble(p -> p.value() + orZero(p.stderr())).max().orElse(1);
        double bottom = Math.min(0, points.stream().filter(p -> p.value() != null)
                .mapToDouble(p -> p.value() - orZero(p.stderr())).min().orElse(0));
        Axis axis = Axis.of(bottom, top);
        int left = 56;
        int right = 44;
        int plotTop = 10;
        int plotHeight = 200;
        int legend = ((byTask.size() + 2) / 3) * 18;
        int height = plotTop + plotHeight + 40 + legend;
        StringBuilder svg = open(height, metric + " over the job's runs, each point ± its standard error");
        double width = WIDTH - left - right;
        java.util.function.DoubleUnaryOperator y = v -> plotTop + plotHeight - plotHeight * (v - axis.low()) / (axis.high() - axis.low());
        java.util.function.IntToDoubleFunction x = i -> left + (runs.size() == 1 ? width / 2 : width * i / (runs.size() - 1));
        for (double tick : axis.ticks()) {
            double ty = y.applyAsDouble(tick);
            svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#e0e0e0'/>",
                    left, WIDTH - right, ty, ty));
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' font-size='11' text-anchor='end'>%s</text>",
                    left - 6, ty + 4, axis.label(tick)));
        }
        svg.append(String.format(Locale.ROOT, "<text x='12' y='%d' font-size='11' transform='rotate(-90 12 %d)' "
                + "text-anchor='middle'>%s</text>", plotTop + plotHeight / 2, plotTop + plotHeight / 2,
                HtmlUtils.htmlEscape(metric)));
        Map<String, java.time.Instant> created = new LinkedHashMap<>();
        points.forEach(p -> created.putIfAbsent(p.runId(), p.createdAt()));
        int every = Math.max(1, (runs.size() + 5) / 6);
        for (int i = 0; i < runs.size(); i++) {
            if (i % every == 0 || i == runs.size() - 1) {
                svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='11' text-anchor='middle'>%s</text>",
                        x.applyAsDouble(i), plotTop + plotHeight + 16, RUN_DATE.format(created.get(runs.get(i)))));
            }
        }
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='11' fill='#757575'>run (oldest first, "
                + "creation time UTC)</text>", left, plotTop + plotHeight + 32));
        int colour = 0;
        int legendIndex = 0;
        for (Map.Entry<String, List<TrendPoint>> task : byTask.entrySet()) {
            String c = LINE_COLOURS[colour++ % LINE_COLOURS.length];
            StringBuilder line = new StringBuilder();
            for (TrendPoint p : task.getValue()) {
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(column.get(p.runId())),
                        y.applyAsDouble(p.value())));
            }
            svg.append(String.format(Locale.ROOT, "<polyline class='trend-line' points='%s' fill='none' stroke='%s' "
                    + "stroke-width='1.5'/>", line.toString().strip(), c));
            for (TrendPoint p : task.getValue()) {
                double px = x.applyAsDouble(column.get(p.runId()));
                double py = y.applyAsDouble(p.value());
                StringBuilder point = new StringBuilder();
                if (p.stderr() != null) {
                    point.append(String.format(Locale.ROOT, "<line class='err' x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' "
                            + "stroke='%s'/>", px, px, y.applyAsDouble(p.value() - p.stderr()),
                            y.applyAsDouble(p.value() + p.stderr()), c));
                }
                point.append(String.format(Locale.ROOT, "<circle class='point' cx='%.1f' cy='%.1f' r='4' fill='%s'>"
                        + "<title>%s</title></circle>", px, py, c, HtmlUtils.htmlEscape(p.runId() + " · " + p.task() + ": "
                        + String.format(Locale.ROOT, "%.4f", p.value())
                        + (p.stderr() == null ? "" : String.format(Locale.ROOT, " ± %.4f", p.stderr())))));
                svg.append(links ? "<a href='/runs/" + HtmlUtils.htmlEscape(p.runId()) + "'>" + point + "</a>" : point);
            }
            int lx = left + (legendIndex % 3) * 190;
            int ly = plotTop + plotHeight + 48 + (legendIndex / 3) * 18;
            svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='10' height='10' fill='%s'/>", lx, ly - 9, c));
            svg.append(text(lx + 14, ly, task.getKey()));
            legendIndex++;
        }
        return svg.append("</svg>").toString();
    }

    private static final java.time.format.DateTimeFormatter RUN_DATE =
            java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);

    /** A value axis from 0 (or below) to a round number above the highest value, with four or five ticks. */
    record Axis(double low, double high, double step) {

        static Axis of(double low, double high) {
            double span = Math.max(high - low, 1e-9);
            double magnitude = Math.pow(10, Math.floor(Math.log10(span / 4)));
            double step = magnitude;
            for (double m : new double[] {1, 2, 2.5, 5, 10}) {
                if (span / (m * magnitude) <= 5) {
                    step = m * magnitude;
                    break;
                }
            }
            return new Axis(Math.floor(low / step) * step, Math.max(Math.ceil(high / step) * step, step), step);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            for (double t = low; t <= high + step / 2; t += step) {
                ticks.add(Math.round(t / step) * step);
            }
            return ticks;
        }

        String label(double tick) {
            return step >= 1 ? String.format(Locale.ROOT, "%.0f", tick)
                    : String.format(Locale.ROOT, "%." + (int) Math.ceil(-Math.log10(step) + 0.01) + "f", tick)
                            .replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        }
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
