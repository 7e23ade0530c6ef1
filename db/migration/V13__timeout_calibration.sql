-- The CPU time a problem's reference solution took, measured once per problem, filter runtime
-- (version and interpreter) and machine, and reused by every later run that calibrates on them.
create table timeout_calibration (
    problem_hash text        not null,  -- SHA-256 of the filter and the problem's program (its cache key)
    runtime      text        not null,  -- the filter's version and interpreter
    machine      text        not null,  -- host name and processor of the machine that measured it
    task         text        not null,  -- where it was first seen, for people reading the table
    doc_id       text        not null,
    outcome      text        not null,  -- how the reference solution scored; only 'passed' calibrates
    cpu_ms       bigint,                -- the median of the measurements; null unless passed
    measured_at  timestamptz not null default now(),
    primary key (problem_hash, runtime, machine)
);

-- The CPU limit each problem of a calibrated run got: max(minimum, factor x canonical_cpu_ms),
-- or the fallback where there is no passing reference solution (canonical_cpu_ms null).
create table problem_timeout (
    run_id           text   not null references eval_run (run_id) on delete cascade,
    task             text   not null,
    doc_id           text   not null,
    canonical_cpu_ms bigint,
    cpu_limit_ms     bigint not null,
    primary key (run_id, task, doc_id)
);
