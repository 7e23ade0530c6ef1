package io.evalbatch.cli;

import java.util.concurrent.Callable;

import io.evalbatch.distribute.PartitionWorker;
import io.evalbatch.error.ExitCodes;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "worker",
        description = {
                "Score the partitions of distributed runs ('run --distributed', or 'distributed: true' under a job's "
                        + "execution) until stopped. Start one per machine, all against the same database "
                        + "(EVALBATCH_DB_URL); each takes a waiting partition, scores it chunk by chunk on its own "
                        + "threads, and takes the next.",
                "A worker that dies is noticed by the run after EVALBATCH_WORKER_TIMEOUT (default 30s): its partition "
                        + "fails, the run ends FAILED naming it, and 'evalbatch restart' scores the rest on the "
                        + "workers then running.",
                "Ctrl-C or SIGTERM stops the worker once the chunks in flight have committed; the runs of its "
                        + "partitions end STOPPED and are continued by 'evalbatch restart'."},
        footerHeading = "%nExamples:%n",
        footer = {"  EVALBATCH_DB_URL=jdbc:postgresql://db:5432/evalbatch evalbatch worker",
                "  evalbatch worker --threads 16 --partitions 2"})
final class WorkerCommand implements Callable<Integer> {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N",
            description = "Samples scored at once by this worker, over all its partitions (default: the number of "
                    + "cores). Replaces the run's execution.threads.")
    Integer threads;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "1",
            description = "Partitions this worker scores at once (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Mixin
    MetricsPortOption metrics;

    WorkerCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() throws Exception {
        int scoringThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (scoringThreads < 1 || partitions < 1) {
            throw new ParameterException(spec.commandLine(), "--threads and --partitions must be positive");
        }
        try (ConfigurableApplicationContext context = contexts.open();
             AutoCloseable ignoredMetrics = metrics.start(context, spec.commandLine())) {
            PartitionWorker.Serving worker = context.getBean(PartitionWorker.class)
                    .serve(scoringThreads, partitions, spec.commandLine().getErr());
            try (StopOnSignal ignored = new StopOnSignal(worker::stop,
                    "stopping once the chunks in flight have committed",
                    "'evalbatch restart' continues the runs of its partitions", spec.commandLine().getErr())) {
                worker.awaitEnd();
            }
            return ExitCodes.OK;
        }
    }
}
