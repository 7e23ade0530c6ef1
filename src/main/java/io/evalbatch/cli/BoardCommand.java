package io.evalbatch.cli;

import java.util.concurrent.Callable;

import io.evalbatch.board.Board;
import io.evalbatch.board.Leaderboard;
import io.evalbatch.error.ExitCodes;
import io.evalbatch.report.BoardFormat;
import io.evalbatch.report.BoardReport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "board",
        description = {
                "The leaderboard: one row per model (run label; a run without a label is a row of its own), one "
                        + "column per task (and group), each cell the metric of the model's latest completed run "
                        + "with that task, ± its standard error, and a mean over the tasks when there are several.",
                "The best cell of each column is marked, and so are the cells within noise of it: the 95%% "
                        + "interval of the difference to the best holds 0. The difference is paired over the "
                        + "documents, as compare computes it, where both runs scored the same documents.",
                "Label runs with run --label (or label: in the job) to make them a model's row."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch board", "  evalbatch board --job humaneval-example",
                "  evalbatch board --metric pass@10 --sort humaneval --format markdown > board.md"})
final class BoardCommand implements Callable<Integer> {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Option(names = "--job", paramLabel = "NAME", description = "Only the runs of this job.")
    String job;

    @Option(names = "--metric", paramLabel = "METRIC",
            description = "The metric in the cells (default: the first metric of the latest completed run, "
                    + "pass@1 say).")
    String metric;

    @Option(names = "--sort", paramLabel = "COLUMN",
            description = "Sort by this task, by mean, or by model name; best first (default: mean where there "
                    + "is one, else the first task).")
    String sort;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); markdown pastes "
                    + "into a paper or a pull request.")
    BoardFormat format;

    BoardCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = contexts.open()) {
            Leaderboard leaderboard = context.getBean(Leaderboard.class);
            Board board;
            try {
                board = leaderboard.board(job, metric, sort);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (metric != null && !board.metrics().contains(metric)) {
                throw new ParameterException(spec.commandLine(), "no completed run" + (job == null ? "" : " of job '"
                        + job + "'") + " has metric '" + metric + "'" + (board.metrics().isEmpty() ? ""
                        : "; metrics there: " + String.join(", ", board.metrics())));
            }
            new BoardReport().print(spec.commandLine().getOut(), format, board);
            return ExitCodes.OK;
        }
    }
}
