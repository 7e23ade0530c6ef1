-- What an evalplus problem's reference solution gave on its base and plus inputs: the expected
-- outputs and the CPU time of each call, measured once per problem content, filter runtime and
-- machine (the per-input time limits come from those times) and reused by every later run.
create table evalplus_ground_truth (
    problem_hash text        not null,  -- SHA-256 of the problem's line in its release file
    runtime      text        not null,  -- the filter's version and interpreter
    machine      text        not null,  -- host name, machine id and processor that measured it
    task_id      text        not null,  -- for people reading the table
    truth        text        not null,  -- per part: inputs and expected outputs (marshal, base64), CPU seconds
    measured_at  timestamptz not null default now(),
    primary key (problem_hash, runtime, machine)
);
