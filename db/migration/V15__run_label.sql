-- A run's label (what it scored, in the user's words: a model name) is part of its definition, so
-- that a restart with a corrected job file relabels it too; the view shows it for runs and compare.
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
       (select count(*) from invalid_line i where i.run_id = r.run_id) as invalid_lines,
       r.failure,
       r.definition::jsonb ->> 'label'                              as label
  from eval_run r
  left join lateral (
        select je.job_execution_id, je.status, je.exit_message, je.end_time
          from batch_job_execution je
          join batch_job_instance ji on ji.job_instance_id = je.job_instance_id and ji.job_name = 'evaluation'
          join batch_job_execution_params p on p.job_execution_id = je.job_execution_id
         where p.parameter_name = 'run.id' and p.parameter_value = r.run_id
         order by je.job_execution_id desc
         limit 1) e on true;
