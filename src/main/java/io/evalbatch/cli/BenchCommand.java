package io.evalbatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

import io.evalbatch.bench.MetricsBenchmark;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench",
        description = {"Measure evalbatch on synthetic data in the configured database and print the figures as "
                + "a Markdown section; --append adds it to a file such as bench/RESULTS.md. What a benchmark "
                + "creates is deleted afterwards."},
        subcommands = BenchCommand.Metrics.class)
final class BenchCommand implements Runnable {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    BenchCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing benchmark (metrics)");
    }

    @Command(name = "metrics",
            description = {"Time the metrics of a finished run of DOCUMENTS × REPEATS stored results (pass@1, "
                    + "pass@5, pass@10 and mean, with closed-form and bootstrap errors), derived as "
                    + "'evalbatch metrics' derives them."},
            footerHeading = "%nExample:%n",
            footer = "  evalbatch bench metrics --documents 10000 --repeats 100 --append bench/RESULTS.md")
    static final class Metrics implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--documents", defaultValue = "10000", paramLabel = "N",
                description = "Documents (default: ${DEFAULT-VALUE}).")
        int documents;

        @Option(names = "--repeats", defaultValue = "100", paramLabel = "N",
                description = "Samples per document, at least 10 (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--append", paramLabel = "FILE", description = "Also append the section to this file.")
        Path append;

        @Option(names = "--keep", description = "Keep the synthetic run instead of deleting it, to query it.")
        boolean keep;

        @Override
        public Integer call() throws IOException {
            if (documents < 1 || repeats < 10 || (long) documents * repeats > 100_000_000L) {
                throw new ParameterException(spec.commandLine(),
                        "--documents must be positive, --repeats at least 10 (pass@10), and their product at most 100,000,000");
            }
            ApplicationContexts contexts = ((BenchCommand) spec.parent().userObject()).contexts;
            String command = "evalbatch bench metrics --documents " + documents + " --repeats " + repeats;
            try (ConfigurableApplicationContext context = contexts.open()) {
                String section = context.getBean(MetricsBenchmark.class).run(documents, repeats, keep, command);
                spec.commandLine().getOut().print(section);
                spec.commandLine().getOut().flush();
                if (append != null) {
                    Files.writeString(append, "\n" + section, StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            }
            return ExitCodes.OK;
        }
    }
}
