package io.evalbatch.cli;

import java.io.PrintWriter;
import java.util.List;

import io.evalbatch.cost.RunSpend;
import io.evalbatch.definition.InputFormat;
import io.evalbatch.definition.InputSpec;
import io.evalbatch.error.ExitCodes;
import io.evalbatch.ingest.InvalidInputLine;
import io.evalbatch.metrics.MetricStore;
import io.evalbatch.report.MetricsReport;
import io.evalbatch.report.NearLimitCount;
import io.evalbatch.report.NearLimitSentence;
import io.evalbatch.report.OutputFormat;
import io.evalbatch.report.RunListings;
import io.evalbatch.report.RunReport;
import io.evalbatch.run.RunEnd;
import io.evalbatch.step.RunStore;
import io.evalbatch.tally.Tallies;
import org.springframework.context.ApplicationContext;

/** What {@code run}, {@code restart} and {@code metrics} print once their job has ended, and their exit code. */
final class FinishedRunPrinter {

    private FinishedRunPrinter() {
    }

    static int print(ApplicationContext context, RunEnd outcome, OutputFormat format, PrintWriter out,
                     PrintWriter err) {
        return print(context, outcome, format, out, err, "evalbatch restart " + outcome.runId());
    }

    /** @param retry the command that continues after a failure */
    static int print(ApplicationContext context, RunEnd outcome, OutputFormat format, PrintWriter out,
                     PrintWriter err, String retry) {
        RunStore runs = context.getBean(RunStore.class);
        RunListings listings = context.getBean(RunListings.class);
        List<InvalidInputLine> invalid = listings.invalidLines(outcome.runId());
        List<NearLimitCount> nearLimit = listings.nearLimitCounts(outcome.runId());
        new MetricsReport().print(out, format, new RunReport(outcome.runId(), outcome.status(),
                context.getBean(MetricStore.class).metrics(outcome.runId()), outcome.failures(),
                listings.stepSeconds(outcome.runId()), invalid, nearLimit,
                context.getBean(RunSpend.class).byTask(outcome.runId(), runs.definition(outcome.runId()))));
        if (outcome.completed()) {
            // read from the run's tally, written by its last step, instead of counting its results again
            long reused = context.getBean(Tallies.class).reused(outcome.runId());
            err.println("run " + outcome.runId() + " completed" + (reused == 0 ? ""
                    : "; " + reused + " results reused from earlier runs (--no-cache computes every one)")
                    + (invalid.isEmpty() ? "" : "; " + invalid.size() + " invalid input line"
                    + (invalid.size() == 1 ? "" : "s") + " skipped ('evalbatch results " + outcome.runId()
                    + "' lists them)"));
            List<String> allInvalid = runs.tasksWithOnlyInvalidAnswers(outcome.runId(), "[invalid]");
            if (!allInvalid.isEmpty()) {
                InputSpec input = runs.definition(outcome.runId()).input();
                String hint = input.format() == InputFormat.LM_EVAL && !input.rawResponses()
                        ? " lm-eval logs hold the responses after lm-eval's filter (filtered_resps); "
                        + "input.responses: raw scores the model's own (resps)"
                        : " ('evalbatch show " + outcome.runId() + " SAMPLE' shows a response whole)";
                for (String task : allInvalid) {
                    err.println("task " + task + ": every extracted answer is [invalid]: the extract pattern matched "
                            + "no response." + hint);
                }
            }
            // The table on standard output already ends with it; CSV and JSON carry only the counts.
            String near = format == OutputFormat.table ? "" : NearLimitSentence.of(outcome.runId(), nearLimit);
            if (!near.isEmpty()) {
                err.println(near);
            }
            err.flush();
            return ExitCodes.OK;
        }
        if (outcome.status().equals("STOPPED") && !outcome.workerLost()) {
            err.println("run " + outcome.runId() + " STOPPED on request. Committed results are kept; continue with: "
                    + retry);
            err.flush();
            return ExitCodes.RUN_NOT_COMPLETED;
        }
        List<String> failures = outcome.failures();
        err.println("run " + outcome.runId() + " " + outcome.status()
                + (failures.isEmpty() ? "" : ": " + String.join("; ", failures)));
        err.println(outcome.workerLost()
                ? "Committed results are kept. Continue on the workers running now ('evalbatch workers' lists them) "
                        + "with: " + retry
                : "Committed results are kept. After fixing the cause, continue with: " + retry
                        + (retry.startsWith("evalbatch restart") ? " (add --job JOB.yaml when the fix is in the job "
                        + "file)" : ""));
        err.flush();
        return ExitCodes.RUN_NOT_COMPLETED;
    }
}
