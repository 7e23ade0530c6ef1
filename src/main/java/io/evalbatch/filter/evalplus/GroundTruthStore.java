package io.evalbatch.filter.evalplus;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The table {@code evalplus_ground_truth}: ground truths measured once and reused by later runs. */
@Component
class GroundTruthStore {

    private final JdbcClient jdbc;

    GroundTruthStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> find(String problemHash, String runtime, String machine) {
        return jdbc.sql("""
                        select truth from evalplus_ground_truth
                         where problem_hash = ? and runtime = ? and machine = ?""")
                .params(problemHash, runtime, machine).query(String.class).optional();
    }

    void save(EvalplusProblem problem, String runtime, String machine, String truth) {
        jdbc.sql("""
                        insert into evalplus_ground_truth (problem_hash, runtime, machine, task_id, truth)
                        values (?, ?, ?, ?, ?)
                        on conflict (problem_hash, runtime, machine) do nothing""")
                .params(problem.hash(), runtime, machine, problem.taskId(), truth).update();
    }
}
