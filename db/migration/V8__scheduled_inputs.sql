-- Files a scheduled job has evaluated, by content: a file dropped again under another name, or
-- twice, is not evaluated twice; a changed file is evaluated again. The claim is made before the
-- run starts, so two schedulers never start a run for the same content.
create table scheduled_input (
    job_name     text        not null,
    content_hash text        not null,
    file         text        not null,
    run_id       text        not null,
    claimed_at   timestamptz not null default now(),
    primary key (job_name, content_hash)
);
create index scheduled_input_run on scheduled_input (run_id);
