package io.evalbatch.cli;

import io.evalbatch.report.RunListings;

import java.util.List;
import java.util.concurrent.Callable;

import io.evalbatch.error.ExitCodes;
import io.evalbatch.metrics.MetricDifference;
import io.evalbatch.metrics.RunComparison;
import io.evalbatch.report.ComparisonReport;
import io.evalbatch.step.RunStore;
import io.evalbatch.step.UnknownRunException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare",
        description = {
                "Compare two runs metric by metric over the documents both have (same task, same document "
                        + "id): the mean of each, the difference a - b, its paired standard error (standard "
                        + "deviation of the per-document differences over sqrt of their number) and a 95%% "
                        + "bootstrap interval of the difference.",
                "Compare runs of the same problems, such as two models or two prompts; metrics only one "
                        + "run has are left out. A run may be named by its label (run --label, label: in the job): "
                        + "the newest completed run with that label."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch compare k3v9q2xz p8m2c4ra", "  evalbatch compare k3v9q2xz p8m2c4ra --format csv",
                "  evalbatch compare gpt-4 claude-3"})
final class CompareCommand implements Callable<Integer> {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "Id or label of the first run.")
    String runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "Id or label of the run to compare it with.")
    String runB;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000",
            description = "Bootstrap resamples for the interval; 0 for none (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1234",
            description = "Seed of the bootstrap; the same seed gives the same interval (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    FormatOption format;

    CompareCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        if (iterations < 0 || iterations > 1_000_000) {
            throw new ParameterException(spec.commandLine(),
                    "--bootstrap must be from 0 to 1000000, not " + iterations);
        }
        try (ConfigurableApplicationContext context = contexts.open()) {
            RunStore runs = context.getBean(RunStore.class);
            RunListings listings = context.getBean(RunListings.class);
            String a = resolve(runs, listings, runA);
            String b = resolve(runs, listings, runB);
            List<MetricDifference> rows = context.getBean(RunComparison.class).compare(a, b, iterations, seed);
            new ComparisonReport().print(spec.commandLine().getOut(), format.format, a, b, rows);
            return ExitCodes.OK;
        }
    }

    /** A run id as it is, or a label as the newest completed run carrying it; a run id wins over a label. */
    private String resolve(RunStore runs, RunListings listings, String runOrLabel) {
        if (runs.exists(runOrLabel)) {
            return runOrLabel;
        }
        String run = listings.latestCompletedWithLabel(runOrLabel)
                .orElseThrow(() -> UnknownRunException.idOrLabel(runOrLabel));
        spec.commandLine().getErr().println("evalbatch: '" + runOrLabel + "' is run " + run
                + ", the newest completed run with that label");
        return run;
    }
}
