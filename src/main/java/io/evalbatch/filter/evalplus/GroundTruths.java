package io.evalbatch.filter.evalplus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.evalbatch.filter.sandbox.Command;
import io.evalbatch.filter.sandbox.Execution;
import io.evalbatch.filter.sandbox.SandboxPool;
import io.evalbatch.filter.sandbox.TimeLimits;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ground truth of each problem, computed at most once per problem content, runtime and machine:
 * taken from the store when a run has measured it, else measured in the sandbox (the reference
 * solution is model-free code, but runs confined all the same) and stored. Within a run it is held
 * in memory; threads that need one problem at once wait for one measurement.
 */
final class GroundTruths {

    private static final Logger log = LoggerFactory.getLogger(GroundTruths.class);
    private static final String SCRIPT = resource("ground_truth.py");
    /** A reference solution of evalplus takes seconds at most; these are for one gone wrong. */
    private static final TimeLimits LIMITS = new TimeLimits(600, 1800);
    private static final int OUTPUT_BYTES = 256 << 20;

    private final SandboxPool sandboxes;
    private final String python;
    private final GroundTruthStore store;
    private final String runtime;
    private final String machine;
    private final JsonMapper json = JsonMapper.builder().build();
    /** Per problem hash, its ground truth or why there is none (not measured again for each sample). */
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    /** A ground truth, or the reason the reference solution gave none. */
    private record Known(@Nullable GroundTruth truth, @Nullable String failure) {
    }

    GroundTruths(SandboxPool sandboxes, String python, GroundTruthStore store, String runtime, String machine) {
        this.sandboxes = sandboxes;
        this.python = python;
        this.store = store;
        this.runtime = runtime;
        this.machine = machine;
    }

    /**
     * @throws IllegalStateException saying why when the reference solution cannot give one
     */
    GroundTruth of(EvalplusProblem problem) {
        Known known = this.known.computeIfAbsent(problem.hash(), hash -> {
            try {
                return new Known(store.find(hash, runtime, machine).map(text -> GroundTruth.parse(text, json))
                        .orElseGet(() -> measure(problem)), null);
            } catch (IllegalStateException e) {
                return new Known(null, String.valueOf(e.getMessage()));
            }
        });
        if (known.truth() == null) {
            throw new IllegalStateException(known.failure());
        }
        return known.truth();
    }

    @SuppressWarnings("NullAway") // Command is not null-marked: no stdin, no Java source
    private GroundTruth measure(EvalplusProblem problem) {
        long start = System.nanoTime();
        Execution run = sandboxes.session(session -> session.execute(new Command(
                Map.of("ground_truth.py", SCRIPT, "problem.json", problem.line()), Map.of(),
                List.of(python, "-S", "ground_truth.py"),
                Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LC_ALL", "C.UTF-8", "PYTHONHASHSEED", "0"),
                null, LIMITS, 4096, 64, OUTPUT_BYTES, 4096, false, true, null)));
        if (!run.exitedNormally() || run.exitStatus() != 0 || run.stdoutTruncated()) {
            throw new IllegalStateException("the reference solution of " + problem.taskId() + " did not run: "
                    + (run.timedOut() != null ? "it reached its " + run.timedOut() + " limit"
                    : run.signal() != null ? "killed by " + run.signal()
                    : run.stdoutTruncated() ? "its output is over " + (OUTPUT_BYTES >> 20) + " MB"
                    : "exit status " + run.exitStatus()) + " " + run.stderr().strip());
        }
        GroundTruth truth = GroundTruth.parse(run.stdout(), json);
        store.save(problem, runtime, machine, truth.text());
        log.debug("ground truth of {}: {} base and {} plus inputs in {} ms", problem.taskId(), truth.base().inputs(),
                truth.plus().inputs(), (System.nanoTime() - start) / 1_000_000);
        return truth;
    }

    static String resource(String name) {
        try (InputStream in = GroundTruths.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
