package io.evalbatch.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.JobDefinitions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code eval_run} table and the {@code run_overview} view. */
@Repository
public class RunStore {

    private final JdbcClient jdbc;
    private final JobDefinitions definitions = new JobDefinitions();

    public RunStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void create(String runId, JobDefinition definition) {
        jdbc.sql("""
                insert into eval_run (run_id, job_name, job_file, definition, inputs)
                values (:runId, :job, :file, :definition, :inputs)""")
                .param("runId", runId)
                .param("job", definition.name())
                .param("file", definition.source())
                .param("definition", definitions.toJson(definition))
                .param("inputs", String.join(", ", definition.input().files().stream().map(Object::toString).toList()))
                .update();
    }

    public boolean exists(String runId) {
        return jdbc.sql("select count(*) from eval_run where run_id = ?").param(runId).query(Long.class).single() > 0;
    }

    /** The job definition a run was created with. */
    public JobDefinition definition(String runId) {
        String json = jdbc.sql("select definition from eval_run where run_id = ?").param(runId)
                .query(String.class).optional()
                .orElseThrow(() -> new UnknownRunException(runId));
        return definitions.fromJson(json, "run " + runId);
    }

    public Optional<RunOverview> overview(String runId) {
        return jdbc.sql("select * from run_overview where run_id = ?").param(runId).query(RunStore::overview).optional();
    }

    public List<RunOverview> overviews() {
        return jdbc.sql("select * from run_overview order by created_at, run_id").query(RunStore::overview).list();
    }

    public long sampleCount(String runId) {
        return jdbc.sql("select count(*) from sample where run_id = ?").param(runId).query(Long.class).single();
    }

    public long resultCount(String runId) {
        return jdbc.sql("select count(*) from result where run_id = ?").param(runId).query(Long.class).single();
    }

    private static RunOverview overview(ResultSet rs, int row) throws SQLException {
        return new RunOverview(rs.getString("run_id"), rs.getString("job_name"), rs.getString("inputs"),
                rs.getString("status"), rs.getString("exit_message"), rs.getLong("results"), rs.getLong("samples"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("ended_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
