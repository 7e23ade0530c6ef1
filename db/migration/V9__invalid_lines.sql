-- Input lines that ingest skipped because they hold no sample that can be scored (at most
-- input.max-invalid per run), each with its reason. Written in the chunk transaction that moves
-- ingest past the line, so a restart neither loses nor repeats one.
create table invalid_line (
    run_id text   not null references eval_run (run_id) on delete cascade,
    file   text   not null,
    line   bigint not null,
    reason text   not null
);
create index invalid_line_run on invalid_line (run_id, file, line);

-- run_overview gains the number of lines skipped.
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
       (select count(*) from result x where x.run_id = r.run_id)     as results,
       (select count(*) from sample s where s.run_id = r.run_id)     as samples,
       (select count(*) from invalid_line i where i.run_id = r.run_id) as invalid_lines
  from eval_run r
  left join lateral (
        select je.job_execution_id, je.status, je.exit_message, je.end_time
          from batch_job_execution je
          join batch_job_instance ji on ji.job_instance_id = je.job_instance_id and ji.job_name = 'evaluation'
          join batch_job_execution_params p on p.job_execution_id = je.job_execution_id
         where p.parameter_name = 'run.id' and p.parameter_value = r.run_id
         order by je.job_execution_id desc
         limit 1) e on true;
