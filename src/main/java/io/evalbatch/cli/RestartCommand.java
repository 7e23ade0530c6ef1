package io.evalbatch.cli;

import java.util.concurrent.Callable;

import io.evalbatch.report.RunListings;
import io.evalbatch.run.RunEnd;
import io.evalbatch.run.RunService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "restart",
        description = {
                "Finish a run that failed, was stopped, or whose process was killed. Completed steps are "
                        + "skipped and every committed result is kept: only samples whose chunk had not "
                        + "committed are scored again.",
                "A run still marked as running is first checked: if its process has ended it is marked "
                        + "failed and continued; if the process is alive the restart is refused."},
        footerHeading = "%nExample:%n",
        footer = "  evalbatch restart k3v9q2xz")
final class RestartCommand implements Callable<Integer> {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "Id of the run to finish ('evalbatch runs' lists them).")
    String runId;

    @picocli.CommandLine.Option(names = "--job", paramLabel = "FILE",
            description = "A corrected job definition to continue with: a fixed filter (its command, directory, "
                    + "options), other metrics or execution settings; input settings only while nothing was "
                    + "ingested. Samples already scored keep their results.")
    java.nio.file.Path job;

    @Mixin
    MaxCostOption maxCost;

    @Mixin
    FormatOption format;

    RestartCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = contexts.open();
             StopOnSignal ignored = new StopOnSignal(context.getBean(RunService.class), spec.commandLine().getErr())) {
            boolean completed = context.getBean(RunListings.class).overview(runId)
                    .map(r -> r.status().equals("COMPLETED")).orElse(false);
            if (job != null) {
                var definition = new io.evalbatch.definition.JobDefinitions().read(job);
                for (String note : context.getBean(RunService.class).replaceDefinition(runId, definition)) {
                    spec.commandLine().getErr().println("run " + runId + ": " + note + " (from " + job + ")");
                }
                spec.commandLine().getErr().flush();
            }
            if (maxCost.given()) {
                RunService runs = context.getBean(RunService.class);
                var definition = maxCost.applyTo(runs.definition(runId), spec.commandLine());
                for (String note : runs.replaceDefinition(runId, definition)) {
                    spec.commandLine().getErr().println("run " + runId + ": " + note + " (--max-cost)");
                }
                spec.commandLine().getErr().flush();
            }
            RunEnd outcome = context.getBean(RunService.class).restart(runId);
            if (completed) {
                spec.commandLine().getErr().println("run " + runId + " had completed already: nothing was left to do "
                        + "('evalbatch metrics " + runId + "' derives its metrics again)");
            }
            return FinishedRunPrinter.print(context, outcome, format.format, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
    }
}
