package io.evalbatch.cli;

import io.evalbatch.report.RunListings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import io.evalbatch.error.ExitCodes;
import io.evalbatch.report.RunOverview;
import io.evalbatch.run.RunRefusedException;
import io.evalbatch.step.RunStore;
import io.evalbatch.step.UnknownRunException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "delete",
        description = {"Delete runs with their samples, results and metrics. Asks first, unless --yes; a run "
                + "that is running is refused. Results other runs reused from a deleted run stay in those runs."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch delete k3v9q2xz", "  evalbatch delete k3v9q2xz a7hw2k9m --yes"})
final class DeleteCommand implements Callable<Integer> {

    /** Statuses of an execution that may still be going on. */
    private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "RUN_ID", description = "Runs to delete.")
    List<String> runIds;

    @Option(names = "--yes", description = "Delete without asking.")
    boolean yes;

    DeleteCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() throws IOException {
        if (!yes && System.console() == null) {
            throw new ParameterException(spec.commandLine(), "add --yes to delete without a terminal to confirm on");
        }
        try (ConfigurableApplicationContext context = contexts.open()) {
            RunStore runs = context.getBean(RunStore.class);
            RunListings listings = context.getBean(RunListings.class);
            List<RunOverview> found = new ArrayList<>();
            for (String id : runIds) {
                RunOverview run = listings.overview(id).orElseThrow(() -> new UnknownRunException(id));
                if (RUNNING.contains(run.status())) {
                    throw new RunRefusedException("Run " + id + " is " + run.status() + ": stop it first (or, if its "
                            + "process was killed, 'evalbatch restart " + id + "' recovers it)");
                }
                found.add(run);
            }
            if (!yes) {
                found.forEach(r -> spec.commandLine().getErr().println("  " + r.runId() + "  " + r.job() + "  "
                        + r.status() + "  " + r.results() + "/" + r.samples() + " samples"));
                spec.commandLine().getErr().print("Delete " + (found.size() == 1 ? "this run" : "these " + found.size()
                        + " runs") + " and everything stored with them? [y/N] ");
                spec.commandLine().getErr().flush();
                String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (answer == null || !answer.strip().equalsIgnoreCase("y") && !answer.strip().equalsIgnoreCase("yes")) {
                    spec.commandLine().getErr().println("Nothing deleted.");
                    return ExitCodes.OK;
                }
            }
            for (RunOverview run : found) {
                runs.delete(run.runId());
                spec.commandLine().getErr().println("deleted run " + run.runId() + " (" + run.samples() + " samples)");
            }
            spec.commandLine().getErr().flush();
            return ExitCodes.OK;
        }
    }
}
