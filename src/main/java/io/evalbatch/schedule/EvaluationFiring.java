package io.evalbatch.schedule;

import java.nio.file.Files;
import java.nio.file.Path;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Quartz runs when a scheduled job's trigger fires, on whichever scheduler of the cluster
 * acquired the trigger. Asks to be run again elsewhere when its scheduler dies mid-firing
 * ("requests recovery"), so the other scheduler finishes the interrupted run.
 */
public class EvaluationFiring implements Job {

    static final String JOB_FILE = "jobFile";
    private static final Logger log = LoggerFactory.getLogger(EvaluationFiring.class);

    private final ScheduledEvaluation evaluation;

    public EvaluationFiring(ScheduledEvaluation evaluation) {
        this.evaluation = evaluation;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        Path jobFile = Path.of(context.getMergedJobDataMap().getString(JOB_FILE));
        String job = context.getJobDetail().getKey().getName();
        if (!Files.isRegularFile(jobFile)) {
            // The definition was removed: so is its schedule, on every scheduler of the cluster.
            log.warn("job {}: definition {} is gone; unscheduling the job", job, jobFile);
            try {
                context.getScheduler().deleteJob(context.getJobDetail().getKey());
            } catch (SchedulerException e) {
                throw new JobExecutionException(e);
            }
            return;
        }
        log.info("job {}: firing of {}{}", job, context.getScheduledFireTime().toInstant(),
                context.isRecovering() ? " (recovered from a scheduler that stopped)" : "");
        evaluation.fire(jobFile);
    }
}
