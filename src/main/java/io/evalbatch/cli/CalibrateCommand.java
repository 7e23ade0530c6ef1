package io.evalbatch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.evalbatch.calibrate.Calibrator;
import io.evalbatch.calibrate.ProblemLimit;
import io.evalbatch.definition.InvalidJobDefinitionException;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.error.ExitCodes;
import io.evalbatch.ingest.FormatCatalog;
import io.evalbatch.ingest.InputProblems;
import io.evalbatch.report.CalibrationReport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "calibrate",
        description = {
                "Measure, ahead of a run, the calibrated CPU limits of a job whose filter has "
                        + "timeout: {calibrate: canonical, factor: F, minimum: M}: each problem of the job's inputs "
                        + "has its reference solution (HumanEval's canonical_solution, MBPP's code) run through the "
                        + "job's filter three times, and its samples get max(M, F x the median CPU time).",
                "Measurements are stored per problem, interpreter and machine: problems measured before on this "
                        + "machine are not run again, here or in a run. Prints each problem's reference CPU time, "
                        + "its limit, and whether it was measured now or stored."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch calibrate jobs/humaneval-calibrated.yaml",
                "  evalbatch calibrate jobs/humaneval-calibrated.yaml --input mbpp-samples.jsonl --format csv"})
final class CalibrateCommand implements Callable<Integer> {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB.yaml", description = "Job definition with a calibrated timeout.")
    Path job;

    @Mixin
    InputOption input;

    @Mixin
    FormatOption format;

    CalibrateCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        JobDefinition definition = new JobDefinitions().read(job);
        definition = input.applyTo(definition);
        try (ConfigurableApplicationContext context = contexts.open()) {
            Calibrator calibrator = context.getBean(Calibrator.class);
            if (calibrator.timeout(definition).isEmpty()) {
                throw new InvalidJobDefinitionException(definition.source(), "filter.timeout",
                        "is not calibrated: write timeout: {calibrate: canonical, factor: 4.0, minimum: 1.0}");
            }
            List<ProblemLimit> limits = calibrator.calibrate(definition,
                    InputProblems.of(definition, context.getBean(FormatCatalog.class)));
            new CalibrationReport().print(spec.commandLine().getOut(), format.format, limits);
            return ExitCodes.OK;
        }
    }
}
