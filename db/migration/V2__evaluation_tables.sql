-- evalbatch's own tables. One evaluation is a "run", identified by a short printable id that is
-- also the identifying parameter of its Spring Batch job instance.

create table eval_run (
    run_id      text        not null primary key,
    job_name    text        not null,
    job_file    text,
    -- the job definition as resolved when the run was created (JSON): a restart in another
    -- process needs nothing but the run id
    definition  text        not null,
    inputs      text        not null,
    created_at  timestamptz not null default now()
);

-- One row per response to score. An lm-eval line with n repeats gives n samples.
create table sample (
    run_id       text   not null references eval_run (run_id) on delete cascade,
    sample_id    bigint not null,
    task         text   not null,
    doc_id       text   not null,
    repeat_index int    not null,
    source_file  text   not null,
    source_line  bigint not null,
    prompt       text   not null,
    response     text   not null,
    test         text   not null,
    entry_point  text,
    primary key (run_id, sample_id)
);
create index sample_document on sample (run_id, task, doc_id);

-- One row per scored sample. Written in the same transaction as the reader position of the
-- simulate step, so a restart never loses nor repeats a committed result.
create table result (
    run_id      text             not null,
    sample_id   bigint           not null,
    outcome     text             not null check (outcome in ('passed', 'failed', 'timed_out', 'error')),
    score       double precision not null,
    detail      text,
    duration_ms bigint           not null,
    scored_at   timestamptz      not null default now(),
    primary key (run_id, sample_id),
    foreign key (run_id, sample_id) references sample (run_id, sample_id) on delete cascade
);

-- Per-document metric values (pass@k of one problem, mean of its samples, ...), the unit over
-- which task means and standard errors are taken.
create table document_metric (
    run_id  text             not null references eval_run (run_id) on delete cascade,
    task    text             not null,
    doc_id  text             not null,
    metric  text             not null,
    value   double precision not null,
    samples int              not null,
    primary key (run_id, task, doc_id, metric)
);

-- Aggregated metrics: scope 'task' now, 'group' (a named set of tasks) later. A metric that cannot
-- be computed for a task (pass@k with fewer than k samples for some document) has a null value and
-- a note saying why.
create table metric (
    run_id      text             not null references eval_run (run_id) on delete cascade,
    scope       text             not null check (scope in ('task', 'group')),
    name        text             not null,
    metric      text             not null,
    value       double precision,
    stderr      double precision,
    n           bigint           not null,
    note        text,
    computed_at timestamptz      not null default now(),
    primary key (run_id, scope, name, metric)
);

-- The latest job execution of each run, with progress counts.
create view run_overview as
select r.run_id,
       r.job_name,
       r.inputs,
       r.created_at,
       e.job_execution_id,
       coalesce(e.status, 'CREATED')                                 as status,
       e.exit_message,
       (select min(f.start_time)
          from batch_job_execution f
          join batch_job_execution_params fp on fp.job_execution_id = f.job_execution_id
         where fp.parameter_name = 'run.id' and fp.parameter_value = r.run_id) as started_at,
       e.end_time                                                    as ended_at,
       (select count(*) from result x where x.run_id = r.run_id)     as results,
       (select count(*) from sample s where s.run_id = r.run_id)     as samples
  from eval_run r
  left join lateral (
        select je.job_execution_id, je.status, je.exit_message, je.end_time
          from batch_job_execution je
          join batch_job_execution_params p on p.job_execution_id = je.job_execution_id
         where p.parameter_name = 'run.id' and p.parameter_value = r.run_id
         order by je.job_execution_id desc
         limit 1) e on true;

-- Every sample with its outcome: the table most questions about a run start from.
create view sample_result as
select s.run_id, s.sample_id, s.task, s.doc_id, s.repeat_index, s.source_file, s.source_line,
       r.outcome, r.score, r.detail, r.duration_ms, r.scored_at
  from sample s
  left join result r on r.run_id = s.run_id and r.sample_id = s.sample_id;
