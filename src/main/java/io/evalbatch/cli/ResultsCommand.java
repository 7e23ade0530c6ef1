package io.evalbatch.cli;

import io.evalbatch.filter.Outcome;
import io.evalbatch.report.RunListings;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

import io.evalbatch.cost.RunSpend;
import io.evalbatch.definition.InputFormat;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.error.ExitCodes;
import io.evalbatch.filter.FilterCatalog;
import io.evalbatch.ingest.LmEvalOrigin;
import io.evalbatch.metrics.MetricStore;
import io.evalbatch.report.InspectLogWriter;
import io.evalbatch.report.LmEvalResults;
import io.evalbatch.report.MetricsReport;
import io.evalbatch.report.OutputFormat;
import io.evalbatch.report.RunOverview;
import io.evalbatch.report.RunReport;
import io.evalbatch.report.SampleSelection;
import io.evalbatch.report.SamplesReport;
import io.evalbatch.report.TrendReport;
import io.evalbatch.step.RunStore;
import io.evalbatch.step.UnknownRunException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "results",
        description = {"Print the metrics of a run from the database: per task and group, each metric's value, "
                + "its closed-form and bootstrap standard errors, and the number of documents; and the seconds "
                + "spent per step.",
                "--format lm-eval writes the metrics as lm-evaluation-harness writes results_<date>.json, for "
                        + "tools that read those; with --output DIR into DIR/<model>/results_<date>.json as lm-eval "
                        + "names it, the model being the run's label. It takes several runs of one model: runs of "
                        + "one task with different lm-eval filters (gsm8k's strict-match and flexible-extract) "
                        + "become one entry.",
                "With --samples, print every sample instead: in the table its id, task, document, repeat, "
                        + "outcome, milliseconds, CPU milliseconds used and allowed, and the start of its detail (the "
                        + "exception of a failed test, say); CSV and JSON add input file and line, score, answer, the "
                        + "whole detail, whether it is near the limit, its fields and the run a reused result came "
                        + "from. --task, --outcome and --limit choose samples; --near-limit only those whose outcome "
                        + "could differ on a machine twice as fast or twice as slow (they timed out, or used at least "
                        + "half of their CPU limit). 'evalbatch show' shows one sample whole.",
                "With --job NAME --trend METRIC (no RUN_ID), print that metric over every run of the job, oldest "
                        + "first: one line per run and task, with the input file of scheduled runs."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch results k3v9q2xz", "  evalbatch results k3v9q2xz --format csv > metrics.csv",
                "  evalbatch results k3v9q2xz --format lm-eval > results_k3v9q2xz.json",
                "  evalbatch results k3v9q2xz p8m2c4ra --format lm-eval --output out/",
                "  evalbatch results k3v9q2xz --samples --format csv > samples.csv",
                "  evalbatch results k3v9q2xz --format evalplus -o eval_results.json",
                "  evalbatch results k3v9q2xz --samples --near-limit",
                "  evalbatch results --job nightly-humaneval --trend pass@1"})
final class ResultsCommand implements Callable<Integer> {

    private static final String LM_EVAL = "lm-eval";
    private static final String INSPECT = "inspect";
    private static final String EVALPLUS = "evalplus";

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..*", paramLabel = "RUN_ID",
            description = "Id of the run ('evalbatch runs' lists them); --format lm-eval takes several.")
    List<String> runIds;

    private String runId;

    @Option(names = "--job", paramLabel = "NAME", description = "With --trend: the job whose runs to show.")
    String job;

    @Option(names = "--trend", paramLabel = "METRIC", description = "With --job: the metric to follow (pass@1, mean, ...).")
    String trend;

    @Option(names = "--samples", description = "Print every sample with its outcome instead of the metrics.")
    boolean samples;

    @Option(names = "--near-limit", description = "With --samples: only the samples that timed out or used at "
            + "least half of their CPU limit.")
    boolean nearLimit;

    @Option(names = "--task", paramLabel = "TASK", description = "With --samples: only the samples of this task.")
    String task;

    @Option(names = "--outcome", paramLabel = "OUTCOME",
            description = "With --samples: only samples with this outcome (passed, failed, timed_out, error, unrated).")
    String outcome;

    @Option(names = "--limit", paramLabel = "N", description = "With --samples: at most N samples.")
    Integer limit;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH",
            description = "With --format inspect: the log to write, .eval (Inspect's ZIP log) or .json. With "
                    + "--format lm-eval: the directory to write <model>/results_<date>.json into. With --format "
                    + "evalplus: the results file to write (eval_results.json). Without it the JSON goes to "
                    + "standard output.")
    java.nio.file.Path output;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            completionCandidates = Formats.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); lm-eval is for "
                    + "metrics only; inspect writes the run as an Inspect log, samples and metrics (see --output); "
                    + "evalplus writes a run of the evalplus filter as evalplus's eval_results.json.")
    String format;

    ResultsCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        boolean lmEval = format.equalsIgnoreCase(LM_EVAL);
        boolean inspect = format.equalsIgnoreCase(INSPECT);
        boolean evalplus = format.equalsIgnoreCase(EVALPLUS);
        List<String> ids = runIds == null ? List.of() : List.copyOf(runIds);
        if (ids.size() > 1 && !lmEval) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "one RUN_ID at a time, but for --format lm-eval (" + ids.size() + " given)");
        }
        runId = ids.isEmpty() ? null : ids.get(0);
        if (output != null && !inspect && !lmEval && !evalplus) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--output goes with --format inspect, lm-eval or evalplus");
        }
        if ((inspect || evalplus) && (samples || job != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format " + format + " writes the whole run: give only RUN_ID");
        }
        if (inspect && output != null && !output.getFileName().toString().matches(".*\\.(eval|json)")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--output must end in .eval (Inspect's ZIP log) or .json, not " + output);
        }
        OutputFormat plain = lmEval || inspect || evalplus ? null : plainFormat();
        if (lmEval && samples) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format lm-eval prints metrics; use table, csv or json with --samples");
        }
        if ((nearLimit || task != null || outcome != null || limit != null) && !samples) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--near-limit, --task, --outcome and --limit go with --samples");
        }
        if (outcome != null && java.util.Arrays.stream(Outcome.values()).noneMatch(o -> o.key().equals(outcome))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--outcome must be one of " + java.util.Arrays.stream(Outcome.values()).map(Outcome::key)
                            .collect(java.util.stream.Collectors.joining(", ")) + ", not " + outcome);
        }
        if (limit != null && limit < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 0 or more, not " + limit);
        }
        if ((job == null) != (trend == null) || (job != null) == (runId != null) || (job != null && (samples || lmEval))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either RUN_ID, or --job NAME --trend METRIC (table, csv or json)");
        }
        if (lmEval) {
            return exportLmEval(ids);
        }
        if (job != null) {
            try (ConfigurableApplicationContext context = contexts.open()) {
                new TrendReport().print(spec.commandLine().getOut(), plain, job, trend,
                        context.getBean(MetricStore.class).trend(job, trend));
                return ExitCodes.OK;
            }
        }
        try (ConfigurableApplicationContext context = contexts.open()) {
            RunStore runs = context.getBean(RunStore.class);
            RunListings listings = context.getBean(RunListings.class);
            RunOverview run = listings.overview(runId).orElseThrow(() -> new UnknownRunException(runId));
            MetricStore metrics = context.getBean(MetricStore.class);
            if (inspect) {
                writeInspect(listings, run, metrics);
            } else if (evalplus) {
                writeEvalplus(runs.definition(runId), listings, run);
            } else if (samples) {
                new SamplesReport().print(spec.commandLine().getOut(), plain, runId, listings.sampleOutcomes(runId,
                        new io.evalbatch.report.SampleSelection(nearLimit, task, outcome, limit)));
            } else {
                List<String> messages = run.failure() == null || run.failure().isBlank()
                        ? List.of() : List.of(run.failure());
                new MetricsReport().print(spec.commandLine().getOut(), plain, new RunReport(runId, run.status(),
                        metrics.metrics(runId), "COMPLETED".equals(run.status()) ? List.of() : messages,
                        listings.stepSeconds(runId), listings.invalidLines(runId), listings.nearLimitCounts(runId),
                        context.getBean(RunSpend.class).byTask(runId, runs.definition(runId))));
            }
            return ExitCodes.OK;
        }
    }

    /** The runs as one lm-eval results file, on standard output or under --output. */
    private int exportLmEval(List<String> ids) {
        if (new java.util.HashSet<>(ids).size() < ids.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "a RUN_ID is given twice");
        }
        try (ConfigurableApplicationContext context = contexts.open()) {
            RunStore runs = context.getBean(RunStore.class);
            RunListings listings = context.getBean(RunListings.class);
            MetricStore metrics = context.getBean(MetricStore.class);
            FilterCatalog filters = context.getBean(FilterCatalog.class);
            List<LmEvalResults.Run> exported = new java.util.ArrayList<>();
            List<java.nio.file.Path> inputs = new java.util.ArrayList<>();
            for (String id : ids) {
                RunOverview run = listings.overview(id).orElseThrow(() -> new UnknownRunException(id));
                JobDefinition definition = runs.definition(id);
                if (definition.input().format() == InputFormat.LM_EVAL) {
                    inputs.addAll(definition.input().files());
                }
                exported.add(new LmEvalResults.Run(run, definition, filters.ownVersion(definition.filter()),
                        filters.toolchain(definition.filter()),
                        metrics.metrics(id), metrics.tasks(id)));
            }
            LmEvalOrigin origin = LmEvalOrigin.of(inputs, JsonMapper.builder().build());
            origin.ignored().forEach(reason -> spec.commandLine().getErr().println("evalbatch: ignoring " + reason));
            LmEvalResults.Export export;
            try {
                export = new LmEvalResults().export(exported, origin);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot export " + String.join(" ", ids)
                        + " as one lm-eval results file: " + e.getMessage());
            }
            if (output == null) {
                spec.commandLine().getOut().println(export.text());
                spec.commandLine().getOut().flush();
            } else {
                java.nio.file.Path file = output.resolve(export.modelDirectory()).resolve(export.fileName());
                try {
                    java.nio.file.Files.createDirectories(file.getParent());
                    java.nio.file.Files.writeString(file, export.text() + "\n");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
                }
                spec.commandLine().getErr().println("evalbatch: wrote " + file);
            }
            return ExitCodes.OK;
        }
    }

    /** The run as evalplus's eval_results.json, on standard output or into --output. */
    private void writeEvalplus(JobDefinition definition, RunListings listings, RunOverview run) {
        io.evalbatch.filter.evalplus.EvalplusResultsFile file;
        try {
            file = io.evalbatch.filter.evalplus.EvalplusResultsFile.of(definition.filter());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot write run " + run.runId()
                    + " as evalplus's results file: " + e.getMessage());
        }
        java.util.function.Consumer<java.util.function.Consumer<io.evalbatch.filter.evalplus.EvalplusResultsFile.Row>>
                rows = each -> listings.sampleDetails(run.runId(), d -> each.accept(
                new io.evalbatch.filter.evalplus.EvalplusResultsFile.Row(d.sample().docId(),
                        d.sample().prompt() + d.sample().response(), d.fields())));
        try {
            if (output == null) {
                java.io.PrintWriter out = spec.commandLine().getOut();
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                file.write(bytes, run.endedAt(), rows);
                out.println(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
            } else {
                try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(output)) {
                    file.write(out, run.endedAt(), rows);
                }
                spec.commandLine().getErr().println("evalbatch: wrote " + output + " (" + run.samples() + " samples)");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
        }
    }

    private void writeInspect(RunListings listings, RunOverview run, MetricStore metrics) {
        var rows = metrics.metrics(run.runId());
        java.util.Set<String> tasks = new java.util.TreeSet<>(metrics.tasks(run.runId()).stream()
                .map(io.evalbatch.metrics.TaskFacts::task).toList());
        InspectLogWriter.Samples all = each -> listings.sampleDetails(run.runId(), each);
        try {
            if (output == null) {
                new InspectLogWriter().writeJson(spec.commandLine().getOut(), run, rows, tasks, all);
                spec.commandLine().getOut().println();
                spec.commandLine().getOut().flush();
            } else {
                new InspectLogWriter().write(output, run, rows, tasks, all);
                spec.commandLine().getErr().println("evalbatch: wrote " + output + " (" + run.samples() + " samples)");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
        }
    }

    private OutputFormat plainFormat() {
        return Arrays.stream(OutputFormat.values()).filter(f -> f.name().equalsIgnoreCase(format)).findFirst()
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option "
                        + "'--format': '" + format + "' (expected one of table, csv, json, lm-eval, inspect, evalplus)"));
    }

    static final class Formats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("table", "csv", "json", LM_EVAL, INSPECT, EVALPLUS).iterator();
        }
    }
}
