package io.evalbatch.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.run.RunEnd;
import io.evalbatch.run.RunIds;
import io.evalbatch.run.RunRefusedException;
import io.evalbatch.run.RunService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * One firing of a scheduled job: finish a run of it whose process died, or skip the firing while
 * one is still running; then evaluate every input file whose content the job has not evaluated
 * yet, one run per file, oldest name first.
 */
@Service
public class ScheduledEvaluation {

    private static final Logger log = LoggerFactory.getLogger(ScheduledEvaluation.class);

    private final RunService runs;
    private final ScheduledInputs inputs;
    private final DataSource dataSource;
    private final RunIds runIds = new RunIds();

    public ScheduledEvaluation(RunService runs, ScheduledInputs inputs, DataSource dataSource) {
        this.runs = runs;
        this.inputs = inputs;
        this.dataSource = dataSource;
    }

    /**
     * Skipped, with a log line, while another firing of the job runs anywhere in the cluster (a
     * long run, or Quartz's recovery of a dead scheduler's firing next to a regular one).
     *
     * @return the runs this firing finished or started
     */
    public List<String> fire(Path jobFile) {
        JobDefinition definition = new JobDefinitions().read(jobFile);
        String job = definition.name();
        try (FiringLock lock = FiringLock.tryAcquire(dataSource, job)) {
            if (lock == null) {
                log.info("job {}: firing skipped, the previous firing is still running", job);
                return List.of();
            }
            return fireLocked(definition);
        }
    }

    private List<String> fireLocked(JobDefinition definition) {
        String job = definition.name();
        List<String> done = new java.util.ArrayList<>();
        for (String unfinished : inputs.unfinishedRuns(job)) {
            try {
                log.info("job {}: run {} is unfinished; continuing it unless its process is alive", job, unfinished);
                report(job, runs.restart(unfinished));
                done.add(unfinished);
            } catch (RunRefusedException e) {
                log.info("job {}: firing skipped, its run {} is still running ({})", job, unfinished, e.getMessage());
                return done;
            }
        }
        Set<ScheduledInputs.Seen> claimed = inputs.claimedFiles(job);
        for (Path file : InputGlobs.expand(definition.input().files())) {
            ScheduledInputs.Seen seen = seen(file);
            // A file claimed before and untouched since is not read again: a directory that keeps
            // its history costs one query per firing, not a hash of every file.
            if (claimed.contains(seen)) {
                continue;
            }
            String runId = runIds.next();
            if (!inputs.claim(job, contentHash(file), seen, runId)) {
                continue;
            }
            log.info("job {}: new input {} → run {}", job, file, runId);
            try {
                report(job, runs.start(definition.withInput(definition.input().withFiles(List.of(file))), runId));
                done.add(runId);
            } catch (RuntimeException e) {
                // Rejected before the run existed (an unreadable file, say): the claim lapses and the
                // next firing tries the file again; the other files go on now.
                log.error("job {}: {} not evaluated: {}", job, file, e.getMessage());
            }
        }
        if (done.isEmpty()) {
            log.info("job {}: no new input", job);
        }
        return done;
    }

    private static void report(String job, RunEnd outcome) {
        if (outcome.completed()) {
            log.info("job {}: run {} completed", job, outcome.runId());
        } else {
            log.warn("job {}: run {} ended {}: {} ('evalbatch restart {}' continues it)", job, outcome.runId(),
                    outcome.status(), String.join("; ", outcome.failures()), outcome.runId());
        }
    }

    private static ScheduledInputs.Seen seen(Path file) {
        try {
            return new ScheduledInputs.Seen(file.toString(), Files.size(file),
                    Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.MICROS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String contentHash(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
