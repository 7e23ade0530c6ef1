package io.evalbatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.evalbatch.error.ExitCodes;
import io.evalbatch.step.RunStore;
import io.evalbatch.step.UnknownRunException;
import io.evalbatch.web.HtmlReport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report",
        description = {"Write a run as one self-contained HTML file: the run page of 'evalbatch serve' (metrics with "
                + "charts, outcomes per task, durations, seconds per step, invalid lines, definition), the compare "
                + "page with --compare, and the samples of each task that did not pass (at most 25 per task, each "
                + "cut at 2,000 characters, with a note of how many are left out).",
                "Style and charts are inline and there is no script: it opens from disk, offline, for sharing in a "
                        + "pull request or a chat. Model output in it is escaped."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch report k3v9q2xz -o report.html", "  evalbatch report k3v9q2xz --compare p8m2c4ra -o ab.html"})
final class ReportCommand implements Callable<Integer> {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run.")
    String runId;

    @Option(names = "--compare", paramLabel = "OTHER", description = "A run to compare it with, document by document.")
    String other;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "report.html",
            description = "The file to write (default: ${DEFAULT-VALUE}).")
    Path output;

    ReportCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = contexts.open()) {
            RunStore runs = context.getBean(RunStore.class);
            for (String run : other == null ? new String[] {runId} : new String[] {runId, other}) {
                if (!runs.exists(run)) {
                    throw new UnknownRunException(run);
                }
            }
            String html = context.getBean(HtmlReport.class).render(runId, other);
            try {
                if (output.getParent() != null) {
                    Files.createDirectories(output.getParent());
                }
                Files.writeString(output, html, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
            }
            spec.commandLine().getErr().println("evalbatch: wrote " + output + " (" + html.length() / 1024 + " KB)");
            return ExitCodes.OK;
        }
    }
}
