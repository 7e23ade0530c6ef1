package io.evalbatch.schedule;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which file contents each scheduled job has evaluated, and in which run ({@code scheduled_input}). */
@Repository
public class ScheduledInputs {

    private final JdbcClient jdbc;

    public ScheduledInputs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims a file's content for a run of the job; false when it was claimed before. A claim whose
     * run was never created (its scheduler died in between) is given up and made again.
     */
    boolean claim(String jobName, String contentHash, String file, String runId) {
        jdbc.sql("""
                delete from scheduled_input i
                 where job_name = ? and content_hash = ?
                   and not exists (select 1 from eval_run r where r.run_id = i.run_id)""")
                .params(jobName, contentHash).update();
        return jdbc.sql("""
                insert into scheduled_input (job_name, content_hash, file, run_id) values (?, ?, ?, ?)
                on conflict do nothing""")
                .params(jobName, contentHash, file, runId).update() == 1;
    }

    /** Runs of the job still marked running, oldest first. */
    List<String> unfinishedRuns(String jobName) {
        return jdbc.sql("""
                        select run_id from run_overview
                         where job_name = ? and status in ('CREATED', 'STARTING', 'STARTED', 'STOPPING')
                         order by created_at""")
                .param(jobName).query(String.class).list();
    }

    /** The file a scheduled run evaluated, or null for a run started by hand. */
    public String fileOf(String runId) {
        return jdbc.sql("select file from scheduled_input where run_id = ?").param(runId)
                .query(String.class).optional().orElse(null);
    }
}
