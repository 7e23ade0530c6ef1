package io.evalbatch.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * Records which process runs a job execution (host, pid and the process's start time, which tells
 * a live owner from a reused pid), so that a later {@code restart} can tell a run whose process
 * died from one that is still running.
 */
@Component
public class ProcessOwner implements JobExecutionListener {

    private static final String HOST = "evalbatch.owner.host";
    private static final String PID = "evalbatch.owner.pid";
    private static final String STARTED = "evalbatch.owner.started";

    private final JobRepository jobRepository;

    public ProcessOwner(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        ExecutionContext context = execution.getExecutionContext();
        ProcessHandle self = ProcessHandle.current();
        context.putString(HOST, hostName());
        context.putLong(PID, self.pid());
        context.putString(STARTED, self.info().startInstant().map(Instant::toString).orElse(""));
        jobRepository.updateExecutionContext(execution);
    }

    /** Whether the process that ran this execution is known to be gone. */
    public Liveness liveness(JobExecution execution) {
        ExecutionContext context = execution.getExecutionContext();
        if (!context.containsKey(PID)) {
            return new Liveness(false, "no owning process was recorded");
        }
        String host = context.getString(HOST);
        long pid = context.getLong(PID);
        String started = context.getString(STARTED, "");
        if (!host.equals(hostName())) {
            return new Liveness(false, "it runs or ran in process " + pid + " on host " + host
                    + ", which cannot be checked from here");
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(Instant::toString).orElse("").equals(started));
        return process.isPresent()
                ? new Liveness(false, "it is still running in process " + pid)
                : new Liveness(true, "its process " + pid + " on this host has ended");
    }

    /** @param dead true only when the owning process is certainly not running */
    public record Liveness(boolean dead, String explanation) {
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
