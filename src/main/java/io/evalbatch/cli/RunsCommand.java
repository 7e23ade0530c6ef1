package io.evalbatch.cli;

import io.evalbatch.report.RunListings;

import java.util.concurrent.Callable;

import io.evalbatch.error.ExitCodes;
import io.evalbatch.report.RunOverview;
import io.evalbatch.report.RunsReport;
import io.evalbatch.step.RunStore;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "runs",
        description = "List runs, oldest first: id, job, label (when a run has one), status of the latest "
                + "execution, samples scored out of all samples, input lines skipped as invalid (when a run has "
                + "some), start and end time, input files, and why a run failed (when one did).",
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch runs", "  evalbatch runs --format json", "  evalbatch runs --job nightly-humaneval"})
final class RunsCommand implements Callable<Integer> {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Option(names = "--job", paramLabel = "NAME", description = "Only the runs of this job: its history.")
    String job;

    @Mixin
    FormatOption format;

    RunsCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = contexts.open()) {
            RunStore runs = context.getBean(RunStore.class);
            RunListings listings = context.getBean(RunListings.class);
            var listed = job == null ? listings.overviews() : listings.overviews(job);
            if (job != null && listed.isEmpty() && format.format == io.evalbatch.report.OutputFormat.table) {
                var jobs = listings.overviews().stream().map(io.evalbatch.report.RunOverview::job).distinct().sorted().toList();
                spec.commandLine().getOut().println(jobs.isEmpty() ? "No runs yet. Start one with: evalbatch run <job.yaml>"
                        : "No run of job '" + job + "'. Jobs with runs: " + String.join(", ", jobs));
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
            new RunsReport().print(spec.commandLine().getOut(), format.format, listed);
            return ExitCodes.OK;
        }
    }
}
