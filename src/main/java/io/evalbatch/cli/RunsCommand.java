package io.evalbatch.cli;

import java.util.concurrent.Callable;

import io.evalbatch.report.RunsReport;
import io.evalbatch.run.RunStore;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "runs",
        description = "List runs, oldest first: id, job, status of the latest execution, samples scored out of "
                + "all samples, start and end time, input files.",
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
            new RunsReport().print(spec.commandLine().getOut(), format.format,
                    job == null ? runs.overviews() : runs.overviews(job));
            return ExitCodes.OK;
        }
    }
}
