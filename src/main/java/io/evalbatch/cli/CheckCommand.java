package io.evalbatch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.evalbatch.check.ReferenceCheck;
import io.evalbatch.check.ReferenceReport;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.error.ExitCodes;
import io.evalbatch.filter.FilterCatalog;
import io.evalbatch.filter.Sample;
import io.evalbatch.ingest.FormatCatalog;
import io.evalbatch.ingest.InputProblems;
import io.evalbatch.report.ReferenceCheckReport;
import io.evalbatch.run.RunService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check",
        description = {
                "Check a job without running it: the job definition, the filter's preflight (each language's "
                        + "toolchain and, for MultiPL-E, its test harness), and the reference solution of every "
                        + "problem of the inputs that has one (HumanEval's canonical_solution, MBPP's code) scored "
                        + "through the job's own filter, as bigcodebench's --check_gt_only does. Creates no run.",
                "A run does the same before it starts (check: references, the default) and is refused when a "
                        + "reference fails. Exit code 0 when every reference passes, 3 when one does not or the job "
                        + "is invalid."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch check jobs/humaneval-example.yaml",
                "  evalbatch check jobs/lm-eval-humaneval.yaml --input out/samples_humaneval_*.jsonl --format csv"})
final class CheckCommand implements Callable<Integer> {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB.yaml", description = "Job definition file (YAML).")
    Path job;

    @Mixin
    InputOption input;

    @Mixin
    FormatOption format;

    CheckCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        JobDefinition definition = input.applyTo(new JobDefinitions().read(job));
        try (ConfigurableApplicationContext context = contexts.open()) {
            context.getBean(RunService.class).validate(definition);
            List<Sample> problems = InputProblems.of(definition, context.getBean(FormatCatalog.class));
            context.getBean(FilterCatalog.class).preflight(definition.filter(), () -> problems);
            ReferenceReport report = context.getBean(ReferenceCheck.class).check(definition, problems);
            new ReferenceCheckReport().print(spec.commandLine().getOut(), format.format, job.toString(), report);
            return report.failing().isEmpty() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
        }
    }
}
