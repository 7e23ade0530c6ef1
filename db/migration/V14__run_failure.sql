-- Why a run's latest execution did not complete, in words (file:line: reason, a lost worker, the
-- scorer that could not start); null once it completes. exit_message keeps Spring Batch's trace.
alter table eval_run add column failure text;

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
       r.failure
  from eval_run r
  left join lateral (
        select je.job_execution_id, je.status, je.exit_message, je.end_time
          from batch_job_execution je
          join batch_job_instance ji on ji.job_instance_id = je.job_instance_id and ji.job_name = 'evaluation'
          join batch_job_execution_params p on p.job_execution_id = je.job_execution_id
         where p.parameter_name = 'run.id' and p.parameter_value = r.run_id
         order by je.job_execution_id desc
         limit 1) e on true;
