-- Samples the scorer could not score. An `error` outcome says the scorer failed (its environment,
-- sandbox or endpoint), not the answer: such a result is moved here, one row per attempt, before a
-- restart scores the sample again, so that a flaky environment can be seen after the fact.
create table result_attempt (
    run_id      text        not null references eval_run (run_id) on delete cascade,
    sample_id   bigint      not null,
    attempt     int         not null,
    task        text,
    doc_id      text,
    outcome     text        not null,
    detail      text,
    duration_ms bigint      not null,
    scored_at   timestamptz not null,
    moved_at    timestamptz not null default now(),
    primary key (run_id, sample_id, attempt)
);

-- How many samples of the task were errors when its metrics were computed (they are left out).
alter table metric add column errors bigint not null default 0;
