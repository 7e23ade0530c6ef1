package io.evalbatch.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.evalbatch.definition.InvalidJobDefinitionException;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.JobDefinitions;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * The scheduled jobs in Quartz's store: those of a directory of job definitions are (re)placed
 * there, each as a durable job with one cron trigger, and listed with their next fire time.
 */
public class JobSchedule {

    static final String GROUP = "evalbatch";

    /** One scheduled job as {@code schedule --list} shows it. */
    public record Entry(String job, String cron, String file, Date previousFire, Date nextFire) {
    }

    private final Scheduler scheduler;

    public JobSchedule(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** The job definitions in {@code directory} that carry a schedule, all validated. */
    public static List<JobDefinition> scheduledIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidJobDefinitionException(directory.toString(), "", "no such directory of job definitions");
        }
        List<JobDefinition> scheduled = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList()) {
                JobDefinition definition = new JobDefinitions().read(file.toAbsolutePath().normalize());
                if (definition.schedule() != null) {
                    scheduled.add(definition);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        return scheduled;
    }

    /**
     * Places each job with its trigger. A job the store holds already under its name is replaced
     * only when its schedule or definition file changed.
     */
    public void place(List<JobDefinition> definitions) throws SchedulerException {
        for (JobDefinition definition : definitions) {
            for (int attempt = 1; ; attempt++) {
                try {
                    placeOne(definition);
                    break;
                } catch (SchedulerException e) {
                    // Two schedulers starting together both found the job missing and both stored
                    // it; the second gets a duplicate key. Looking again finds it placed.
                    if (attempt == 3) {
                        throw e;
                    }
                    pause();
                }
            }
        }
    }

    private void placeOne(JobDefinition definition) throws SchedulerException {
        JobDetail detail = JobBuilder.newJob(EvaluationFiring.class)
                .withIdentity(definition.name(), GROUP)
                .usingJobData(EvaluationFiring.JOB_FILE, definition.source())
                .storeDurably()
                .requestRecovery()
                .build();
        CronTrigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(definition.name(), GROUP)
                .forJob(detail)
                // A firing missed while no scheduler ran is not made up: the next one takes
                // every new file anyway.
                .withSchedule(CronScheduleBuilder.cronSchedule(definition.schedule())
                        .withMisfireHandlingInstructionDoNothing())
                .build();
        Trigger stored = scheduler.getTrigger(trigger.getKey());
        JobDetail storedDetail = scheduler.getJobDetail(detail.getKey());
        if (stored instanceof CronTrigger cron && cron.getCronExpression().equals(definition.schedule())
                && storedDetail != null && definition.source().equals(
                        storedDetail.getJobDataMap().getString(EvaluationFiring.JOB_FILE))) {
            // Unchanged: replacing it would reset a trigger another scheduler may have acquired
            // for its next firing, which would then fire on both.
            return;
        }
        // New: stored only if still absent, so that a scheduler starting at the same moment
        // cannot replace it; changed: replaced.
        scheduler.scheduleJob(detail, Set.of(trigger), stored != null || storedDetail != null);
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<Entry> list() throws SchedulerException {
        List<Entry> entries = new ArrayList<>();
        for (JobKey key : new java.util.TreeSet<>(scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP)))) {
            JobDetail detail = scheduler.getJobDetail(key);
            for (Trigger trigger : scheduler.getTriggersOfJob(key)) {
                String cron = trigger instanceof CronTrigger c ? c.getCronExpression() : "";
                entries.add(new Entry(key.getName(), cron, detail.getJobDataMap().getString(EvaluationFiring.JOB_FILE),
                        trigger.getPreviousFireTime(), trigger.getNextFireTime()));
            }
        }
        return entries;
    }
}
