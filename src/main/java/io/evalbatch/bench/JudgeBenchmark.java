package io.evalbatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import io.evalbatch.report.RunListings;
import io.evalbatch.step.RunStore;
import org.springframework.stereotype.Component;

/**
 * The judge against a rate-limited endpoint: a local chat-completions server with a fixed latency
 * and a strict limit per minute. evalbatch's judge filter with its default settings (an evalbatch
 * process, as a user starts it) and, alternating with it, a plain pool of as many threads firing
 * as fast as it can (FastChat's {@code --parallel}), each on a fresh window of the limit: the
 * judgments per minute each gets out of the limit, and the 429s each provokes. Then the memory of
 * runs of growing size against an endpoint without latency or limit: the peak resident memory of
 * the evalbatch process, which stays flat when nothing grows with the judgments.
 */
@Component
public class JudgeBenchmark {

    /**
     * @param memorySizes judgments of the runs whose memory is measured
     * @param mainClass   the class that starts evalbatch, for the measured processes
     */
    public record Settings(int judgments, int latencyMs, int perMinute, int threads, int rounds,
                           List<Integer> memorySizes, String mainClass) {
    }

    private static final Duration PROCESS_LIMIT = Duration.ofMinutes(60);

    private final DataSource dataSource;
    private final RunStore runs;
    private final RunListings listings;
    private final MachineDescription machine;

    JudgeBenchmark(DataSource dataSource, RunStore runs, RunListings listings, MachineDescription machine) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.listings = listings;
        this.machine = machine;
    }

    public String run(Settings settings, String command, Path work) throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("### Judge against a rate limit — ").append(LocalDate.now()).append("\n\n");
        md.append("Machine: ").append(machine.describe()).append(".\n");
        md.append("Command: `").append(command).append("`.");
        if (settings.rounds() > 0) {
            rateLimited(settings, work, md);
        }
        if (!settings.memorySizes().isEmpty()) {
            memory(settings, work, md);
        }
        return md.toString();
    }

    private void rateLimited(Settings settings, Path work, StringBuilder md) throws Exception {
        md.append(" Endpoint: a local chat-completions server answering each "
                + "judgment after ").append(settings.latencyMs()).append(" ms, taking at most ")
                .append(settings.perMinute()).append(" requests in any 60 s (429 with Retry-After beyond, OpenAI's "
                        + "x-ratelimit headers on every answer). evalbatch: `filter: judge` with its default "
                        + "settings (no budget of its own), ").append(settings.threads()).append(" threads, 2 "
                        + "partitions, in its own process; judgments per minute over its simulate step. Plain pool: ")
                .append(settings.threads()).append(" threads sending the next judgment as soon as the last is "
                        + "answered, sleeping 10 s after a 429 (FastChat's `--parallel`); judgments per minute over "
                        + "its wall time. The sides alternate, each on a fresh window.\n\n");
        md.append("| round | side | judgments | seconds | judgments/min | of the limit | 429s | most requests in a minute |\n");
        md.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        try (LimitedEndpoint endpoint = new LimitedEndpoint(settings.latencyMs(), settings.perMinute())) {
            Path input = PipelineBenchmark.writeLog(work.resolve("samples_judge_bench.jsonl"), settings.judgments());
            for (int round = 1; round <= settings.rounds(); round++) {
                endpoint.reset();
                double seconds = evalbatch(endpoint, input, settings, work).simulateSeconds();
                md.append(row(round, "evalbatch judge", settings, seconds, endpoint));
                endpoint.reset();
                PlainPool.Outcome pool = PlainPool.judge(endpoint.baseUrl(), settings.judgments(), settings.threads());
                md.append(row(round, "plain pool", settings, pool.seconds(), endpoint));
            }
            Files.deleteIfExists(input);
        }
    }

    private void memory(Settings settings, Path work, StringBuilder md) throws Exception {
        md.append("\nMemory: the same judge with no latency and no limit, ").append(settings.threads())
                .append(" threads; peak resident memory of the evalbatch process (VmHWM).\n\n");
        md.append("| judgments | simulate | judgments/s | peak RSS |\n| ---: | ---: | ---: | ---: |\n");
        try (LimitedEndpoint endpoint = new LimitedEndpoint(0, 0)) {
            for (int judgments : settings.memorySizes()) {
                Path input = PipelineBenchmark.writeLog(work.resolve("samples_judge_memory.jsonl"), judgments);
                Measured measured = evalbatch(endpoint, input, settings, work);
                md.append(String.format(Locale.ROOT, "| %,d | %.1f s | %,.0f | %d MB |\n", judgments,
                        measured.simulateSeconds(), judgments / measured.simulateSeconds(), measured.peakRssMb()));
                Files.deleteIfExists(input);
            }
        }
    }

    private static String row(int round, String side, Settings settings, double seconds, LimitedEndpoint endpoint) {
        double perMinute = settings.judgments() / seconds * 60;
        return String.format(Locale.ROOT, "| %d | %s | %,d | %.1f | %.0f | %.1f %% | %d | %d |\n", round, side,
                settings.judgments(), seconds, perMinute, 100 * perMinute / settings.perMinute(), endpoint.refused(),
                endpoint.mostInAMinute());
    }

    private record Measured(double simulateSeconds, long peakRssMb) {
    }

    /** One run of the judge job in an evalbatch process of its own, and what it took. */
    private Measured evalbatch(LimitedEndpoint endpoint, Path input, Settings settings, Path work) throws Exception {
        String runId = "bench-judge-" + UUID.randomUUID().toString().substring(0, 8);
        Path job = Files.writeString(work.resolve(runId + ".yaml"), """
                name: bench-judge
                input: {format: lm-eval, files: ["%s"]}
                filter: {name: judge, preset: none, model: bench-judge, user: "Rate this response from 1 to 10 as [[n]]: {response}"}
                execution: {partitions: 2, threads: %d, cache: false}
                metrics: {pass-at-k: [], mean: false, score: true}
                """.formatted(input, settings.threads()));
        BenchProcesses processes = new BenchProcesses(work, dataSource, settings.mainClass(),
                Map.of("OPENAI_BASE_URL", endpoint.baseUrl(), "OPENAI_API_KEY", "sk-bench"));
        try {
            Process run = processes.start("run", job.toString(), "--id", runId, "--format", "json");
            long peakKb = 0;
            long deadline = System.nanoTime() + PROCESS_LIMIT.toNanos();
            while (!run.waitFor(200, TimeUnit.MILLISECONDS)) {
                peakKb = Math.max(peakKb, peakRssKb(run.pid()));
                if (System.nanoTime() > deadline) {
                    run.destroyForcibly();
                    throw new IllegalStateException("the benchmark run took too long; see " + processes.errOf(run));
                }
            }
            if (run.exitValue() != 0) {
                throw new IllegalStateException("the benchmark run did not complete; see " + processes.errOf(run));
            }
            return new Measured(listings.stepSeconds(runId).getOrDefault("simulate", 0.0), peakKb / 1024);
        } finally {
            runs.delete(runId);
            Files.deleteIfExists(job);
        }
    }

    /** The process's peak resident memory so far, from the kernel; 0 where it cannot be read. */
    private static long peakRssKb(long pid) {
        try (var lines = Files.lines(Path.of("/proc/" + pid + "/status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
