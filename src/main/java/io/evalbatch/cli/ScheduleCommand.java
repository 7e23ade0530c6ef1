package io.evalbatch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.error.ExitCodes;
import io.evalbatch.report.ScheduleReport;
import io.evalbatch.schedule.JobSchedule;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "schedule",
        description = {
                "Run as a service that evaluates new input files on a schedule: every job definition in DIR with "
                        + "a 'schedule:' (a Quartz cron expression) fires at its times and evaluates each file matching "
                        + "its input.files (globs allowed) whose content it has not evaluated before, one run per file.",
                "Any number of schedulers may run against one PostgreSQL: Quartz's clustered JDBC job store fires "
                        + "each trigger on one of them, and another takes over the firing of one that dies. A firing "
                        + "while the job's previous run is still running is skipped; a run whose process died is "
                        + "continued first. Stop with SIGTERM or Ctrl-C."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch schedule                 # the jobs in ./jobs",
                "  evalbatch schedule /etc/evalbatch/jobs", "  evalbatch schedule --list"})
final class ScheduleCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ScheduleCommand.class);

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "jobs",
            description = "Directory of job definitions (default: ${DEFAULT-VALUE}); those without 'schedule:' are ignored.")
    Path directory;

    @Mixin
    MetricsPortOption metrics;

    @Option(names = "--list", description = "Print the scheduled jobs in the database with their next fire time, and exit.")
    boolean list;

    ScheduleCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() throws Exception {
        List<JobDefinition> jobs = list ? List.of() : JobSchedule.scheduledIn(directory);
        if (!list && jobs.isEmpty()) {
            spec.commandLine().getErr().println("No job definition in " + directory + " has a 'schedule:'.");
            return ExitCodes.INVALID_INPUT;
        }
        ConfigurableApplicationContext context = contexts.openScheduler();
        Scheduler scheduler = context.getBean(Scheduler.class);
        JobSchedule schedule = new JobSchedule(scheduler);
        if (list) {
            try (context) {
                new ScheduleReport().print(spec.commandLine().getOut(), schedule.list());
                return ExitCodes.OK;
            }
        }
        schedule.place(jobs);
        // Served until the JVM stops, like the scheduler itself.
        metrics.start(context, spec.commandLine());
        scheduler.start();
        for (JobSchedule.Entry entry : schedule.list()) {
            log.info("scheduled job {} ({}), next firing {}", entry.job(), entry.cron(), ScheduleReport.local(entry.nextFire()));
        }
        // Runs until the JVM is asked to stop; Spring's shutdown hook then stops the scheduler.
        new CountDownLatch(1).await();
        return ExitCodes.OK;
    }
}
