package io.evalbatch.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobDefinitionsTest {

    private final JobDefinitions definitions = new JobDefinitions();

    @TempDir
    Path dir;

    /**
     * A format evalbatch does not read itself is a plugin's: the definition keeps its name, the
     * job's problems and references beside it, and a stored run reads it back without the plugin.
     */
    @Test
    void aFormatOfAnotherNameIsAPluginsAndKeepsItsInputs() {
        JobDefinition job = definitions.read(SamplesFiles.job(dir, """
                name: plans
                input: {format: light-plans, files: [plans.csv], references: crossings.csv, task: "traffic-{file}"}
                filter: {name: test}
                """));
        assertThat(job.input().format().key()).isEqualTo("light-plans");
        assertThat(job.input().format().builtIn()).isFalse();
        assertThat(job.input().references()).isEqualTo(dir.resolve("crossings.csv"));
        JobDefinition back = definitions.fromJson(definitions.toJson(job), job.source());
        assertThat(back).isEqualTo(job);
        assertThat(back.input().format()).isEqualTo(InputFormat.named("light-plans")).isNotEqualTo(InputFormat.LM_EVAL);
        assertThat(InputFormat.named("lm-eval")).isSameAs(InputFormat.LM_EVAL);
    }

    @Test
    void readsTheBundledExampleWithPathsRelativeToTheFile() {
        JobDefinition job = definitions.read(Path.of("jobs", "humaneval-example.yaml"));
        assertThat(job.name()).isEqualTo("humaneval-example");
        assertThat(job.input().format()).isEqualTo(InputFormat.HUMAN_EVAL);
        assertThat(job.input().files()).hasSize(1).allSatisfy(f -> assertThat(f).isAbsolute().exists());
        assertThat(job.input().task()).as("the benchmark's name, whichever model's file").isNull();
        assertThat(job.filter().name()).isEqualTo("python");
        assertThat(job.filter().number("timeout", 0)).isEqualTo(3.0);
        assertThat(job.execution()).isEqualTo(new ExecutionSpec(4, 4, 20));
        assertThat(job.metrics()).isEqualTo(MetricsSpec.DEFAULT);
    }

    /** A bundled problem set is named, not resolved as a path; a dataset file is found beside the job. */
    @Test
    void theHumanEvalPlusJobNamesTheBundledProblems() {
        JobDefinition job = definitions.read(Path.of("jobs", "humaneval-plus.yaml"));
        assertThat(job.input().problems()).isEqualTo(Path.of("humaneval-plus"));
        assertThat(job.filter().name()).isEqualTo("evalplus");
        assertThat(definitions.fromJson(definitions.toJson(job), job.source())).isEqualTo(job);
        JobDefinition own = definitions.read(SamplesFiles.job(dir, """
                name: own-plus
                input: {format: human-eval, files: [a.jsonl], problems: problems.jsonl}
                filter: {name: evalplus, dataset: MbppPlus.jsonl.gz}
                """));
        assertThat(own.input().problems()).isEqualTo(dir.resolve("problems.jsonl"));
        assertThat(own.filter().optionalText("dataset")).isEqualTo(dir.resolve("MbppPlus.jsonl.gz").toString());
    }

    @Test
    void storedDefinitionReadsBackEqual() {
        JobDefinition job = definitions.read(Path.of("jobs", "humaneval-example.yaml"));
        JobDefinition back = definitions.fromJson(definitions.toJson(job), job.source());
        assertThat(back).isEqualTo(job);
    }

    @Test
    void pricesAndACapOnSpendAreReadCheckedAndStored() {
        JobDefinition job = definitions.read(SamplesFiles.job(dir, """
                name: priced
                input: {format: human-eval, files: [a.jsonl]}
                filter: {name: judge}
                cost:
                  prices:
                    gpt-4: {prompt: 30, completion: 60}
                    gpt-4o-mini: {prompt: 0.15, completion: 0.6}
                  max: 12.5
                """));
        assertThat(job.cost().max()).isEqualTo(12.5);
        assertThat(job.cost().price("gpt-4")).contains(new CostSpec.Price(30, 60));
        // 1,000 prompt and 500 completion tokens of gpt-4o-mini: 0.00015 + 0.0003
        assertThat(job.cost().price("gpt-4o-mini").orElseThrow().of(1_000, 500)).isCloseTo(0.00045,
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(definitions.fromJson(definitions.toJson(job), job.source())).isEqualTo(job);

        assertThatThrownBy(() -> definitions.read(SamplesFiles.job(dir, """
                name: negative
                input: {format: human-eval, files: [a.jsonl]}
                filter: {name: judge}
                cost: {prices: {gpt-4: {prompt: -1, completion: 60}}}
                """))).hasMessageContaining("cost.prices.gpt-4.prompt: must be a number of 0 or more");
    }

    @Test
    void aChunkLeftOutIsLeftToTheFilterAndStaysLeftOutWhenStored() {
        JobDefinition job = definitions.read(SamplesFiles.job(dir, """
                name: left-out
                input: {format: human-eval, files: [a.jsonl]}
                filter: {name: test}
                execution: {partitions: 2}
                """));
        assertThat(job.execution().chunk()).isEqualTo(ExecutionSpec.FILTER_CHUNK);
        assertThat(job.execution().partitions()).isEqualTo(2);
        assertThat(definitions.toJson(job)).doesNotContain("\"chunk\"");
        assertThat(definitions.fromJson(definitions.toJson(job), job.source())).isEqualTo(job);

        JobDefinition bare = definitions.read(SamplesFiles.job(dir, """
                name: no-execution
                input: {format: human-eval, files: [a.jsonl]}
                filter: {name: test}
                """));
        assertThat(bare.execution().chunk()).isEqualTo(ExecutionSpec.FILTER_CHUNK);
    }

    @Test
    void labelVersionAndLowerIsBetterAreReadStoredAndChecked() {
        JobDefinition job = definitions.read(SamplesFiles.job(dir, """
                name: costs
                label: "org/model 7b"
                version: 2.1
                input: {format: human-eval, files: [a.jsonl]}
                filter: {name: test}
                metrics: {fields: {cost: [mean, sum], tokens: [mean]}, lower-is-better: [cost]}
                """));
        assertThat(job.label()).isEqualTo("org/model 7b");
        assertThat(job.version()).isEqualTo("2.1");
        assertThat(job.metrics().higherIsBetter("cost:mean")).isFalse();
        assertThat(job.metrics().higherIsBetter("cost:sum")).isFalse();
        assertThat(job.metrics().higherIsBetter("tokens:mean")).isTrue();
        assertThat(job.metrics().higherIsBetter("pass@1")).isTrue();
        assertThat(definitions.fromJson(definitions.toJson(job), job.source())).isEqualTo(job);

        assertThatThrownBy(() -> definitions.read(SamplesFiles.job(dir, """
                name: bad
                label: "two\\nlines"
                version: [1]
                input: {format: human-eval, files: [a.jsonl]}
                filter: {name: test}
                metrics: {fields: {cost: [mean]}, lower-is-better: [latency]}
                """))).isInstanceOf(InvalidJobDefinitionException.class)
                .hasMessageContaining("label: must be one line of 1 to 200 characters, not 'two?lines'")
                .hasMessageContaining("version: must be a number or a string, not [1]")
                .hasMessageContaining("metrics.lower-is-better[0]: must name a field of metrics.fields, not \"latency\"");
    }

    @Test
    void maxInvalidIsReadAndStored() {
        JobDefinition job = definitions.read(SamplesFiles.job(dir, """
                name: lenient
                input: {format: human-eval, files: [a.jsonl], max-invalid: 12}
                filter: {name: test}
                """));
        assertThat(job.input().maxInvalid()).isEqualTo(12);
        assertThat(definitions.fromJson(definitions.toJson(job), job.source())).isEqualTo(job);
        assertThat(definitions.read(Path.of("jobs", "humaneval-example.yaml")).input().maxInvalid()).isZero();
    }

    @Test
    void everyMetricOptionIsReadAndStoredDefinitionReadsBackEqual() {
        JobDefinition job = definitions.read(SamplesFiles.job(dir, """
                name: full
                input: {format: lm-eval, filter: strict-match}
                filter: {name: exact-match}
                metrics:
                  pass-at-k: [10, 1, 10]
                  mean: false
                  score: true
                  exact-match: true
                  maj-at-k: [8, 1]
                  bootstrap: {iterations: 0, seed: -3}
                  groups: {math: [gsm8k, arith], code: [humaneval]}
                """));
        MetricsSpec metrics = job.metrics();
        assertThat(metrics.selections()).containsExactly(
                java.util.Map.entry("pass-at-k", MetricSelection.of(List.of(1, 10))),
                java.util.Map.entry("mean", MetricSelection.of(false)),
                java.util.Map.entry("score", MetricSelection.of(true)),
                java.util.Map.entry("exact-match", MetricSelection.of(true)),
                java.util.Map.entry("maj-at-k", MetricSelection.of(List.of(1, 8))));
        assertThat(metrics.bootstrap()).isEqualTo(new MetricsSpec.Bootstrap(0, -3));
        assertThat(metrics.groups()).containsExactly(java.util.Map.entry("math", List.of("gsm8k", "arith")),
                java.util.Map.entry("code", List.of("humaneval")));
        assertThat(job.input().filter()).isEqualTo("strict-match");
        assertThat(definitions.fromJson(definitions.toJson(job), job.source())).isEqualTo(job);
    }

    @Test
    void fieldMetricsCacheAndSimulatorDirectoryAreReadAndStored() {
        JobDefinition job = definitions.read(SamplesFiles.job(dir, """
                name: fields
                input: {format: lm-eval}
                filter: {name: command, command: [python3, sim.py], directory: sims}
                execution: {cache: false}
                metrics:
                  mean: false
                  fields:
                    cost: [mean, sum]
                    answer: [exact-match, maj@4]
                    tests_passed: mean
                    base_passed: [pass@1, pass@10]
                """));
        assertThat(job.metrics().fields().stream().map(FieldMetric::name)).containsExactly("cost:mean", "cost:sum",
                "answer:exact_match", "answer:maj@4", "tests_passed:mean", "base_passed:pass@1", "base_passed:pass@10");
        assertThat(job.execution().cache()).isFalse();
        assertThat(job.filter().optionalText("directory")).isEqualTo(dir.resolve("sims").toString());
        assertThat(definitions.fromJson(definitions.toJson(job), job.source())).isEqualTo(job);
    }

    @Test
    void distributedIsReadAndStoredAndRunsStoredBeforeItExistedAreLocal() {
        JobDefinition job = definitions.read(SamplesFiles.job(dir, """
                name: spread
                input: {format: lm-eval}
                filter: {name: test}
                execution: {partitions: 16, distributed: true}
                """));
        assertThat(job.execution().distributed()).isTrue();
        assertThat(job.execution().partitions()).isEqualTo(16);
        String stored = definitions.toJson(job);
        assertThat(definitions.fromJson(stored, job.source())).isEqualTo(job);
        // A definition stored by a version without the key: its restart stays a local run.
        String older = stored.replace(",\"distributed\":true", "");
        assertThat(older).doesNotContain("distributed");
        assertThat(definitions.fromJson(older, job.source()).execution().distributed()).isFalse();
        assertError("name: x\ninput: {format: lm-eval}\nfilter: {name: test}\nexecution: {distributed: sometimes}\n",
                "execution.distributed: must be true or false");
    }

    @Test
    void scheduleAndInputGlobsAreReadAndStored() {
        JobDefinition job = definitions.read(SamplesFiles.job(dir, """
                name: nightly
                schedule: "0 30 2 * * ?"
                input: {format: lm-eval, files: ["incoming/*.jsonl"]}
                filter: {name: test}
                """));
        assertThat(job.schedule()).isEqualTo("0 30 2 * * ?");
        assertThat(job.input().files()).containsExactly(dir.resolve("incoming/*.jsonl"));
        assertThat(definitions.fromJson(definitions.toJson(job), job.source())).isEqualTo(job);
    }

    @Test
    void defaultsApplyWhenSectionsAreLeftOut() {
        JobDefinition job = definitions.read(SamplesFiles.job(dir, """
                name: minimal
                input: {format: lm-eval}
                filter: {name: test}
                """));
        assertThat(job.execution()).isEqualTo(ExecutionSpec.DEFAULT.withChunk(ExecutionSpec.FILTER_CHUNK));
        assertThat(job.metrics()).isEqualTo(MetricsSpec.DEFAULT);
        assertThat(job.input().files()).isEmpty();
    }

    @Test
    void errorsNameTheFileAndTheYamlPath() {
        assertError("name: x\ninput: {format: human-eval, fles: [a]}\nfilter: {name: test}\n",
                "input.fles: unknown key");
        assertError("name: x\ninput: {format: lm-eval, references: r.json}\nfilter: {name: test}\n",
                "input.references: applies to the bigcode and mt-bench formats and to a plugin's only");
        assertError("name: x\ninput: {format: lm-eval}\nfilter: {name: test}\nexecution: {threads: 0}\n",
                "execution.threads: must be a positive integer");
        assertError("name: x\ninput: {format: lm-eval}\nfilter: {name: test}\nmetrics: {pass-at-k: [1, 0]}\n",
                "metrics.pass-at-k[1]: must be a positive integer");
        assertError("name: x\ninput: {format: lm-eval}\nfilter: {name: test}\nmetrics: {bootstrap: {iterations: -1}}\n",
                "metrics.bootstrap.iterations: must be an integer from 0");
        assertError("name: x\ninput: {format: lm-eval}\nfilter: {name: test}\nmetrics: {groups: {g: [a, a]}}\n",
                "metrics.groups.g[1]: lists task 'a' twice");
        assertError("name: x\ninput: {format: lm-eval}\nfilter: {name: test}\nmetrics: {score: yes please}\n",
                "metrics.score: must be true or false");
        assertError("name: x\ninput: {format: human-eval, filter: strict-match}\nfilter: {name: test}\n",
                "input.filter: applies to the lm-eval format only");
        assertError("input: {format: lm-eval}\nfilter: {name: test}\n", "name: missing");
        assertError("name: x\ninput: {format: lm-eval}\n", "filter: missing");
        assertError("name: x\nfilter: {name: test}\n", "input: missing");
        assertError("name: x\ninput: {format: lm-eval, max-invalid: -1}\nfilter: {name: test}\n",
                "input.max-invalid: must be an integer from 0");
        assertError("name: x\ninput: {format: lm-eval, max-invalid: lots}\nfilter: {name: test}\n",
                "input.max-invalid: must be an integer from 0");
        assertError("name: x\ninput: {format: lm-eval}\nfilter: {name: test}\nexecution: {partitions: -2}\n",
                "execution.partitions: must be a positive integer");
        assertError("name: x\ninput: {format: lm-eval}\nfilter: {name: test}\nexecution: {threads: many}\n",
                "execution.threads: must be a positive integer");
        assertError("name: x\ninput: {format: lm-eval}\nfilter: {name: test}\nmetrics: {pass-at-k: [-5]}\n",
                "metrics.pass-at-k[0]: must be a positive integer");
        assertError("name: x\ninput: {format: lm-eval}\nfilter: {name: test}\nretries: 3\n", "retries: unknown key");
        assertError("name: [unclosed\n", "not valid YAML");
        assertError("name: x\ninput: {format: lm-eval}\nfilter: {name: test}\nmetrics: {fields: {cost: [median]}}\n",
                "metrics.fields.cost[0]: unknown aggregate \"median\"");
        assertError("name: x\ninput: {format: lm-eval}\nfilter: {name: test}\nmetrics: {fields: {a: [maj@0]}}\n",
                "metrics.fields.a[0]: unknown aggregate");
        assertError("name: x\ninput: {format: lm-eval}\nfilter: {name: test}\nmetrics: {fields: {a: [mean, mean]}}\n",
                "metrics.fields.a[1]: lists \"mean\" twice");
        assertError("name: x\ninput: {format: lm-eval}\nfilter: {name: test}\nmetrics: {fields: {a: []}}\n",
                "metrics.fields.a: lists no aggregate");
        assertError("name: x\ninput: {format: lm-eval}\nfilter: {name: test}\nmetrics: {fields: [a]}\n",
                "metrics.fields: must be a mapping");
        assertError("name: x\ninput: {format: lm-eval}\nfilter: {name: test}\nexecution: {cache: sometimes}\n",
                "execution.cache: must be true or false");
        assertError("name: x\nschedule: every night\ninput: {format: lm-eval}\nfilter: {name: test}\n",
                "schedule: 'every night' is not a Quartz cron expression");
    }

    @Test
    void missingOrDirectoryDefinitionIsNamed() {
        assertThatThrownBy(() -> definitions.read(dir.resolve("nope.yaml")))
                .isInstanceOf(InvalidJobDefinitionException.class).hasMessageContaining("nope.yaml: no such file");
        assertThatThrownBy(() -> definitions.read(dir))
                .isInstanceOf(InvalidJobDefinitionException.class).hasMessageContaining("is a directory");
    }

    @Test
    void checkIsReadAsAWordOrAMappingAndStored() {
        String head = "name: checked\ninput: {format: human-eval, files: [a.jsonl]}\nfilter: {name: test}\n";
        assertThat(definitions.read(SamplesFiles.job(dir, head)).check()).isEqualTo(CheckSpec.DEFAULT);
        assertThat(definitions.read(SamplesFiles.job(dir, head + "check: none\n")).check())
                .isEqualTo(CheckSpec.NONE);
        assertThat(definitions.read(SamplesFiles.job(dir, head + "check: references\n")).check())
                .isEqualTo(new CheckSpec(true, true, false));
        JobDefinition allowing = definitions.read(SamplesFiles.job(dir, head + "check: {allow-failing: true}\n"));
        assertThat(allowing.check()).isEqualTo(new CheckSpec(true, null, true));
        assertThat(definitions.read(SamplesFiles.job(dir, head + "check: {problems: false}\n")).check())
                .isEqualTo(new CheckSpec(false, null, false));
        assertThat(definitions.fromJson(definitions.toJson(allowing), allowing.source())).isEqualTo(allowing);
        assertError(head + "check: sometimes\n", "check: must be references or none");
        assertError(head + "check: {references: maybe}\n", "check.references: must be true or false");
        assertError(head + "check: {refs: true}\n", "check");
    }

    private void assertError(String yaml, String expected) {
        Path file = SamplesFiles.job(dir, yaml);
        assertThatThrownBy(() -> definitions.read(file))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(expected);
    }

    /** A job file with errors in several sections gets all of them, one line each with its line number, in file order. */
    @Test
    void everyErrorOfAJobFileIsReportedAtOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path job = java.nio.file.Files.writeString(dir.resolve("job.yaml"), """
                name: several
                input: {format: human-eval, files: [a.jsonl], max-invalid: -1}
                filter: {name: python}
                execution: {threads: 0}
                metrics: {pass-at-k: [0]}
                schedule: "every night"
                """);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JobDefinitions().read(job))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .satisfies(e -> {
                    java.util.List<String> lines = e.getMessage().lines().toList();
                    org.assertj.core.api.Assertions.assertThat(lines).hasSize(4);
                    org.assertj.core.api.Assertions.assertThat(lines.get(0)).startsWith(job + ":2: input.max-invalid: must be an integer from 0");
                    org.assertj.core.api.Assertions.assertThat(lines.get(1)).startsWith(job + ":4: execution.threads:");
                    org.assertj.core.api.Assertions.assertThat(lines.get(2)).startsWith(job + ":5: metrics.pass-at-k");
                    org.assertj.core.api.Assertions.assertThat(lines.get(3)).startsWith(job + ":6: schedule: 'every night'");
                });
    }
}
