package io.evalbatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.evalbatch.cli.ApplicationContexts;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.support.SamplesFiles;
import io.evalbatch.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.context.ConfigurableApplicationContext;

/** Placing jobs in Quartz's store, from two schedulers (not started) at the same moment. */
class JobScheduleTest {

    @TempDir
    Path dir;

    @Test
    void schedulersPlacingTheSameJobsTogetherNeitherFailNorResetEachOther() throws Exception {
        List<JobDefinition> jobs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            jobs.add(new JobDefinitions().read(SamplesFiles.job(dir, """
                    name: placed-%s-%d
                    schedule: "0 0 3 * * ?"
                    input: {format: human-eval, files: ["in/*.jsonl"]}
                    filter: {name: test}
                    """.formatted(UUID.randomUUID().toString().substring(0, 8), i))));
        }
        ApplicationContexts contexts = new ApplicationContexts(TestDatabase.get().properties());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (ConfigurableApplicationContext a = contexts.openScheduler();
             ConfigurableApplicationContext b = contexts.openScheduler()) {
            Scheduler first = a.getBean(Scheduler.class);
            Scheduler second = b.getBean(Scheduler.class);
            for (JobDefinition job : jobs) {
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<?>> placed = new ArrayList<>();
                for (Scheduler scheduler : List.of(first, second)) {
                    placed.add(threads.submit(() -> {
                        together.await();
                        new JobSchedule(scheduler).place(List.of(job));
                        return null;
                    }));
                }
                for (Future<?> f : placed) {
                    f.get();
                }
                CronTrigger trigger = (CronTrigger) first.getTrigger(TriggerKey.triggerKey(job.name(), JobSchedule.GROUP));
                assertThat(trigger.getCronExpression()).isEqualTo("0 0 3 * * ?");
            }
            // Placing again what is stored unchanged keeps each trigger as it is.
            var before = first.getTrigger(TriggerKey.triggerKey(jobs.get(0).name(), JobSchedule.GROUP));
            new JobSchedule(second).place(jobs);
            var after = first.getTrigger(TriggerKey.triggerKey(jobs.get(0).name(), JobSchedule.GROUP));
            assertThat(after.getStartTime()).isEqualTo(before.getStartTime());
            // A changed schedule replaces it.
            JobDefinition changed = new JobDefinition(jobs.get(0).name(), jobs.get(0).source(), jobs.get(0).input(),
                    jobs.get(0).filter(), jobs.get(0).execution(), jobs.get(0).metrics(), "0 30 4 * * ?", null, null,
                    io.evalbatch.definition.CheckSpec.DEFAULT);
            new JobSchedule(first).place(List.of(changed));
            assertThat(((CronTrigger) second.getTrigger(TriggerKey.triggerKey(changed.name(), JobSchedule.GROUP)))
                    .getCronExpression()).isEqualTo("0 30 4 * * ?");
        } finally {
            threads.shutdownNow();
        }
        // After the two schedulers closed: Quartz keeps one data source per scheduler name in a JVM.
        // schedule --list shows each job with its next firing: 3:00 local time, today or tomorrow.
        java.time.LocalDateTime now = java.time.LocalDateTime.now();
        java.time.LocalDateTime three = now.toLocalDate().atTime(3, 0);
        String next = (now.isBefore(three) ? three : three.plusDays(1))
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        String listed = io.evalbatch.support.Cli.run("schedule", "--list").out();
        JobDefinition listedJob = jobs.get(1);
        assertThat(listed.lines().filter(l -> l.startsWith(listedJob.name() + " ")).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains("0 0 3 * * ?").contains(next)
                        .endsWith(listedJob.source()));
        try (ConfigurableApplicationContext cleanup = contexts.openScheduler()) {
            for (JobDefinition job : jobs) {
                cleanup.getBean(Scheduler.class).deleteJob(org.quartz.JobKey.jobKey(job.name(), JobSchedule.GROUP));
            }
        }
        io.evalbatch.support.Cli.Result after = io.evalbatch.support.Cli.run("schedule", "--list");
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(after.out()).doesNotContain(listedJob.name());
    }
}
