package io.evalbatch.cli;

import io.evalbatch.report.RunListings;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.error.ExitCodes;
import io.evalbatch.filter.FilterCatalog;
import io.evalbatch.report.OutputFormat;
import io.evalbatch.report.SampleDetail;
import io.evalbatch.report.TerminalText;
import io.evalbatch.step.RunStore;
import io.evalbatch.step.UnknownRunException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "show",
        description = {"Show one sample of a run: where it came from, how it was scored (outcome, score, answer, the "
                + "full detail, fields, wall and CPU time), the response, and the exact program or request the run's "
                + "filter ran for it. The sample is given by its id ('results --samples' lists them) or by task, "
                + "document and repeat."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch show k3v9q2xz 39", "  evalbatch show k3v9q2xz gpt4_final_500c_long HumanEval/39",
                "  evalbatch show k3v9q2xz humaneval HumanEval/0 3 --format json"})
final class ShowCommand implements Callable<Integer> {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run.")
    String runId;

    @Parameters(index = "1..*", arity = "1..3", paramLabel = "SAMPLE",
            description = "SAMPLE_ID, or TASK DOC [REPEAT] (repeat 0 when left out).")
    java.util.List<String> sample;

    @Mixin
    FormatOption format;

    ShowCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        Long sampleId = null;
        String task = null;
        String doc = null;
        int repeat = 0;
        if (sample.size() == 1) {
            try {
                sampleId = Long.parseLong(sample.get(0));
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "give a sample id (a number) or TASK DOC [REPEAT]");
            }
        } else {
            task = sample.get(0);
            doc = sample.get(1);
            if (sample.size() == 3) {
                try {
                    repeat = Integer.parseInt(sample.get(2));
                } catch (NumberFormatException e) {
                    throw new ParameterException(spec.commandLine(), "REPEAT must be a number, not " + sample.get(2));
                }
            }
        }
        try (ConfigurableApplicationContext context = contexts.open()) {
            RunStore runs = context.getBean(RunStore.class);
            RunListings listings = context.getBean(RunListings.class);
            listings.overview(runId).orElseThrow(() -> new UnknownRunException(runId));
            String asked = sampleId != null ? "sample " + sampleId : task + " " + doc + " repeat " + repeat;
            SampleDetail detail = listings.sampleDetail(runId, sampleId, task, doc, repeat).orElseThrow(
                    () -> new io.evalbatch.run.RunRefusedException("Run " + runId + " has no " + asked
                            + " ('evalbatch results " + runId + " --samples' lists its samples)"));
            JobDefinition definition = runs.definition(runId);
            String program;
            try {
                program = context.getBean(FilterCatalog.class).program(definition.filter(), detail.sample()).orElse(null);
            } catch (RuntimeException e) {
                program = null;
            }
            if (format.format == OutputFormat.json) {
                printJson(spec.commandLine().getOut(), definition, detail, program);
            } else {
                print(spec.commandLine().getOut(), definition, detail, program);
            }
            return ExitCodes.OK;
        }
    }

    private void print(PrintWriter out, JobDefinition definition, SampleDetail d, String program) {
        var s = d.sample();
        out.println("run " + runId + ", sample " + s.sampleId() + ": task " + s.task() + ", document " + s.docId()
                + ", repeat " + s.repeatIndex());
        out.println("input:    " + s.sourceFile() + ":" + s.sourceLine());
        if (d.outcome() == null) {
            out.println("outcome:  not scored yet");
        } else {
            out.println("outcome:  " + d.outcome() + ", score " + d.score()
                    + (d.reusedFrom() == null ? "" : ", reused from run " + d.reusedFrom()));
            out.println("time:     " + d.durationMs() + " ms" + (d.cpuMs() == null ? ""
                    : ", " + d.cpuMs() + " ms of CPU of " + d.cpuLimitMs() + " ms allowed")
                    + (Boolean.TRUE.equals(d.nearLimit()) ? " (near the limit)" : ""));
            if (d.answer() != null) {
                out.println("answer:   " + TerminalText.safe(d.answer()));
            }
            out.println("detail:   " + TerminalText.safe(d.detail()));
            if (d.fields() != null) {
                out.println("fields:   " + TerminalText.safe(d.fields()));
            }
        }
        section(out, "response", s.response());
        if (program != null) {
            String filter = definition.filter().name();
            section(out, switch (filter) {
                case "python" -> "program (as the python filter ran it)";
                case "program" -> "program (as the program filter built it; the completion token is added after its tests)";
                default -> "request (as the " + filter + " filter sent it)";
            }, program);
        } else {
            section(out, "target", s.test());
        }
        out.flush();
    }

    private static void section(PrintWriter out, String title, String text) {
        out.println();
        out.println("--- " + title + " ---");
        out.println(TerminalText.safe(text));
    }

    private void printJson(PrintWriter out, JobDefinition definition, SampleDetail d, String program) {
        JsonMapper json = JsonMapper.builder().build();
        var s = d.sample();
        ObjectNode root = json.createObjectNode();
        root.put("run", runId);
        root.put("sample", s.sampleId());
        root.put("task", s.task());
        root.put("doc", s.docId());
        root.put("repeat", s.repeatIndex());
        root.put("file", s.sourceFile());
        root.put("line", s.sourceLine());
        root.put("outcome", d.outcome());
        root.put("score", d.score());
        root.put("answer", d.answer());
        root.put("detail", d.detail());
        root.put("ms", d.durationMs());
        root.put("cpu_ms", d.cpuMs());
        root.put("cpu_limit_ms", d.cpuLimitMs());
        root.put("near_limit", d.nearLimit());
        root.set("fields", d.fields() == null ? null : json.readTree(d.fields()));
        root.put("reused_from", d.reusedFrom());
        root.put("prompt", s.prompt());
        root.put("response", s.response());
        root.put("test", s.test());
        root.put("filter", definition.filter().name());
        root.put("program", program);
        out.println(json.writeValueAsString(root));
        out.flush();
    }
}
