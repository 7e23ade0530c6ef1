package io.evalbatch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.evalbatch.definition.InvalidJobDefinitionException;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.run.RunEnd;
import io.evalbatch.run.RunService;
import io.evalbatch.schedule.InputGlobs;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run",
        description = {
                "Evaluate samples files as a job definition says: ingest every line, score each sample once "
                        + "with the job's filter (in parallel, committed chunk by chunk), then derive the metrics "
                        + "and print them.",
                "A run that fails or is killed keeps what it committed; 'evalbatch restart RUN' finishes it.",
                "Ctrl-C or SIGTERM stops the run once the chunks in flight have committed (exit code 1, status "
                        + "STOPPED); a second one quits at once."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  evalbatch run jobs/humaneval-example.yaml",
                "  evalbatch run jobs/humaneval-example.yaml --input mine.jsonl --format json",
                "  evalbatch run jobs/lm-eval-humaneval.yaml -i out/samples_humaneval_*.jsonl"})
final class RunCommand implements Callable<Integer> {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB", description = "Job definition file (YAML).")
    Path job;

    @Mixin
    InputOption input;

    @Option(names = "--id", paramLabel = "RUN_ID",
            description = "Id for the new run (default: a random 8-character id).")
    String runId;

    @Option(names = "--label", paramLabel = "LABEL",
            description = "What this run scores, in your words (a model name, say): shown by 'evalbatch runs', "
                    + "accepted by 'evalbatch compare' in place of a run id, and the model name of the lm-eval export "
                    + "(default: the job's label, else none).")
    String label;

    @Option(names = "--no-cache",
            description = "Score every sample, even those whose result an earlier run computed with the same "
                    + "filter, version, options and inputs (default: reuse such results).")
    boolean noCache;

    @Option(names = "--max-invalid", paramLabel = "N",
            description = "Skip up to N invalid input lines (over all files), recording each with its reason "
                    + "('evalbatch results' lists them), instead of stopping the run at the first "
                    + "(default: the job's input.max-invalid, else 0).")
    Long maxInvalid;

    @Option(names = "--allow-failing-references",
            description = "Run even when a problem's reference solution does not pass through the job's filter "
                    + "(each is logged as a warning); by default such a run is refused ('evalbatch check' lists them).")
    boolean allowFailingReferences;

    @Option(names = "--distributed",
            description = "Send the simulate partitions to 'evalbatch worker' processes, on this machine or others "
                    + "sharing the database, instead of scoring them here (default: the job's execution.distributed).")
    boolean distributed;

    @Option(names = "--auto-restart", paramLabel = "N", defaultValue = "0",
            description = "Restart the run up to N times when it ends because a worker died or was shut down "
                    + "(distributed runs; default: ${DEFAULT-VALUE}).")
    int autoRestart;

    @Mixin
    MaxCostOption maxCost;

    @Mixin
    FormatOption format;

    RunCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    /** A run by hand takes the files its globs match now; each glob must match one at least. */
    private static JobDefinition withGlobsExpanded(JobDefinition definition) {
        List<Path> files = definition.input().files();
        if (files.stream().noneMatch(InputGlobs::isGlob)) {
            return definition;
        }
        for (Path pattern : files) {
            if (InputGlobs.isGlob(pattern) && InputGlobs.expand(List.of(pattern)).isEmpty()) {
                throw new InvalidJobDefinitionException(definition.source(), "input.files",
                        "'" + pattern + "' matches no file");
            }
        }
        return definition.withInput(definition.input().withFiles(InputGlobs.expand(files)));
    }

    @Override
    public Integer call() {
        if (runId != null && !io.evalbatch.run.RunIds.isValid(runId)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Invalid run id '" + runId
                    + "': use letters, digits, '.', '_' and '-', starting with a letter or digit (at most 64)");
        }
        JobDefinition definition = new JobDefinitions().read(job);
        definition = input.applyTo(definition);
        definition = withGlobsExpanded(definition);
        if (maxInvalid != null) {
            if (maxInvalid < 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--max-invalid must be 0 or more, not " + maxInvalid);
            }
            definition = definition.withInput(definition.input().withMaxInvalid(maxInvalid));
        }
        if (autoRestart < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--auto-restart must be 0 or more, not " + autoRestart);
        }
        if (distributed) {
            definition = definition.withExecution(definition.execution().withDistributed(true));
        }
        if (noCache) {
            definition = definition.withExecution(definition.execution().withCache(false));
        }
        definition = maxCost.applyTo(definition, spec.commandLine());
        if (allowFailingReferences) {
            definition = definition.withCheck(definition.check().withAllowFailing(true));
        }
        if (label != null) {
            String problem = JobDefinitions.labelProblem(label);
            if (problem != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--label " + problem);
            }
            definition = definition.withLabel(label);
        }
        try (ConfigurableApplicationContext context = contexts.open();
             StopOnSignal ignored = new StopOnSignal(context.getBean(RunService.class), spec.commandLine().getErr())) {
            RunService runs = context.getBean(RunService.class);
            RunEnd outcome = runs.start(definition, runId);
            for (int i = 1; i <= autoRestart && outcome.workerLost(); i++) {
                spec.commandLine().getErr().printf("run %s ended: %s; restarting it (%d of %d)%n", outcome.runId(),
                        String.join("; ", outcome.failures()), i, autoRestart);
                spec.commandLine().getErr().flush();
                outcome = runs.restart(outcome.runId());
            }
            return FinishedRunPrinter.print(context, outcome, format.format, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
    }
}
