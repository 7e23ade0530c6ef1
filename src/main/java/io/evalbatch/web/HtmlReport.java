package io.evalbatch.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.evalbatch.board.Leaderboard;
import io.evalbatch.metrics.MetricStore;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * {@code evalbatch report}: the run page (and the compare page) with the failed samples of each
 * task, as one HTML file with its style and charts inline and no script, that opens from disk
 * without a network. The templates are the served pages' own.
 */
@Component
public class HtmlReport {

    /** Failed samples shown per task; the report says how many more there are. */
    static final int FAILED_PER_TASK = 25;

    private final RunPages pages;
    private final RunViews views;
    private final SvgCharts charts = new SvgCharts();
    private final MetricStore metrics;
    private final Leaderboard leaderboard;

    public HtmlReport(RunPages pages, RunViews views, MetricStore metrics, Leaderboard leaderboard) {
        this.pages = pages;
        this.views = views;
        this.metrics = metrics;
        this.leaderboard = leaderboard;
    }

    private static SpringTemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(HtmlReport.class.getClassLoader());
        resolver.setPrefix("io/evalbatch/web/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    /**
     * @param other the run to compare with; null for none
     * @throws IllegalArgumentException when a run does not exist
     */
    public String render(String runId, String other) {
        RunPage page = pages.run(runId).orElseThrow(() -> new IllegalArgumentException("No run with id '" + runId + "'"));
        Context context = new Context();
        context.setVariable("page", page);
        context.setVariable("metricChart", charts.taskMetrics(page.metrics()));
        context.setVariable("outcomeChart", charts.outcomes(page.outcomes()));
        context.setVariable("durationChart", charts.durations(page.durations()));
        context.setVariable("links", false);
        context.setVariable("text", new PageText());
        Map<String, Long> notPassed = new LinkedHashMap<>();
        page.outcomes().stream().filter(o -> !o.outcome().equals("passed") && !o.outcome().equals("unscored"))
                .forEach(o -> notPassed.merge(o.task(), o.samples(), Long::sum));
        context.setVariable("notPassed", notPassed);
        context.setVariable("failed", views.notPassed(runId, FAILED_PER_TASK));
        context.setVariable("chars", RunViews.REPORT_CHARS);
        if (other != null) {
            ComparePage compared = pages.compare(runId, other, ComparedTasks.of(null, null));
            context.setVariable("a", compared.a());
            context.setVariable("b", compared.b());
            context.setVariable("differences", compared.differences());
            context.setVariable("flipped", compared.flipped());
        }
        context.setVariable("compared", other != null);
        // the job's history, where it has one: is this run's result where the earlier ones were?
        String job = page.run().job();
        String metric = leaderboard.headline(job);
        List<MetricStore.TrendPoint> trend = metric == null ? List.of() : metrics.trend(job, metric);
        boolean history = trend.stream().map(MetricStore.TrendPoint::runId).distinct().count() > 1;
        context.setVariable("trendMetric", metric);
        context.setVariable("trendChart", history ? charts.trend(trend, metric, false) : null);
        // Built here, not with the bean: the commands that write no report load no template engine.
        return engine().process("report", context);
    }
}
