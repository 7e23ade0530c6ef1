package io.evalbatch.cli;

import java.util.List;
import java.util.concurrent.Callable;

import io.evalbatch.metrics.MetricStore;
import io.evalbatch.report.MetricsReport;
import io.evalbatch.report.RunReport;
import io.evalbatch.report.SamplesReport;
import io.evalbatch.run.RunOverview;
import io.evalbatch.run.RunStore;
import io.evalbatch.run.UnknownRunException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "results",
        description = {"Print the metrics of a run from the database: per task, each metric's value, its "
                + "standard error over documents, and the number of documents; and the seconds spent per step.",
                "With --samples, print every sample instead: task, document, repeat, input file and line, "
                        + "outcome, score, detail (the exception of a failed test, say) and milliseconds."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch results k3v9q2xz", "  evalbatch results k3v9q2xz --format csv > metrics.csv",
                "  evalbatch results k3v9q2xz --samples --format csv > samples.csv"})
final class ResultsCommand implements Callable<Integer> {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "Id of the run ('evalbatch runs' lists them).")
    String runId;

    @Option(names = "--samples", description = "Print every sample with its outcome instead of the metrics.")
    boolean samples;

    @Mixin
    FormatOption format;

    ResultsCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = contexts.open()) {
            RunStore runs = context.getBean(RunStore.class);
            RunOverview run = runs.overview(runId).orElseThrow(() -> new UnknownRunException(runId));
            if (samples) {
                new SamplesReport().print(spec.commandLine().getOut(), format.format, runId, runs.sampleOutcomes(runId));
                return ExitCodes.OK;
            }
            List<String> messages = run.exitMessage() == null || run.exitMessage().isBlank()
                    ? List.of() : List.of(run.exitMessage());
            new MetricsReport().print(spec.commandLine().getOut(), format.format, new RunReport(runId, run.status(),
                    context.getBean(MetricStore.class).metrics(runId),
                    "COMPLETED".equals(run.status()) ? List.of() : messages, runs.stepSeconds(runId)));
            return ExitCodes.OK;
        }
    }
}
