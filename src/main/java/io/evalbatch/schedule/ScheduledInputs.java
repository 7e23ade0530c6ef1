package io.evalbatch.schedule;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which file contents each scheduled job has evaluated, and in which run ({@code scheduled_input}). */
@Repository
public class ScheduledInputs {

    private final JdbcClient jdbc;

    public ScheduledInputs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A file as a firing sees it: unchanged while its path, size and modification time are. */
    record Seen(String file, long size, Instant modified) {
    }

    /** The files the job has claimed, as they were when claimed: one query per firing. */
    Set<Seen> claimedFiles(String jobName) {
        return new HashSet<>(jdbc.sql("""
                        select file, file_size, modified_at from scheduled_input
                         where job_name = ? and modified_at is not null""")
                .param(jobName)
                .query((rs, i) -> new Seen(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant()))
                .list());
    }

    /**
     * Claims a file's content for a run of the job; false when it was claimed before. A claim whose
     * run was never created (its scheduler died in between) is given up and made again.
     */
    boolean claim(String jobName, String contentHash, Seen file, String runId) {
        String insert = """
                insert into scheduled_input (job_name, content_hash, file, file_size, modified_at, run_id)
                values (?, ?, ?, ?, ?, ?)
                on conflict do nothing""";
        Object[] row = {jobName, contentHash, file.file(), file.size(), Timestamp.from(file.modified()), runId};
        if (jdbc.sql(insert).params(row).update() == 1) {
            return true;
        }
        int lapsed = jdbc.sql("""
                delete from scheduled_input i
                 where job_name = ? and content_hash = ?
                   and not exists (select 1 from eval_run r where r.run_id = i.run_id)""")
                .params(jobName, contentHash).update();
        return lapsed == 1 && jdbc.sql(insert).params(row).update() == 1;
    }

    /** Runs of the job still marked running, oldest first. */
    List<String> unfinishedRuns(String jobName) {
        return jdbc.sql("""
                        select run_id from run_overview
                         where job_name = ? and status in ('CREATED', 'STARTING', 'STARTED', 'STOPPING')
                         order by created_at""")
                .param(jobName).query(String.class).list();
    }
}
