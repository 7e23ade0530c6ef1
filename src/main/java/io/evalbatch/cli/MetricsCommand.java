package io.evalbatch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.definition.MetricsSpec;
import io.evalbatch.run.MetricsRecomputation;
import io.evalbatch.run.RunEnd;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "metrics",
        description = {
                "Derive the metrics of a finished run again from its stored results, without scoring "
                        + "anything: after changing the metrics wanted, or to check them. Running it again "
                        + "gives the same rows.",
                "With --job, the metrics section of that job definition replaces the run's (pass-at-k, "
                        + "mean, score, exact-match, maj-at-k, bootstrap, groups); the rest of the file is "
                        + "not used. Without it, the run's own metrics are derived again."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch metrics k3v9q2xz",
                "  evalbatch metrics k3v9q2xz --job jobs/humaneval-example.yaml --format json"})
final class MetricsCommand implements Callable<Integer> {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "Id of a finished run ('evalbatch runs' lists them).")
    String runId;

    @Option(names = "--job", paramLabel = "FILE", description = "Job definition whose metrics section to use.")
    Path job;

    @Mixin
    FormatOption format;

    MetricsCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        MetricsSpec metrics = job == null ? null : new JobDefinitions().read(job).metrics();
        try (ConfigurableApplicationContext context = contexts.open()) {
            RunEnd outcome = context.getBean(MetricsRecomputation.class).recompute(runId, metrics);
            return FinishedRunPrinter.print(context, outcome, format.format, spec.commandLine().getOut(),
                    spec.commandLine().getErr(), "evalbatch metrics " + runId);
        }
    }
}
