package io.evalbatch.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.evalbatch.check.FailingReferencesException;
import io.evalbatch.check.ReferenceCheck;
import io.evalbatch.check.ReferenceReport;
import io.evalbatch.cost.RunSpend;
import io.evalbatch.cost.SpendLimitReached;
import io.evalbatch.definition.CostSpec;
import io.evalbatch.definition.InputSpec;
import io.evalbatch.definition.InvalidJobDefinitionException;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.MetricsSpec;
import io.evalbatch.distribute.PartitionLostException;
import io.evalbatch.filter.FilterCatalog;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScoringUnavailableException;
import io.evalbatch.ingest.FormatCatalog;
import io.evalbatch.ingest.InputProblems;
import io.evalbatch.ingest.InvalidInputException;
import io.evalbatch.metrics.MetricCatalog;
import io.evalbatch.step.JobNames;
import io.evalbatch.step.RunFailures;
import io.evalbatch.step.RunStore;
import io.evalbatch.telemetry.InFlightSamples;
import io.evalbatch.telemetry.RunPush;
import io.evalbatch.telemetry.TelemetrySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Starts runs, restarts them, and recovers those whose process died. */
@Service
public class RunService {

    static final String RUN_ID = "run.id";
    private static final Logger log = LoggerFactory.getLogger(RunService.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final EvaluationJobFactory jobs;
    private final RunStore runs;
    private final FilterCatalog filters;
    private final FormatCatalog formats;
    private final MetricCatalog catalog;
    private final ProcessOwner owners;
    private final DatabaseWatch databaseWatch;
    private final Duration progressInterval;
    private final InFlightSamples inFlight;
    private final TelemetrySettings telemetry;
    private final RunPush push;
    private final RunIds runIds = new RunIds();
    /** The executions of the runs this process is executing now, by run id. */
    private final Map<String, JobExecution> executing = new ConcurrentHashMap<>();
    /** Set by {@link #stopAll()}: a run whose execution starts afterwards is stopped at once. */
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    private final ErrorRescoring rescoring;
    private final ReferenceCheck references;
    private final RunSpend spend;

    public RunService(JobOperator jobOperator, JobRepository jobRepository, EvaluationJobFactory jobs, RunStore runs,
                      FilterCatalog filters, MetricCatalog catalog, ProcessOwner owners, DatabaseWatch databaseWatch,
                      ProgressSettings progress,
                      InFlightSamples inFlight, TelemetrySettings telemetry, RunPush push, ErrorRescoring rescoring,
                      ReferenceCheck references, RunSpend spend, FormatCatalog formats) {
        this.jobOperator = jobOperator;
        this.formats = formats;
        this.spend = spend;
        this.references = references;
        this.rescoring = rescoring;
        this.jobRepository = jobRepository;
        this.jobs = jobs;
        this.runs = runs;
        this.filters = filters;
        this.catalog = catalog;
        this.owners = owners;
        this.databaseWatch = databaseWatch;
        this.progressInterval = progress.interval();
        this.inFlight = inFlight;
        this.telemetry = telemetry;
        this.push = push;
    }

    /** Checks a definition completely, so that a bad one fails before a run exists. */
    public void validate(JobDefinition definition) {
        // What a missing plugin would have provided, format and filter, is said at once.
        List<InvalidJobDefinitionException> unknown = new java.util.ArrayList<>();
        for (Runnable check : List.<Runnable>of(() -> formats.validate(definition),
                () -> filters.validate(definition.filter()))) {
            try {
                check.run();
            } catch (InvalidJobDefinitionException e) {
                unknown.add(e);
            }
        }
        if (!unknown.isEmpty()) {
            throw unknown.size() == 1 ? unknown.get(0) : new InvalidJobDefinitionException(unknown);
        }
        validateMetrics(definition);
        validateCost(definition);
        List<Path> files = definition.input().files();
        if (files.isEmpty()) {
            throw new InvalidJobDefinitionException(definition.source(), "input.files",
                    "no input files (list them here or pass --input FILE)");
        }
        boolean directories = formats.readsDirectories(definition.input().format());
        for (Path file : files) {
            if (Files.isDirectory(file) && !directories) {
                throw new InvalidInputException(file.toString(), 0, "is a directory, not a samples file");
            }
            if (!Files.isReadable(file)) {
                throw new InvalidInputException(file.toString(), 0, Files.exists(file) ? "cannot be read" : "no such file");
            }
        }
        Path references = definition.input().references();
        if (references != null && !Files.isRegularFile(references)) {
            throw new InvalidJobDefinitionException(definition.source(), "input.references",
                    "no such file: " + references);
        }
        Path problems = definition.input().problems();
        if (problems != null && !InputSpec.BUNDLED_PROBLEMS.containsKey(problems.toString())
                && !Files.isRegularFile(problems)) {
            throw new InvalidJobDefinitionException(definition.source(), "input.problems", "no such file: " + problems
                    + " (bundled sets are named " + String.join(" and ", new java.util.TreeSet<>(
                    InputSpec.BUNDLED_PROBLEMS.keySet())) + ")");
        }
    }

    /** The stored definition of a run, as a restart continues it. */
    public JobDefinition definition(String runId) {
        if (!runs.exists(runId)) {
            throw new io.evalbatch.step.UnknownRunException(runId);
        }
        return runs.definition(runId);
    }

    /**
     * Prices only for a filter that spends tokens, one for the model it asks, and a cap on spend
     * ({@code cost.max}, {@code --max-cost}) only with that price.
     */
    private void validateCost(JobDefinition definition) {
        CostSpec cost = definition.cost();
        if (cost.equals(CostSpec.NONE)) {
            return;
        }
        java.util.Optional<String> model = filters.billedModel(definition.filter());
        if (model.isEmpty()) {
            throw new InvalidJobDefinitionException(definition.source(), "cost", "filter '" + definition.filter().name()
                    + "' spends no tokens: prices and a cap go with a filter that asks a model (judge)");
        }
        if (spend.price(definition).isEmpty()) {
            throw new InvalidJobDefinitionException(definition.source(), "cost.prices", cost.prices().isEmpty()
                    ? "a cap on spend (cost.max, --max-cost) needs the price of the tokens of '" + model.get()
                    + "', the model the filter asks"
                    : "no price for '" + model.get() + "', the model the filter asks (prices are given for "
                    + String.join(", ", new java.util.TreeSet<>(cost.prices().keySet())) + ")");
        }
    }

    /**
     * What the job leaves to its filter and to the metric catalog, settled before the run exists:
     * the stored definition, which restarts and workers read, says what the run does.
     */
    JobDefinition withDefaults(JobDefinition definition) {
        return definition.withExecution(filters.execution(definition.filter(), definition.execution()))
                .withMetrics(catalog.withDefaults(definition.metrics()));
    }

    /**
     * The metrics the catalog knows, each in its form; those that count extracted answers (exact
     * match, majority vote) only with a filter that stores them.
     */
    void validateMetrics(JobDefinition definition) {
        MetricsSpec metrics = definition.metrics();
        catalog.validate(metrics, definition.source());
        if (catalog.needsAnswers(metrics) && !filters.extractsAnswers(definition.filter())) {
            throw new InvalidJobDefinitionException(definition.source(),
                    "metrics." + catalog.firstNeedingAnswers(metrics), "needs the answers a filter extracts, and filter '" + definition.filter().name()
                            + "' extracts none (use filter exact-match)");
        }
    }

    /**
     * Creates a run and runs it to its end in this thread.
     *
     * @param requestedId the run id to use, or null for a new random one
     */
    public RunEnd start(JobDefinition job, String requestedId) {
        validate(job);
        JobDefinition definition = withDefaults(job);
        String runId = requestedId == null ? runIds.next() : requestedId;
        if (!RunIds.isValid(runId)) {
            throw new RunRefusedException("Invalid run id '" + runId
                    + "': use letters, digits, '.', '_' and '-' (at most 64 characters).");
        }
        preflight(definition);
        try {
            // The primary key decides between two processes that start the same id at once.
            runs.create(runId, definition);
        } catch (DuplicateKeyException e) {
            throw new RunRefusedException("A run with id '" + runId + "' exists already. "
                    + "'evalbatch restart " + runId + "' continues it; choose another id for a new run.");
        }
        log.info("run {}: job '{}' on {} file(s)", runId, definition.name(), definition.input().files().size());
        return launch(runId, definition);
    }

    /**
     * What the problems need, then known-good answers: the filter's preflight, and the problems'
     * reference solutions through the job's filter. A reference that fails refuses the run unless
     * the job allows it; then each is logged as a warning. The inputs are read once, if at all.
     */
    private void preflight(JobDefinition definition) {
        Supplier<List<Sample>> problems = memoized(() -> {
            try {
                return InputProblems.of(definition, formats);
            } catch (InvalidInputException e) {
                // Ingest refuses such input with its own report; the problems cannot be checked before.
                log.debug("problems not checked: {}", e.getMessage());
                return List.of();
            }
        });
        ReferenceReport report;
        try {
            if (definition.check().problems()) {
                filters.preflight(definition.filter(), problems);
            }
            Boolean asked = definition.check().references();
            if (!(asked != null ? asked : filters.checksReferences(definition.filter()))) {
                return;
            }
            report = references.check(definition, problems.get());
        } catch (ScoringUnavailableException e) {
            // The run fails at simulate for the same reason, and restart, the cause fixed, continues it.
            log.warn("{}: the problems could not be checked before the run: {}", definition.source(), e.getMessage());
            return;
        }
        if (report.failing().isEmpty()) {
            return;
        }
        if (!definition.check().allowFailing()) {
            throw new FailingReferencesException(definition.source(), report);
        }
        log.warn("{}: {}; the run goes on as allowed (check.allow-failing)", definition.source(), report.summary());
        report.failing().forEach(r -> log.warn("  reference of {} {}: {} {}", r.task(), r.docId(), r.outcome(),
                r.detail() == null ? "" : r.detail().lines().findFirst().orElse("")));
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        java.util.concurrent.atomic.AtomicReference<T> value = new java.util.concurrent.atomic.AtomicReference<>();
        return () -> {
            if (value.get() == null) {
                value.set(supplier.get());
            }
            return value.get();
        };
    }

    /**
     * Gives a run that is to be restarted a corrected job definition: a fixed filter (a
     * simulator's path, its options), other metrics or execution settings, or, while nothing has
     * been ingested yet, other input settings. Its samples must stay what they are: a definition
     * that reads other inputs than the samples already stored came from is refused, naming what
     * differs.
     *
     * @return what the change means for the run, to tell the user; empty when nothing changed
     */
    public List<String> replaceDefinition(String runId, JobDefinition job) {
        validate(job);
        JobDefinition corrected = withDefaults(job);
        JobDefinition current = runs.definition(runId);
        // A label given with run --label stays unless the corrected file gives another.
        JobDefinition replacement = corrected.label() == null ? corrected.withLabel(current.label()) : corrected;
        long samples = runs.sampleCount(runId);
        List<String> notes = new java.util.ArrayList<>();
        if (!current.input().equals(replacement.input())) {
            if (samples > 0) {
                throw new RunRefusedException("The input of " + replacement.source() + " differs from run " + runId
                        + "'s (" + inputDifference(current.input(), replacement.input()) + "), and its " + samples
                        + " samples were read from the old one. Restart it without --job, or start a new run.");
            }
            notes.add("input settings replaced: nothing had been ingested yet");
        }
        boolean filterChanged = !current.filter().name().equals(replacement.filter().name())
                || !current.filter().options().equals(replacement.filter().options());
        if (filterChanged) {
            // Errors are not answers: a restart scores them again, with the new filter.
            long scored = runs.resultCount(runId) - rescoring.errors(runId);
            // Results of two filters in one run: the new ones are not offered to later runs.
            runs.forgetCacheKeysOfUnscored(runId);
            notes.add(samples == 0 ? "filter replaced: no sample had been read yet, so every one is scored with it"
                    : "filter replaced: the " + scored + " samples already scored keep their results; the other "
                    + (samples - scored) + " are scored with the new filter");
        }
        if (!current.metrics().equals(replacement.metrics())) {
            notes.add("metrics replaced");
        }
        if (!current.execution().equals(replacement.execution())) {
            notes.add("execution settings replaced");
        }
        if (!current.cost().equals(replacement.cost())) {
            notes.add(current.cost().prices().equals(replacement.cost().prices()) ? "cost cap now "
                    + (replacement.cost().max() == null ? "none" : replacement.cost().max()) : "cost settings replaced");
        }
        if (!java.util.Objects.equals(current.label(), replacement.label())
                || !java.util.Objects.equals(current.version(), replacement.version())) {
            notes.add("label and version replaced");
        }
        if (!notes.isEmpty()) {
            runs.updateDefinition(runId, replacement);
        }
        return notes;
    }

    private static String inputDifference(io.evalbatch.definition.InputSpec a, io.evalbatch.definition.InputSpec b) {
        List<String> differences = new java.util.ArrayList<>();
        if (!a.format().equals(b.format())) {
            differences.add("format " + a.format().key() + " / " + b.format().key());
        }
        if (!a.files().equals(b.files())) {
            differences.add("files " + a.files() + " / " + b.files());
        }
        if (!java.util.Objects.equals(a.problems(), b.problems())) {
            differences.add("problems");
        }
        if (!java.util.Objects.equals(a.task(), b.task())) {
            differences.add("task");
        }
        if (!java.util.Objects.equals(a.fields(), b.fields())) {
            differences.add("fields");
        }
        if (!java.util.Objects.equals(a.filter(), b.filter())) {
            differences.add("filter " + a.filter() + " / " + b.filter());
        }
        if (a.maxInvalid() != b.maxInvalid()) {
            differences.add("max-invalid " + a.maxInvalid() + " / " + b.maxInvalid());
        }
        if (!java.util.Objects.equals(a.references(), b.references())) {
            differences.add("references");
        }
        if (a.rawResponses() != b.rawResponses()) {
            differences.add("responses");
        }
        return String.join(", ", differences);
    }

    /**
     * Finishes a run that failed, was stopped, or whose process died, without scoring again what it
     * committed.
     */
    public RunEnd restart(String runId) {
        JobDefinition definition = runs.definition(runId);
        JobInstance instance = jobRepository.getJobInstance(JobNames.EVALUATION, parameters(runId));
        JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
        if (last != null) {
            BatchStatus status = last.getStatus();
            if (status == BatchStatus.COMPLETED) {
                return new RunEnd(runId, status.name(), List.of());
            }
            // A run stopped and then killed before its steps ended is STOPPED with steps still
            // marked running, which Spring Batch refuses to restart until they are recovered.
            if (status.isRunning() || last.getStepExecutions().stream().anyMatch(s -> s.getStatus().isRunning())) {
                ProcessOwner.Liveness liveness = owners.liveness(last);
                if (!liveness.dead()) {
                    throw new RunRefusedException("Run " + runId + " is marked " + status + " and " + liveness.explanation()
                            + ". Only a run whose process has ended can be restarted.");
                }
                log.info("run {}: recovering execution {} ({})", runId, last.getId(), liveness.explanation());
                jobOperator.recover(last);
            }
            if (ErrorRescoring.needed(last)) {
                rescoring.rescore(runId, definition);
            }
        }
        return launch(runId, definition);
    }

    private RunEnd launch(String runId, JobDefinition definition) {
        boolean live = System.console() != null;
        JobExecutionListener tracker = new JobExecutionListener() {
            @Override
            public void beforeJob(JobExecution execution) {
                executing.put(runId, execution);
                if (stopRequested.get()) {
                    stop(runId, execution);
                }
            }

            @Override
            public void afterJob(JobExecution execution) {
                executing.remove(runId);
            }
        };
        try (AutoCloseable watch = databaseWatch.during(runId);
             EvaluationJob job = jobs.create(runId, definition, tracker);
             ProgressReporter ignored = new ProgressReporter(runId, runs, live, System.err,
                     live ? Duration.ofSeconds(1) : progressInterval, inFlight, telemetry.stuckAfter(),
                     spending(runId, definition))) {
            JobExecution execution = jobOperator.start(job.job(), parameters(runId));
            push.ended(runId);
            List<String> failures = failures(execution);
            Double max = definition.cost().max();
            if (execution.getStatus() == BatchStatus.STOPPED && max != null && !stopRequested.get()) {
                // Stopped by the cap on spend, not by a person: say so, and how to go on.
                failures = List.of(SpendLimitReached.message(runId, max, spend.total(runId, definition)));
            }
            RunEnd outcome = new RunEnd(runId, execution.getStatus().name(), failures, workerLost(execution));
            runs.recordFailure(runId, outcome.completed() ? null : reason(outcome));
            return outcome;
        } catch (JobExecutionAlreadyRunningException e) {
            throw new RunRefusedException("Run " + runId + " is already running in another process.");
        } catch (RunRefusedException | InvalidJobDefinitionException | ScoringUnavailableException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Run " + runId + " could not be launched: " + e.getMessage(), e);
        }
    }

    /** ", 61234 tokens, spent 2.5771 of 25.00" for a run whose filter spends tokens; else nothing. */
    private java.util.function.Supplier<String> spending(String runId, JobDefinition definition) {
        if (filters.billedModel(definition.filter()).isEmpty()) {
            return () -> "";
        }
        Double max = definition.cost().max();
        return () -> {
            var total = spend.total(runId, definition);
            return ", " + total.tokens() + " tokens" + (total.cost() == null ? ""
                    : String.format(java.util.Locale.ROOT, ", spent %.4f", total.cost())
                    + (max == null ? "" : String.format(java.util.Locale.ROOT, " of %.2f", max)));
        };
    }

    /**
     * Asks every run this process executes to stop: each chunk step ends after the chunk in flight
     * has committed, no further step starts, and the run ends STOPPED, to be continued by
     * {@code restart}. A run whose execution has not begun yet is stopped as it begins.
     */
    public void stopAll() {
        stopRequested.set(true);
        executing.forEach(this::stop);
    }

    private void stop(String runId, JobExecution execution) {
        try {
            jobOperator.stop(execution);
            log.info("run {}: stopping once the chunks in flight have committed", runId);
        } catch (JobExecutionNotRunningException e) {
            log.debug("run {} was no longer running", runId);
        }
    }

    static JobParameters parameters(String runId) {
        return new JobParametersBuilder().addString(RUN_ID, runId, true).toJobParameters();
    }

    /** Why an execution did not complete, as `results` and `runs` show it afterwards. */
    private static String reason(RunEnd outcome) {
        if (!outcome.failures().isEmpty()) {
            return String.join("; ", outcome.failures());
        }
        return outcome.status().equals("STOPPED") ? "stopped on request; restart continues it"
                : "ended " + outcome.status() + " without a recorded reason (the log has the details)";
    }

    static List<String> failures(JobExecution execution) {
        return RunFailures.explain(execution.getAllFailureExceptions());
    }

    private static boolean workerLost(JobExecution execution) {
        return !execution.getStatus().equals(BatchStatus.COMPLETED) && execution.getAllFailureExceptions().stream()
                .anyMatch(f -> RunFailures.explanation(f) instanceof PartitionLostException);
    }
}
