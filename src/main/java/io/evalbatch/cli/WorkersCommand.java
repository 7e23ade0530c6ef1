package io.evalbatch.cli;

import java.util.concurrent.Callable;

import io.evalbatch.distribute.WorkerSettings;
import io.evalbatch.distribute.Workers;
import io.evalbatch.error.ExitCodes;
import io.evalbatch.report.WorkersReport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "workers",
        description = "List the workers of the queue (EVALBATCH_WORKER_QUEUE, default 'partitions'): host, pid, "
                + "threads, partitions at once, start time, whether it is live (heard from within "
                + "EVALBATCH_WORKER_TIMEOUT) and the partitions it is scoring, as RUN/PARTITION. Workers that "
                + "stopped, or have been silent for over an hour, are left out.",
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch workers", "  evalbatch workers --format json"})
final class WorkersCommand implements Callable<Integer> {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption format;

    WorkersCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = contexts.open()) {
            new WorkersReport().print(spec.commandLine().getOut(), format.format,
                    context.getBean(WorkerSettings.class).queue(), context.getBean(Workers.class).registered());
            return ExitCodes.OK;
        }
    }
}
