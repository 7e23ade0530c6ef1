-- The tally of a completed run: what its pages show about all of its samples (outcome counts per
-- task, the distribution of durations, the slowest samples, how many results were reused), counted
-- once by the run's last step. Without it, each view of a million-sample run scans the run; with
-- it, the run page and the slowest-first grid read a few rows. A run that has not completed has
-- no tally, and is counted live.
create table run_tally (
    run_id         text   not null primary key references eval_run (run_id) on delete cascade,
    samples        bigint not null,
    results        bigint not null,
    -- how many of the slowest results tally_slowest holds: all of them when it equals results
    slowest_kept   bigint not null
);

-- Per task and outcome, how many results took each whole number of milliseconds of wall time
-- ('wall', with how many of them were reused from earlier runs) or of CPU time where measured
-- ('cpu'); a task's unscored samples as clock 'none', outcome 'unscored'. A few rows per distinct
-- duration: any histogram is drawn from it.
create table tally_duration (
    run_id   text   not null references eval_run (run_id) on delete cascade,
    clock    text   not null check (clock in ('wall', 'cpu', 'none')),
    task     text   not null,
    outcome  text   not null,
    ms       bigint,
    samples  bigint not null,
    reused   bigint not null
);
create index tally_duration_run on tally_duration (run_id);

-- The run's slowest results (longest first, the later sample first among equal durations), in
-- the order the grid pages through them.
create table tally_slowest (
    run_id       text   not null references eval_run (run_id) on delete cascade,
    duration_ms  bigint not null,
    sample_id    bigint not null,
    primary key (run_id, duration_ms, sample_id)
);

-- A completed run's sample and result counts from its tally: the runs list need not count a
-- million rows per run each time it is shown.
create or replace view run_overview as
select r.run_id,
       r.job_name,
       r.inputs,
       r.created_at,
       e.job_execution_id,
       coalesce(e.status, 'CREATED')                                 as status,
       e.exit_message,
       (select min(f.start_time)
          from batch_job_execution f
          join batch_job_instance fi on fi.job_instance_id = f.job_instance_id and fi.job_name = 'evaluation'
          join batch_job_execution_params fp on fp.job_execution_id = f.job_execution_id
         where fp.parameter_name = 'run.id' and fp.parameter_value = r.run_id) as started_at,
       e.end_time                                                    as ended_at,
       coalesce(t.results, (select count(*) from result x where x.run_id = r.run_id)) as results,
       coalesce(t.samples, (select count(*) from sample s where s.run_id = r.run_id)) as samples,
       (select count(*) from invalid_line i where i.run_id = r.run_id) as invalid_lines,
       r.failure,
       r.definition::jsonb ->> 'label'                              as label
  from eval_run r
  left join run_tally t on t.run_id = r.run_id
  left join lateral (
        select je.job_execution_id, je.status, je.exit_message, je.end_time
          from batch_job_execution je
          join batch_job_instance ji on ji.job_instance_id = je.job_instance_id and ji.job_name = 'evaluation'
          join batch_job_execution_params p on p.job_execution_id = je.job_execution_id
         where p.parameter_name = 'run.id' and p.parameter_value = r.run_id
         order by je.job_execution_id desc
         limit 1) e on true;
