package io.evalbatch.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.evalbatch.support.Requires;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example plugin of examples/traffic-light, as its README has a user build and run it:
 * evalbatch installed into the local Maven repository, the example built by Maven against that
 * artifact alone, its job run by the {@code ./evalbatch} launcher with {@code EVALBATCH_PLUGINS}.
 * The metrics are checked against the hand computation in the example's README. Then the errors
 * a plugin user meets, each a process of its own: a filter no plugin provides, a plugin built
 * against another plugin API, two plugins claiming one filter name, a plugin that throws.
 */
@Tag("slow")
class PluginExampleTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @TempDir
    static Path dir;

    private static Path plugin;

    /**
     * Installs evalbatch and builds the example. Maven here neither compiles evalbatch's classes
     * nor runs its tests: this test's own JVM runs from them.
     */
    @BeforeAll
    static void installEvalbatchAndBuildTheExample() throws Exception {
        Requires.root("the launcher's sandbox and embedded database run as in CI");
        run(ROOT, Map.of(), 0, "./mvnw", "-B", "-q", "install", "-Dmaven.main.skip=true", "-Dmaven.test.skip=true");
        Path example = dir.resolve("traffic-light");
        copy(ROOT.resolve("examples/traffic-light"), example);
        run(example, Map.of(), 0, ROOT.resolve("mvnw").toString(), "-B", "-q", "package");
        plugin = example.resolve("target/traffic-light-plugin-1.0.0.jar");
        assertThat(plugin).exists();
    }

    @Test
    void theExamplesJobRunsThroughTheLauncherAndGivesTheHandComputedMetrics() throws Exception {
        Process result = evalbatch(Map.of("EVALBATCH_PLUGINS", plugin.toString()), "run",
                dir.resolve("traffic-light/traffic-light.yaml").toString(), "--format", "json");
        String out = output(result, 0);
        Map<String, Double> metrics = metricsOf(out);
        // examples/traffic-light/README.md, "What it computes": every figure by hand.
        assertThat(metrics).containsEntry("pass@1", 0.5).containsEntry("cars_per_hour", 2475.0)
                .containsEntry("served:mean", 4125.0).containsEntry("left_waiting:mean", 375.0)
                .containsEntry("longest_queue:mean", 396.25).containsEntry("hours:mean", 1.5);
    }

    /**
     * docs/plugins.md's plugin, its pom, classes and job taken from the page's code blocks as
     * written: built with Maven, listed by {@code filters}, and its job scored.
     */
    @Test
    void theFifteenMinutePluginOfTheDocsBuildsAndScores() throws Exception {
        String page = Files.readString(ROOT.resolve("docs/plugins.md"));
        java.util.regex.Matcher blocks = java.util.regex.Pattern.compile("```(\\w+)\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(page);
        Map<String, List<String>> byLanguage = new java.util.HashMap<>();
        while (blocks.find()) {
            byLanguage.computeIfAbsent(blocks.group(1), l -> new ArrayList<>()).add(blocks.group(2));
        }
        Path project = dir.resolve("word-count");
        Path sources = Files.createDirectories(project.resolve("src/main/java/org/example/words"));
        Files.writeString(project.resolve("pom.xml"), byLanguage.get("xml").get(0));
        Files.writeString(sources.resolve("WordCountFilterProvider.java"), byLanguage.get("java").get(0));
        // The section on input formats: its class, and its bean added to the entry point as the page says.
        Files.writeString(sources.resolve("AnswerLines.java"), byLanguage.get("java").get(2));
        String entryPoint = byLanguage.get("java").get(1).strip();
        Files.writeString(sources.resolve("WordCountPlugin.java"), entryPoint.substring(0, entryPoint.length() - 1)
                + byLanguage.get("java").get(3) + "}\n");
        Path imports = project.resolve(
                "src/main/resources/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
        Files.createDirectories(imports.getParent());
        Files.writeString(imports, "org.example.words.WordCountPlugin\n");
        Files.writeString(project.resolve("short-answers.yaml"), byLanguage.get("yaml").get(0));
        String words31 = String.join(" ", java.util.Collections.nCopies(31, "word"));
        Files.writeString(project.resolve("samples_qa_2026-12-07T00-00-00.jsonl"), """
                {"doc_id": 0, "doc": {}, "target": "", "arguments": [], "resps": [["Paris is the capital of France."]], "filtered_resps": [["Paris is the capital of France."]], "filter": "none"}
                {"doc_id": 1, "doc": {}, "target": "", "arguments": [], "resps": [["%s"]], "filtered_resps": [["%s"]], "filter": "none"}
                """.formatted(words31, words31));
        run(project, Map.of(), 0, ROOT.resolve("mvnw").toString(), "-B", "-q", "package");
        Map<String, String> env = Map.of("EVALBATCH_PLUGINS", project.resolve("target/word-count-plugin-1.0.0.jar").toString());
        assertThat(output(evalbatch(env, "filters", "word-count"), 0))
                .startsWith("word-count: passes answers of at most max-words words");
        Map<String, Double> metrics = metricsOf(output(evalbatch(env, "run",
                project.resolve("short-answers.yaml").toString(), "--format", "json"), 0));
        // 6 words pass, 31 fail at max-words 30
        assertThat(metrics).containsEntry("mean", 0.5).containsEntry("words:mean", 18.5);

        Files.writeString(project.resolve("answer-lines.yaml"), byLanguage.get("yaml").get(1));
        Files.writeString(project.resolve("qa.txt"), "Paris is the capital of France.\n" + words31 + "\n");
        Map<String, Double> fromLines = metricsOf(output(evalbatch(env, "run",
                project.resolve("answer-lines.yaml").toString(), "--format", "json"), 0));
        assertThat(fromLines).containsEntry("mean", 0.5).containsEntry("words:mean", 18.5);
        Files.writeString(project.resolve("qa.txt"), "Paris is the capital of France.\n\n" + words31 + "\n");
        assertThat(output(evalbatch(env, "run", project.resolve("answer-lines.yaml").toString()), 1))
                .contains(project.resolve("qa.txt") + ":2: an empty answer");
    }

    @Test
    void aFilterThatNoPluginProvidesIsNamedWithWhereItWasLookedFor() throws Exception {
        Path job = exampleJob("unknown.yaml", yaml -> yaml.replace("name: traffic-light\n  cycle",
                "name: traffic-lights\n  cycle"));
        String err = output(evalbatch(Map.of("EVALBATCH_PLUGINS", plugin.toString()), "check", job.toString()), 3);
        assertThat(err).contains("unknown filter 'traffic-lights'").contains("traffic-light")
                .contains("none of the plugins in EVALBATCH_PLUGINS (" + plugin + ") provides it");
        String without = output(evalbatch(Map.of(), "check", dir.resolve("traffic-light/traffic-light.yaml").toString()), 3);
        assertThat(without.lines()).as("the format and the filter the plugin would have provided, a line each")
                .anySatisfy(l -> assertThat(l).contains("input.format: unknown format 'light-plans'")
                        .contains("a plugin's format needs its jar in EVALBATCH_PLUGINS, which is not set"))
                .anySatisfy(l -> assertThat(l).contains("filter.name: unknown filter 'traffic-light'")
                        .contains("a plugin's filter needs its jar in EVALBATCH_PLUGINS, which is not set"));
    }

    @Test
    void aFormatThatNoPluginReadsIsNamedWithWhereItWasLookedFor() throws Exception {
        Path job = exampleJob("unknown-format.yaml", yaml -> yaml.replace("format: light-plans", "format: light-plan"));
        String err = output(evalbatch(Map.of("EVALBATCH_PLUGINS", plugin.toString()), "run", job.toString()), 3);
        assertThat(err.strip()).isEqualTo("evalbatch: " + job + ": input.format: unknown format 'light-plan' (known: "
                + "human-eval, lm-eval, evalplus, bigcode, inspect, multipl-e, mt-bench, light-plans; none of the plugins "
                + "in EVALBATCH_PLUGINS (" + plugin + ") provides it)");
    }

    /**
     * A worker of a distributed run and a scheduler start through the same launcher, so they load
     * the plugins of {@code EVALBATCH_PLUGINS} as a run does: the example's job, its partitions
     * scored on a worker, and again fired by {@code schedule} on a file that arrives, gives the
     * README's figures both times.
     */
    @Test
    void aWorkerAndASchedulerLoadThePluginsAsARunDoes() throws Exception {
        TestDatabase.Connection db = TestDatabase.get();
        String nonce = java.util.UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = Map.of("EVALBATCH_PLUGINS", plugin.toString(),
                "EVALBATCH_DB_URL", db.url(), "EVALBATCH_DB_USER", db.user(),
                "EVALBATCH_DB_PASSWORD", db.password() == null ? "" : db.password(),
                "EVALBATCH_WORKER_QUEUE", "plugin-" + nonce, "EVALBATCH_WORKER_POLL_INTERVAL", "200ms",
                "EVALBATCH_SCHEDULE_CHECKIN_MS", "1000");
        Path job = dir.resolve("traffic-light/traffic-light.yaml");

        Process worker = start("worker", env, "worker", "--threads", "2");
        String id = "traffic-" + nonce;
        try {
            awaitErr("worker", err -> err.contains("taking partitions from queue"), "the worker");
            Map<String, Double> metrics = metricsOf(output(start("distributed", env, "run", job.toString(), "--id", id,
                    "--distributed", "--format", "json"), "distributed", 0));
            assertThat(metrics).containsEntry("pass@1", 0.5).containsEntry("cars_per_hour", 2475.0)
                    .containsEntry("served:mean", 4125.0).containsEntry("longest_queue:mean", 396.25);
            assertThat(Files.readString(dir.resolve("worker.err"))).contains(id + "/range00 COMPLETED");
        } finally {
            worker.destroy();
            worker.waitFor(1, TimeUnit.MINUTES);
        }

        String scheduled = "traffic-scheduled-" + nonce;
        Path incoming = Files.createDirectories(dir.resolve("incoming-" + nonce));
        Path jobs = Files.createDirectories(dir.resolve("jobs-" + nonce));
        Files.writeString(jobs.resolve("traffic.yaml"), Files.readString(job)
                .replace("name: traffic-light\ninput", "name: " + scheduled + "\nschedule: \"* * * * * ?\"\ninput")
                .replace("[traffic.csv]", "[\"" + incoming + "/*.csv\"]"));
        Process scheduler = start("scheduler", env, "schedule", jobs.toString());
        try {
            awaitErr("scheduler", err -> err.contains("job " + scheduled + ": firing"), "the first firing");
            Path arriving = Files.copy(dir.resolve("traffic-light/traffic.csv"), dir.resolve("arriving.csv"));
            Files.move(arriving, incoming.resolve("traffic.csv"));
            RunQueries queries = RunQueries.onTestDatabase();
            awaitErr("scheduler", err -> queries.jdbc().sql(
                    "select count(*) from run_overview where job_name = ? and status = 'COMPLETED'")
                    .param(scheduled).query(Long.class).single() == 1, "the scheduled run");
            String run = queries.jdbc().sql("select run_id from scheduled_input where job_name = ?").param(scheduled)
                    .query(String.class).single();
            assertThat(queries.metrics(run)).extracting(RunQueries.TaskMetric::metric, RunQueries.TaskMetric::value)
                    .contains(tuple("pass@1", 0.5), tuple("cars_per_hour", 2475.0), tuple("served:mean", 4125.0));
        } finally {
            scheduler.destroy();
            scheduler.waitFor(1, TimeUnit.MINUTES);
        }
    }

    @Test
    void aPluginBuiltAgainstAnotherApiIsRefusedNamingBothVersions() throws Exception {
        // Its filter fails as it is made, as a plugin does whose API types have changed under it
        // (a missing method, a missing class): the versions must be named before that happens.
        Path old = pluginJar("old", """
                package org.example.old;
                @org.springframework.boot.autoconfigure.AutoConfiguration
                @io.evalbatch.plugin.EvalbatchPlugin(name = "old", api = 0)
                public class OldPlugin {
                    @org.springframework.context.annotation.Bean
                    io.evalbatch.filter.FilterProvider old() {
                        throw new NoSuchMethodError("'java.lang.String io.evalbatch.filter.FilterProvider.version()'");
                    }
                }
                """, "org.example.old.OldPlugin");
        String err = output(evalbatch(Map.of("EVALBATCH_PLUGINS", old.toString()), "runs"), 3);
        assertThat(err.strip()).isEqualTo("evalbatch: plugin old (" + old + ") was built against evalbatch's plugin API 0, "
                + "and this evalbatch has API " + EvalbatchPlugin.API + ": build the plugin again against this evalbatch "
                + "(./mvnw install)");
    }

    @Test
    void twoPluginsClaimingOneFilterNameAreBothNamed() throws Exception {
        Path imitation = pluginJar("imitation", """
                package org.example.imitation;
                @org.springframework.boot.autoconfigure.AutoConfiguration
                @io.evalbatch.plugin.EvalbatchPlugin(name = "imitation", api = io.evalbatch.plugin.EvalbatchPlugin.API)
                public class Imitation {
                    @org.springframework.context.annotation.Bean
                    io.evalbatch.filter.FilterProvider same() {
                        return new io.evalbatch.filter.FilterProvider() {
                            public String name() { return "traffic-light"; }
                            public String description() { return "the same name"; }
                            public java.util.List<io.evalbatch.filter.FilterOption> options() { return java.util.List.of(); }
                            public void validate(io.evalbatch.definition.FilterSpec spec) { }
                            public String version() { return "1"; }
                            public io.evalbatch.filter.SimulationFilter create(io.evalbatch.definition.FilterSpec spec) {
                                return sample -> io.evalbatch.filter.FilterResult.passed("imitated");
                            }
                        };
                    }
                }
                """, "org.example.imitation.Imitation");
        String err = output(evalbatch(Map.of("EVALBATCH_PLUGINS", plugin + ":" + imitation), "filters"), 3);
        assertThat(err.strip()).startsWith("evalbatch: two filters are named 'traffic-light': one from ")
                .contains(plugin.toString()).contains(imitation.toString())
                .endsWith("take one of them out of EVALBATCH_PLUGINS");
    }

    @Test
    void aPluginThatThrowsMakesThatSampleAnErrorWithItsMessage() throws Exception {
        Path example = dir.resolve("traffic-light");
        Files.writeString(example.resolve("samples_broken_2026-12-07T00-00-00.jsonl"), """
                {"doc_id": 0, "doc": {}, "target": "north-south 20, east-west 10, cycles 60", "arguments": [], "resps": [["green: 30"]], "filtered_resps": [["green: 30"]], "filter": "none"}
                {"doc_id": 1, "doc": {}, "target": "a roundabout", "arguments": [], "resps": [["green: 30"]], "filtered_resps": [["green: 30"]], "filter": "none"}
                """);
        Path job = exampleJob("broken.yaml", yaml -> yaml
                .replace("name: traffic-light\ninput", "name: traffic-light-broken\ninput")
                .replace("format: light-plans", "format: lm-eval")
                .replace("traffic.csv", "samples_broken_2026-12-07T00-00-00.jsonl"));
        Map<String, String> env = Map.of("EVALBATCH_PLUGINS", plugin.toString());
        // A run with scorer errors does not complete (exit 1); the sample that scored is kept.
        output(evalbatch(env, "run", job.toString(), "--id", "broken"), 1);
        String results = output(evalbatch(env, "results", "broken", "--samples", "--format", "json"), 0);
        JsonNode samples = JSON.readTree(results).get("samples");
        assertThat(samples.get(0).get("outcome").stringValue()).isEqualTo("passed");
        assertThat(samples.get(1).get("outcome").stringValue()).isEqualTo("error");
        assertThat(samples.get(1).get("detail").stringValue())
                .contains("IllegalArgumentException: the target does not describe a crossing: a roundabout");
    }

    /** The example's job, edited, beside it as {@code name}. */
    private static Path exampleJob(String name, java.util.function.UnaryOperator<String> edit) throws IOException {
        Path example = dir.resolve("traffic-light");
        return Files.writeString(example.resolve(name), edit.apply(Files.readString(example.resolve("traffic-light.yaml"))));
    }

    /** Each metric's value, by name, of a completed run as {@code run --format json} prints it. */
    private static Map<String, Double> metricsOf(String out) {
        JsonNode run = JSON.readTree(out.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertThat(run.get("status").stringValue()).isEqualTo("COMPLETED");
        Map<String, Double> metrics = new java.util.TreeMap<>();
        for (JsonNode metric : run.get("metrics")) {
            metrics.put(metric.get("metric").stringValue(), metric.get("value").doubleValue());
        }
        return metrics;
    }

    /** evalbatch through its launcher, on an embedded database of this test's own unless {@code env} names another. */
    private static Process evalbatch(Map<String, String> env, String... args) throws IOException {
        return start("evalbatch", env, args);
    }

    /** evalbatch through its launcher, its output in {@code <name>.out} and {@code <name>.err}. */
    private static Process start(String name, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("evalbatch").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("EVALBATCH_") || k.startsWith("SPRING_"));
        builder.environment().put("EVALBATCH_HOME", dir.resolve("home").toString());
        builder.environment().putAll(env);
        builder.redirectOutput(dir.resolve(name + ".out").toFile());
        builder.redirectError(dir.resolve(name + ".err").toFile());
        return builder.start();
    }

    /** Standard output when the exit code is 0, else standard error, once the process ended with {@code expected}. */
    private static String output(Process process, int expected) throws Exception {
        return output(process, "evalbatch", expected);
    }

    private static String output(Process process, String name, int expected) throws Exception {
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("ended in time").isTrue();
        String out = Files.readString(dir.resolve(name + ".out"));
        String err = Files.readString(dir.resolve(name + ".err"));
        assertThat(process.exitValue()).as(out + err).isEqualTo(expected);
        return expected == 0 ? out : err;
    }

    /** Waits until {@code condition} holds of what the process {@code name} wrote to standard error. */
    private static void awaitErr(String name, java.util.function.Predicate<String> condition, String what)
            throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < end) {
            if (condition.test(Files.readString(dir.resolve(name + ".err")))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + ":\n" + Files.readString(dir.resolve(name + ".err")));
    }

    private static void run(Path directory, Map<String, String> env, int expected, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Path log = Files.createTempFile(dir, "maven-", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + Files.readString(log)).isEqualTo(expected);
    }

    /** A plugin jar of one class, compiled against evalbatch's classes, with its auto-configuration listed. */
    private static Path pluginJar(String name, String source, String className) throws IOException {
        Path sources = Files.createDirectories(dir.resolve(name + "-src"));
        Path file = sources.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(file, source);
        Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                file.toString());
        assertThat(code).as("javac of " + name).isZero();
        Path jar = dir.resolve(name + "-plugin.jar");
        try (OutputStream stream = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(stream)) {
            try (var paths = Files.walk(classes)) {
                for (Path p : paths.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(p).toString()));
                    out.write(Files.readAllBytes(p));
                    out.closeEntry();
                }
            }
            out.putNextEntry(new JarEntry("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"));
            out.write((className + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
