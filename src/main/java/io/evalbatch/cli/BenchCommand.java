package io.evalbatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.evalbatch.bench.DistributedBenchmark;
import io.evalbatch.bench.JudgeBenchmark;
import io.evalbatch.bench.FloorBenchmark;
import io.evalbatch.bench.MetricsBenchmark;
import io.evalbatch.bench.PipelineBenchmark;
import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.error.ExitCodes;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench",
        description = {"Measure evalbatch on synthetic data in the configured database and print the figures as "
                + "a Markdown section; --append adds it to a file such as bench/history/RESULTS.md. What a benchmark "
                + "creates is deleted afterwards."},
        subcommands = {BenchCommand.Pipeline.class, BenchCommand.Floor.class, BenchCommand.Metrics.class,
                BenchCommand.Distributed.class, BenchCommand.Judge.class},
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch bench pipeline --samples 10000,100000,1000000 --chunk 500 --append bench/history/RESULTS.md",
                "  evalbatch bench floor --samples 100000,1000000",
                "  evalbatch bench metrics --documents 10000 --repeats 100",
                "  evalbatch bench distributed --workers 0,1,2",
                "  evalbatch bench judge --judgments 1200 --per-minute 600 --latency-ms 1000",
                "'evalbatch bench COMMAND --help' explains a benchmark."})
final class BenchCommand implements Runnable {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    BenchCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing benchmark (pipeline, floor, metrics, distributed or "
                + "judge)");
    }

    /** The sizes of the benchmarks that run whole evaluations of synthetic logs. */
    private static void checkSizes(CommandSpec spec, List<Long> samples, List<Integer> partitions,
                                   List<Integer> threads, List<Integer> chunks, int latencyMs) {
        if (samples.stream().anyMatch(n -> n < 10 || n % 10 != 0 || n > 100_000_000L)
                || partitions.stream().anyMatch(p -> p < 1 || p > JobDefinitions.MAX_PARTITIONS)
                || threads.stream().anyMatch(t -> t < 1) || chunks.stream().anyMatch(c -> c < 1) || latencyMs < 0) {
            throw new ParameterException(spec.commandLine(), "--samples must be multiples of 10 up to 100,000,000, "
                    + "--partitions from 1 to " + JobDefinitions.MAX_PARTITIONS
                    + ", --threads and --chunk positive, --latency-ms not negative");
        }
    }

    /** Runs a benchmark with the application and a scratch directory for its logs, and prints its section. */
    private static int withSyntheticLogs(CommandSpec spec, BenchOutput output,
            java.util.function.BiFunction<ConfigurableApplicationContext, Path, String> benchmark) throws IOException {
        ApplicationContexts contexts = ((BenchCommand) spec.parent().userObject()).contexts;
        Path work = Files.createTempDirectory("evalbatch-bench-");
        try (ConfigurableApplicationContext context = contexts.open()) {
            output.print(spec.commandLine().getOut(), benchmark.apply(context, work));
        } finally {
            Files.deleteIfExists(work);
        }
        return ExitCodes.OK;
    }

    /** A benchmark that starts evalbatch processes, which leave their files in its scratch directory. */
    private interface ProcessBenchmark {
        String run(ConfigurableApplicationContext context, Path work) throws Exception;
    }

    /** Runs such a benchmark, prints its section, and removes the scratch directory and all in it. */
    private static int withProcesses(CommandSpec spec, BenchOutput output, ProcessBenchmark benchmark)
            throws Exception {
        ApplicationContexts contexts = ((BenchCommand) spec.parent().userObject()).contexts;
        Path work = Files.createTempDirectory("evalbatch-bench-");
        try (ConfigurableApplicationContext context = contexts.open()) {
            output.print(spec.commandLine().getOut(), benchmark.run(context, work));
        } finally {
            try (var left = Files.list(work)) {
                for (Path file : left.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(work);
        }
        return ExitCodes.OK;
    }

    @Command(name = "pipeline",
            description = {"Run whole evaluations of synthetic lm-eval logs (10 samples per document) with the test "
                    + "filter and report each step's seconds, samples per second, peak heap and peak RSS: one row per "
                    + "combination of the values given. With --latency-ms 0 this is evalbatch's own overhead; with a "
                    + "latency, the scaling of a slow scorer against the ideal min(threads, partitions × chunk) / latency."},
            footerHeading = "%nExamples:%n",
            footer = {"  evalbatch bench pipeline --samples 10000,100000,1000000 --append bench/history/RESULTS.md",
                    "  evalbatch bench pipeline --samples 20000 --latency-ms 20 --threads 1,4,16,64 --partitions 16 --chunk 50",
                    "  evalbatch bench pipeline --samples 100000 --partitions 1,4,16 --chunk 10,100,1000"})
    static final class Pipeline implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--samples", split = ",", defaultValue = "10000", paramLabel = "N[,N...]",
                description = "Samples per run, multiples of 10 (default: ${DEFAULT-VALUE}).")
        List<Long> samples;

        @Option(names = "--partitions", split = ",", defaultValue = "4", paramLabel = "N[,N...]",
                description = "Partitions (default: ${DEFAULT-VALUE}).")
        List<Integer> partitions;

        @Option(names = "--threads", split = ",", paramLabel = "N[,N...]",
                description = "Scoring threads (default: the number of cores).")
        List<Integer> threads;

        @Option(names = "--chunk", split = ",", defaultValue = "100", paramLabel = "N[,N...]",
                description = "Samples per commit (default: ${DEFAULT-VALUE}).")
        List<Integer> chunks;

        @Option(names = "--latency-ms", defaultValue = "0", paramLabel = "MS",
                description = "Sleep per sample in the filter (default: ${DEFAULT-VALUE}).")
        int latencyMs;

        @Option(names = "--title", defaultValue = "Pipeline", paramLabel = "TEXT",
                description = "Heading of the section (default: ${DEFAULT-VALUE}).")
        String title;

        @Mixin
        BenchOutput output;

        @Override
        public Integer call() throws IOException {
            List<Integer> threadCounts = threads == null ? List.of(Runtime.getRuntime().availableProcessors()) : threads;
            checkSizes(spec, samples, partitions, threadCounts, chunks, latencyMs);
            List<PipelineBenchmark.Case> cases = new ArrayList<>();
            for (long n : samples) {
                for (int p : partitions) {
                    for (int t : threadCounts) {
                        for (int c : chunks) {
                            cases.add(new PipelineBenchmark.Case(n, p, t, c, latencyMs));
                        }
                    }
                }
            }
            return withSyntheticLogs(spec, output, (context, work) ->
                    context.getBean(PipelineBenchmark.class).run(title, cases, commandLine(threadCounts), work));
        }

        private String commandLine(List<Integer> threadCounts) {
            return "evalbatch bench pipeline --samples " + join(samples) + " --partitions " + join(partitions)
                    + " --threads " + join(threadCounts) + " --chunk " + join(chunks) + " --latency-ms " + latencyMs;
        }

        private static String join(List<? extends Number> values) {
            return String.join(",", values.stream().map(String::valueOf).toList());
        }
    }

    @Command(name = "floor",
            description = {"Compare a whole evaluation with what the database itself needs for it: per size, a run "
                    + "of a synthetic lm-eval log (10 samples per document, the test filter, no latency), then the "
                    + "same sample and result rows COPYed into the same tables and the per-document and per-task "
                    + "aggregates inserted by one statement each. Prints both times, their ratio, peak heap and RSS."},
            footerHeading = "%nExamples:%n",
            footer = {"  evalbatch bench floor --samples 100000,1000000 --append bench/history/RESULTS.md",
                    "  evalbatch bench floor --samples 1000000 --chunk 5000"})
    static final class Floor implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--samples", split = ",", defaultValue = "100000", paramLabel = "N[,N...]",
                description = "Samples per run, multiples of 10 (default: ${DEFAULT-VALUE}).")
        List<Long> samples;

        @Option(names = "--partitions", defaultValue = "4", paramLabel = "N",
                description = "Partitions of the run (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--threads", paramLabel = "N", description = "Scoring threads (default: the number of cores).")
        Integer threads;

        @Option(names = "--chunk", defaultValue = "1000", paramLabel = "N",
                description = "Samples per commit of the run (default: ${DEFAULT-VALUE}).")
        int chunk;

        @Mixin
        BenchOutput output;

        @Override
        public Integer call() throws IOException {
            int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            checkSizes(spec, samples, List.of(partitions), List.of(threadCount), List.of(chunk), 0);
            List<PipelineBenchmark.Case> cases = samples.stream()
                    .map(n -> new PipelineBenchmark.Case(n, partitions, threadCount, chunk, 0)).toList();
            String command = "evalbatch bench floor --samples " + String.join(",", samples.stream().map(String::valueOf).toList())
                    + " --partitions " + partitions + " --threads " + threadCount + " --chunk " + chunk;
            return withSyntheticLogs(spec, output, (context, work) ->
                    context.getBean(FloorBenchmark.class).run(cases, command, work));
        }
    }

    @Command(name = "metrics",
            description = {"Time the metrics of a finished run of DOCUMENTS × REPEATS stored results (pass@1, "
                    + "pass@5, pass@10 and mean, with closed-form and bootstrap errors), derived as "
                    + "'evalbatch metrics' derives them."},
            footerHeading = "%nExample:%n",
            footer = "  evalbatch bench metrics --documents 10000 --repeats 100 --append bench/history/RESULTS.md")
    static final class Metrics implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--documents", defaultValue = "10000", paramLabel = "N",
                description = "Documents (default: ${DEFAULT-VALUE}).")
        int documents;

        @Option(names = "--repeats", defaultValue = "100", paramLabel = "N",
                description = "Samples per document, at least 10 (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Mixin
        BenchOutput output;

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
                output.print(spec.commandLine().getOut(),
                        context.getBean(MetricsBenchmark.class).run(documents, repeats, keep, command));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "distributed",
            description = {"Score one run of a latency-bound filter (the test filter sleeping --latency-ms per sample) "
                    + "with 0 workers (the run scores its partitions itself), then 1, 2, ... 'evalbatch worker' "
                    + "processes, each with --threads threads, and report simulate's throughput and its ratio to "
                    + "one worker. The run and every worker are JVMs of their own on this database and a queue "
                    + "of their own."},
            footerHeading = "%nExample:%n",
            footer = "  evalbatch bench distributed --samples 4000 --latency-ms 50 --threads 4 --workers 0,1,2 "
                    + "--append bench/history/RESULTS.md")
    static final class Distributed implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--samples", defaultValue = "4000", paramLabel = "N",
                description = "Samples in the run, a multiple of 10 (default: ${DEFAULT-VALUE}).")
        long samples;

        @Option(names = "--latency-ms", defaultValue = "50", paramLabel = "MS",
                description = "Sleep per sample in the filter (default: ${DEFAULT-VALUE}).")
        int latencyMs;

        @Option(names = "--threads", defaultValue = "4", paramLabel = "N",
                description = "Scoring threads of each worker and of the run scoring itself (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--partitions", defaultValue = "8", paramLabel = "N",
                description = "Partitions of the run (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--chunk", defaultValue = "20", paramLabel = "N",
                description = "Samples per commit (default: ${DEFAULT-VALUE}).")
        int chunk;

        @Option(names = "--workers", split = ",", defaultValue = "0,1,2", paramLabel = "N[,N...]",
                description = "Worker counts to measure, 0 for the run alone (default: ${DEFAULT-VALUE}).")
        List<Integer> workers;

        @Mixin
        BenchOutput output;

        @Override
        public Integer call() throws Exception {
            if (samples < 10 || samples % 10 != 0 || latencyMs < 1 || threads < 1 || chunk < 1 || partitions < 1
                    || partitions > JobDefinitions.MAX_PARTITIONS || workers.stream().anyMatch(w -> w < 0 || w > 64)) {
                throw new ParameterException(spec.commandLine(), "--samples must be a positive multiple of 10, "
                        + "--latency-ms, --threads and --chunk positive, --partitions from 1 to "
                        + JobDefinitions.MAX_PARTITIONS + ", --workers from 0 to 64");
            }
            String command = "evalbatch bench distributed --samples " + samples + " --latency-ms " + latencyMs
                    + " --threads " + threads + " --partitions " + partitions + " --chunk " + chunk + " --workers "
                    + String.join(",", workers.stream().map(String::valueOf).toList());
            return withProcesses(spec, output, (context, work) -> context.getBean(DistributedBenchmark.class).run(
                    new DistributedBenchmark.Settings(samples, latencyMs, threads, partitions, chunk, workers,
                            EvalbatchMain.class.getName()), command, work));
        }
    }

    @Command(name = "judge",
            description = {"Run the judge filter against a local endpoint with a fixed latency and a strict limit "
                    + "per minute, alternating with a plain pool of as many threads firing as fast as it can "
                    + "(FastChat's --parallel): judgments per minute against the limit, and the 429s each provokes. "
                    + "Then the peak memory of judge runs of growing size against an endpoint without latency or "
                    + "limit. Each evalbatch run is a process of its own."},
            footerHeading = "%nExample:%n",
            footer = "  evalbatch bench judge --judgments 1200 --per-minute 600 --latency-ms 1000 --memory 10000,100000")
    static final class Judge implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--judgments", defaultValue = "1200", paramLabel = "N",
                description = "Judgments per side and round, a multiple of 10 (default: ${DEFAULT-VALUE}).")
        int judgments;

        @Option(names = "--per-minute", defaultValue = "600", paramLabel = "N",
                description = "The endpoint's limit of requests in any 60 s (default: ${DEFAULT-VALUE}).")
        int perMinute;

        @Option(names = "--latency-ms", defaultValue = "1000", paramLabel = "MS",
                description = "The endpoint's time to answer a judgment (default: ${DEFAULT-VALUE}).")
        int latencyMs;

        @Option(names = "--threads", defaultValue = "16", paramLabel = "N",
                description = "Threads of both sides, as jobs/mt-bench.yaml sets them (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--rounds", defaultValue = "2", paramLabel = "N",
                description = "Rounds of evalbatch, then the plain pool; 0 measures memory only (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--memory", split = ",", defaultValue = "10000,100000", paramLabel = "N[,N...]",
                description = "Judgments of the runs whose memory is measured, multiples of 10; 0 for none "
                        + "(default: ${DEFAULT-VALUE}).")
        List<Integer> memory;

        @Mixin
        BenchOutput output;

        @Override
        public Integer call() throws Exception {
            memory = memory.stream().filter(n -> n != 0).toList();
            if (judgments < 10 || judgments % 10 != 0 || perMinute < 1 || latencyMs < 0 || threads < 1 || rounds < 0
                    || memory.stream().anyMatch(n -> n < 10 || n % 10 != 0)) {
                throw new ParameterException(spec.commandLine(), "--judgments and --memory must be positive multiples "
                        + "of 10 (--memory 0: none), --per-minute and --threads positive, --rounds and --latency-ms "
                        + "not negative");
            }
            String command = "evalbatch bench judge --judgments " + judgments + " --per-minute " + perMinute
                    + " --latency-ms " + latencyMs + " --threads " + threads + " --rounds " + rounds + " --memory "
                    + String.join(",", memory.stream().map(String::valueOf).toList());
            return withProcesses(spec, output, (context, work) -> context.getBean(JudgeBenchmark.class).run(
                    new JudgeBenchmark.Settings(judgments, latencyMs, perMinute, threads, rounds, memory,
                            EvalbatchMain.class.getName()), command, work));
        }
    }
}
