package io.evalbatch.web;

import java.util.List;
import java.util.Objects;

import io.evalbatch.board.Leaderboard;
import io.evalbatch.metrics.MetricCatalog;
import io.evalbatch.metrics.MetricStore;
import io.evalbatch.report.RunListings;
import io.evalbatch.report.RunOverview;
import io.evalbatch.step.RunStore;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The HTML pages; each shows what the API route of the same name returns. */
@Controller
@Profile(WebConfiguration.PROFILE)
class PageController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PageController.class);

    /** Longer texts are cut on the page; "show all" fetches them whole. */
    static final int SHOWN_CHARS = 20_000;

    private final RunStore runs;
    private final RunListings listings;
    private final MetricStore metrics;
    private final MetricCatalog catalog;
    private final RunViews views;
    private final RunPages pages;
    private final SampleGrid grid;
    private final ServeSettings settings;
    private final Leaderboard leaderboard;
    private final SvgCharts charts = new SvgCharts();
    private final PageText text = new PageText();

    PageController(RunStore runs, RunListings listings, MetricStore metrics, MetricCatalog catalog,
                  RunViews views, RunPages pages, SampleGrid grid,
                   ServeSettings settings, Leaderboard leaderboard) {
        this.runs = runs;
        this.leaderboard = leaderboard;
        this.listings = listings;
        this.grid = grid;
        this.settings = settings;
        this.metrics = metrics;
        this.catalog = catalog;
        this.views = views;
        this.pages = pages;
    }

    /** Every page writes times and inputs alike. */
    @org.springframework.web.bind.annotation.ModelAttribute("text")
    PageText text() {
        return text;
    }

    @GetMapping("/")
    String runs(@RequestParam(required = false) String job, @RequestParam(required = false) String status, Model model) {
        List<RunOverview> all = listings.overviews();
        List<RunOverview> shown = ApiController.select(all, job, status);
        model.addAttribute("runs", shown);
        model.addAttribute("headlines", metrics.headlines(shown.stream().map(RunOverview::runId).toList()));
        model.addAttribute("jobs", all.stream().map(RunOverview::job).distinct().sorted().toList());
        model.addAttribute("statuses", all.stream().map(RunOverview::status).distinct().sorted().toList());
        model.addAttribute("job", job);
        model.addAttribute("status", status);
        return "runs";
    }

    @GetMapping("/board")
    String board(@RequestParam(required = false) String job, @RequestParam(required = false) String metric,
                 @RequestParam(required = false) String sort, Model model) {
        model.addAttribute("board", leaderboard.board(blankToNull(job), blankToNull(metric), blankToNull(sort)));
        model.addAttribute("jobs", listings.jobs());
        model.addAttribute("ties", io.evalbatch.report.BoardReport.TIES);
        return "board";
    }

    @GetMapping("/runs/{runId}")
    String run(@PathVariable String runId, @RequestParam(defaultValue = "false") boolean all, Model model) {
        RunPage page = pages.run(runId).orElseThrow(() -> new NotFoundException("No run with id '" + runId + "'"));
        model.addAttribute("page", page);
        model.addAttribute("metricChart", charts.taskMetrics(page.metrics()));
        model.addAttribute("outcomeChart", charts.outcomes(page.outcomes()));
        model.addAttribute("durationChart", charts.durations(page.durations()));
        model.addAttribute("links", true);
        model.addAttribute("all", all);
        return "run";
    }

    @GetMapping("/runs/{runId}/samples")
    String samples(@PathVariable String runId, SampleParameters parameters, Model model) {
        pages.requireRun(runId);
        SampleFilter filter = parameters.filter();
        model.addAttribute("runId", runId);
        model.addAttribute("filter", filter);
        model.addAttribute("tasks", views.tasks(runId));
        model.addAttribute("page", grid.page(runId, filter));
        model.addAttribute("window", String.format(java.util.Locale.ROOT, "%,d", settings.searchWindow()));
        return "samples";
    }

    @GetMapping("/runs/{runId}/documents")
    String documents(@PathVariable String runId, @RequestParam(required = false) String task,
                     @RequestParam(required = false) String afterTask, @RequestParam(required = false) String afterDoc,
                     Model model) {
        pages.requireRun(runId);
        List<Integer> k = catalog.ks(runs.definition(runId).metrics(), "pass-at-k");
        model.addAttribute("runId", runId);
        model.addAttribute("task", task);
        model.addAttribute("tasks", views.tasks(runId));
        model.addAttribute("k", k.stream().map(io.evalbatch.metrics.PassAtK::name).toList());
        model.addAttribute("page", views.documents(runId, blankToNull(task), afterTask, afterDoc, k, 50));
        return "documents";
    }

    /** A form's empty field is no value: both the pages and the API read parameters so. */
    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @GetMapping("/runs/{runId}/samples/{sampleId}")
    String sample(@PathVariable String runId, @PathVariable long sampleId, Model model) {
        SamplePageData page = pages.sample(runId, sampleId)
                .orElseThrow(() -> new NotFoundException("Run '" + runId + "' has no sample " + sampleId));
        model.addAttribute("page", page);
        model.addAttribute("shown", SHOWN_CHARS);
        return "sample";
    }

    @GetMapping("/compare")
    String compare(@RequestParam String a, @RequestParam String b, @RequestParam(required = false) String taskA,
                   @RequestParam(required = false) String taskB, Model model) {
        ComparePage page = pages.compare(a, b, ComparedTasks.of(taskA, taskB));
        model.addAttribute("a", page.a());
        model.addAttribute("b", page.b());
        model.addAttribute("taskA", page.taskA());
        model.addAttribute("taskB", page.taskB());
        model.addAttribute("differences", page.differences());
        model.addAttribute("flipped", page.flipped());
        model.addAttribute("links", true);
        return "compare";
    }

    @GetMapping("/trend")
    String trend(@RequestParam String job, @RequestParam(required = false) String metric, Model model) {
        String shown = blankToNull(metric) != null ? metric : leaderboard.headline(job);
        var points = shown == null ? List.<MetricStore.TrendPoint>of() : metrics.trend(job, shown);
        model.addAttribute("job", job);
        model.addAttribute("metric", shown);
        model.addAttribute("metrics", leaderboard.metrics(job));
        model.addAttribute("points", points);
        model.addAttribute("chart", charts.trend(points, shown == null ? "" : shown, true));
        return "trend";
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NotFoundException e, Model model) {
        model.addAttribute("message", e.getMessage());
        return "error";
    }

    /** What went wrong, in one line on the page and in the log; the trace only at debug level. */
    @ExceptionHandler(RuntimeException.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    String failed(RuntimeException e, Model model) {
        log.warn("page failed: {}", String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        log.debug("page failed", e);
        model.addAttribute("message", "This page could not be made: " + e.getMessage());
        return "error";
    }

    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badRequest(IllegalArgumentException e, Model model) {
        model.addAttribute("message", Objects.requireNonNullElse(e.getMessage(), "bad request"));
        return "error";
    }
}
