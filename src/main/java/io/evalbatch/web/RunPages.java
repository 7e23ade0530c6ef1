package io.evalbatch.web;

import io.evalbatch.report.RunListings;

import java.util.Optional;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.filter.FilterCatalog;
import io.evalbatch.metrics.MetricStore;
import io.evalbatch.metrics.RunComparison;
import io.evalbatch.report.RunOverview;
import io.evalbatch.report.SampleDetail;
import io.evalbatch.step.RunStore;
import io.evalbatch.tally.Tallies;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Assembles the run page and the sample page from the stores. */
@Component
public class RunPages {

    private static final int DURATION_BUCKETS = 30;
    /** Bootstrap of the compare page: the CLI's defaults, so that both show the same interval. */
    private static final int COMPARE_ITERATIONS = 1000;
    private static final long COMPARE_SEED = 1234;
    /** Documents scored differently that a compare page lists. */
    private static final int FLIPPED_SHOWN = 500;

    private final RunStore runs;
    private final RunListings listings;
    private final MetricStore metrics;
    private final RunViews views;
    private final FilterCatalog filters;
    private final RunComparison comparison;
    private final Tallies tallies;
    private final JobDefinitions definitions = new JobDefinitions();
    private final JsonMapper json = JsonMapper.builder().build();
    /** A filter's version with its toolchains' (a compiler asked for its version): asked once per filter. */
    private final java.util.Map<io.evalbatch.definition.FilterSpec, String> versions = new java.util.concurrent.ConcurrentHashMap<>();

    public RunPages(RunStore runs, RunListings listings, MetricStore metrics, RunViews views, FilterCatalog filters, RunComparison comparison,
                    Tallies tallies) {
        this.runs = runs;
        this.listings = listings;
        this.metrics = metrics;
        this.views = views;
        this.filters = filters;
        this.comparison = comparison;
        this.tallies = tallies;
    }

    /** Run A against run B, every task with its namesake or the given task of each. */
    ComparePage compare(String a, String b, ComparedTasks tasks) {
        requireRun(a);
        requireRun(b);
        return new ComparePage(a, b, tasks.a(), tasks.b(),
                comparison.compare(a, tasks.a(), b, tasks.b(), COMPARE_ITERATIONS, COMPARE_SEED),
                views.flipped(a, b, tasks.a(), tasks.b(), FLIPPED_SHOWN));
    }

    /**
     * @throws NotFoundException when no run has this id (checked without the run's overview, which
     *                           counts its results: on a large run that costs more than a page)
     */
    void requireRun(String runId) {
        if (!runs.exists(runId)) {
            throw new NotFoundException("No run with id '" + runId + "'");
        }
    }

    public Optional<RunPage> run(String runId) {
        Optional<RunOverview> overview = listings.overview(runId);
        if (overview.isEmpty()) {
            return Optional.empty();
        }
        JobDefinition definition = runs.definition(runId);
        String stored = json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(definitions.toJson(definition)));
        TimeCounts counts = new TimeCounts(tallies.timeCounts(runId));
        return Optional.of(new RunPage(overview.get(), metrics.metrics(runId), counts.outcomes(),
                counts.buckets(DURATION_BUCKETS), listings.stepSeconds(runId), listings.invalidLines(runId),
                definition.filter().name() + " (version " + versions.computeIfAbsent(definition.filter(), filters::version)
                        .strip().replace("\n", "; ") + ")", stored,
                counts.reused()));
    }

    /**
     * One sample whole, with the program or request its filter ran for it (null when the filter
     * cannot say), and the other samples of its document.
     */
    public Optional<SamplePageData> sample(String runId, long sampleId) {
        Optional<SampleDetail> detail = runs.exists(runId) ? listings.sampleDetail(runId, sampleId, null, null, 0)
                : Optional.empty();
        if (detail.isEmpty()) {
            return Optional.empty();
        }
        JobDefinition definition = runs.definition(runId);
        String program;
        try {
            program = filters.program(definition.filter(), detail.get().sample()).orElse(null);
        } catch (RuntimeException e) {
            program = null;
        }
        var s = detail.get().sample();
        return Optional.of(new SamplePageData(runId, detail.get(), definition.filter().name(), program,
                views.document(runId, s.task(), s.docId())));
    }
}
