package io.evalbatch.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.filter.FilterCatalog;
import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.SimulationFilter;
import io.evalbatch.ingest.CanonicalSolutions;
import io.evalbatch.ingest.InputProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scores each problem's reference solution through the job's own filter, options and limits, as
 * a response: bigcodebench's {@code --check_gt_only}, before every run. Problems are those the
 * inputs hold (one sample each), so a run over five problems checks five; a problem that several
 * tasks share is checked once, under the first task that holds it.
 */
@Component
public class ReferenceCheck {

    private static final Logger log = LoggerFactory.getLogger(ReferenceCheck.class);

    private final FilterCatalog filters;

    public ReferenceCheck(FilterCatalog filters) {
        this.filters = filters;
    }

    /**
     * Scores the references of the job's problems with {@code execution.threads} at once.
     *
     * @param inputProblems one sample of each problem of the job's inputs ({@link InputProblems})
     */
    public ReferenceReport check(JobDefinition job, List<Sample> inputProblems) {
        // A problem several tasks share (one task per model file, say) is checked once.
        Map<String, Sample> problems = new LinkedHashMap<>();
        inputProblems.forEach(p -> problems.putIfAbsent(String.join("\u0000", p.docId(), p.prompt(),
                p.test(), String.valueOf(p.entryPoint()), String.valueOf(p.doc())), p));
        CanonicalSolutions canonical = new CanonicalSolutions(job.input(), JsonMapper.builder().build());
        List<Sample> references = new ArrayList<>();
        for (Sample problem : problems.values()) {
            Optional<String> solution = canonical.response(problem);
            solution.ifPresent(response -> references.add(problem.answeredBy(response)));
        }
        if (references.isEmpty()) {
            return new ReferenceReport(problems.size(), List.of());
        }
        long start = System.nanoTime();
        List<ReferenceOutcome> outcomes = new ArrayList<>(references.size());
        int threads = Math.max(1, Math.min(job.execution().threads(), references.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "reference-check");
            thread.setDaemon(true);
            return thread;
        });
        try (SimulationFilter filter = filters.create(job.filter())) {
            List<Future<FilterResult>> results = new ArrayList<>(references.size());
            references.forEach(reference -> results.add(pool.submit(() -> filter.score(reference))));
            for (int i = 0; i < references.size(); i++) {
                Sample reference = references.get(i);
                FilterResult result = results.get(i).get();
                outcomes.add(new ReferenceOutcome(reference.task(), reference.docId(), result.outcome().key(),
                        result.detail()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the reference solutions", e);
        } catch (ExecutionException e) {
            // Only a scorer that cannot score at all ends up here (SimulationFilter.score).
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("checking the reference solutions failed", e);
        } finally {
            pool.shutdownNow();
        }
        ReferenceReport report = new ReferenceReport(problems.size(), outcomes);
        log.info("{}: {} ({} ms)", job.name(), report.summary(), (System.nanoTime() - start) / 1_000_000);
        return report;
    }
}
