package io.evalbatch.web;

import java.util.List;
import java.util.Map;

import io.evalbatch.board.Leaderboard;
import io.evalbatch.metrics.MetricCatalog;
import io.evalbatch.metrics.MetricStore;
import io.evalbatch.report.RunListings;
import io.evalbatch.report.RunOverview;
import io.evalbatch.step.RunStore;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The data of every page as JSON, under {@code /api}; the pages' scripts use it too. */
@RestController
@RequestMapping("/api")
@Profile(WebConfiguration.PROFILE)
class ApiController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiController.class);

    private final RunStore runs;
    private final RunListings listings;
    private final MetricStore metrics;
    private final MetricCatalog catalog;
    private final RunViews views;
    private final RunPages pages;
    private final SampleGrid grid;
    private final Leaderboard leaderboard;

    ApiController(RunStore runs, RunListings listings, MetricStore metrics, MetricCatalog catalog,
                  RunViews views, RunPages pages, SampleGrid grid, Leaderboard leaderboard) {
        this.runs = runs;
        this.leaderboard = leaderboard;
        this.listings = listings;
        this.grid = grid;
        this.metrics = metrics;
        this.catalog = catalog;
        this.views = views;
        this.pages = pages;
    }

    static List<RunOverview> select(List<RunOverview> all, String job, String status) {
        return all.stream().filter(r -> job == null || job.isBlank() || r.job().equals(job))
                .filter(r -> status == null || status.isBlank() || r.status().equals(status)).toList();
    }

    @GetMapping("/runs")
    List<RunOverview> runs(@RequestParam(required = false) String job, @RequestParam(required = false) String status) {
        return select(listings.overviews(), job, status);
    }

    @GetMapping("/runs/{runId}")
    RunPage run(@PathVariable String runId) {
        return pages.run(runId).orElseThrow(() -> new NotFoundException("No run with id '" + runId + "'"));
    }

    @GetMapping("/runs/{runId}/samples")
    SamplePage samples(@PathVariable String runId, SampleParameters parameters) {
        pages.requireRun(runId);
        return grid.page(runId, parameters.filter());
    }

    @GetMapping("/runs/{runId}/documents")
    DocumentPage documents(@PathVariable String runId, @RequestParam(required = false) String task,
                           @RequestParam(required = false) String afterTask,
                           @RequestParam(required = false) String afterDoc,
                           @RequestParam(defaultValue = "50") int limit) {
        pages.requireRun(runId);
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be from 1 to 500");
        }
        return views.documents(runId, task == null || task.isBlank() ? null : task, afterTask, afterDoc,
                catalog.ks(runs.definition(runId).metrics(), "pass-at-k"), limit);
    }

    @GetMapping("/runs/{runId}/samples/{sampleId}")
    SamplePageData sample(@PathVariable String runId, @PathVariable long sampleId) {
        return pages.sample(runId, sampleId)
                .orElseThrow(() -> new NotFoundException("Run '" + runId + "' has no sample " + sampleId));
    }

    /** One text of a sample whole, as plain text the browser never interprets. */
    @GetMapping(value = "/runs/{runId}/samples/{sampleId}/text", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> text(@PathVariable String runId, @PathVariable long sampleId, @RequestParam String field) {
        SamplePageData page = sample(runId, sampleId);
        String text = switch (field) {
            case "response" -> page.detail().sample().response();
            case "prompt" -> page.detail().sample().prompt();
            case "test" -> page.detail().sample().test();
            case "detail" -> page.detail().detail();
            case "program" -> page.program();
            default -> throw new IllegalArgumentException("field must be response, prompt, test, detail or program");
        };
        return ResponseEntity.ok().header("X-Content-Type-Options", "nosniff")
                .contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
                .body(text == null ? "" : text);
    }

    @GetMapping("/compare")
    ComparePage compare(@RequestParam String a, @RequestParam String b, @RequestParam(required = false) String taskA,
                        @RequestParam(required = false) String taskB) {
        return pages.compare(a, b, ComparedTasks.of(taskA, taskB));
    }

    @GetMapping("/board")
    io.evalbatch.board.Board board(@RequestParam(required = false) String job,
                                   @RequestParam(required = false) String metric,
                                   @RequestParam(required = false) String sort) {
        return leaderboard.board(PageController.blankToNull(job), PageController.blankToNull(metric),
                PageController.blankToNull(sort));
    }

    @GetMapping("/trend")
    List<MetricStore.TrendPoint> trend(@RequestParam String job, @RequestParam(required = false) String metric) {
        String shown = PageController.blankToNull(metric) != null ? metric : leaderboard.headline(job);
        return shown == null ? List.of() : metrics.trend(job, shown);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, String>> failed(RuntimeException e) {
        log.warn("api request failed: {}", String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        log.debug("api request failed", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Map.of("error", String.valueOf(e.getMessage())));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", String.valueOf(e.getMessage())));
    }
}
