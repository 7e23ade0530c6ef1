package io.evalbatch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulator for the {@code command} filter that appends "pid sample_id" to a ledger file before it
 * replies (pid: the evalbatch process that started it, even when that process was killed while
 * the simulator was scoring), so tests can count exactly what each
 * evalbatch process scored, committed or not. Responses "D-R" pass when (31 D + 7 R) mod 5 < 2.
 * While the file {@link #gate()} exists, every request waits: a test holds runs in the middle of
 * their scoring that way, however slow the machine.
 */
public record LedgerSimulator(Path ledger, String filterYaml) {

    public static LedgerSimulator write(Path dir, int delayMs) {
        Path ledger = dir.resolve("ledger.txt");
        try {
            Files.writeString(dir.resolve("ledger_simulator.py"), """
                    import json, os, sys, time
                    # The process that started this one, taken now: a request in flight when that
                    # process is killed still ends here, and getppid() would then be the reaper's.
                    scorer = os.getppid()
                    for line in sys.stdin:
                        request = json.loads(line)
                        while os.path.exists(request["parameters"]["gate"]):
                            time.sleep(0.01)
                        time.sleep(request["parameters"]["delay_ms"] / 1000.0)
                        with open(request["parameters"]["ledger"], "a") as ledger:
                            ledger.write("%d %d\\n" % (scorer, request["sample_id"]))
                        doc, repeat = (int(x) for x in request["response"].split("-"))
                        passed = (doc * 31 + repeat * 7) % 5 < 2
                        print(json.dumps({"id": request["id"], "outcome": "passed" if passed else "failed"}), flush=True)
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LedgerSimulator(ledger, """
                filter:
                  name: command
                  command: [python3, ledger_simulator.py]
                  directory: .
                  parameters: {ledger: "%s", delay_ms: %d, gate: "%s"}
                """.formatted(ledger, delayMs, dir.resolve("gate")));
    }

    /** An lm-eval samples file of {@code documents} documents with two responses each, "D-0" and "D-1". */
    public static Path samples(Path dir, String task, int documents) {
        StringBuilder lines = new StringBuilder();
        for (int d = 0; d < documents; d++) {
            lines.append("{\"doc_id\": ").append(d).append(", \"doc\": {}, \"target\": \"t\", \"resps\": [[\"")
                    .append(d).append("-0\", \"").append(d).append("-1\"]], \"filtered_resps\": [[\"")
                    .append(d).append("-0\", \"").append(d).append("-1\"]]}\n");
        }
        return SamplesFiles.write(dir.resolve("samples_" + task + "_2026-11-28T00-00-00.jsonl"), lines.toString());
    }

    /** The ledger's lines, "pid sample_id", in the order they were written. */
    public List<String> lines() {
        try {
            return Files.exists(ledger) ? Files.readAllLines(ledger) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample ids the evalbatch process {@code pid} had scored. */
    public List<Long> scoredBy(long pid) {
        List<Long> scored = new ArrayList<>();
        for (String line : lines()) {
            String[] parts = line.split(" ");
            if (Long.parseLong(parts[0]) == pid) {
                scored.add(Long.parseLong(parts[1]));
            }
        }
        return scored;
    }

    /** While this file exists, the simulator holds every request. */
    public Path gate() {
        return ledger.resolveSibling("gate");
    }

    public void clear() {
        try {
            Files.deleteIfExists(ledger);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
