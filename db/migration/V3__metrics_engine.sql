-- Metrics engine: answers for exact match and majority vote, lm-eval filter keys, bootstrap
-- standard errors and group rows weighted two ways.

-- The answer a filter extracted from a response (normalized as it was compared), for exact match
-- and majority vote. Null for filters that extract none (code execution).
alter table result add column answer text;

-- The lm-evaluation-harness filter that produced the response ("create_test", "strict-match"),
-- carried into the lm-eval shaped export. Null for inputs that have none.
alter table sample add column filter_key text;

-- Per-document values are written in bulk, hundreds of thousands per large run; a foreign key
-- checks each row with a trigger and costs three times the insert itself. The rows are derived
-- data of an existing run and go with it by this trigger instead.
alter table document_metric drop constraint document_metric_run_id_fkey;
create function delete_document_metrics() returns trigger language plpgsql as $$
begin
    delete from document_metric where run_id = old.run_id;
    return old;
end $$;
create trigger eval_run_document_metrics after delete on eval_run
    for each row execute function delete_document_metrics();

-- Task rows are means over documents. Group rows come twice: 'documents' weighs every task by its
-- number of documents (the mean over all documents of the group), 'tasks' weighs tasks equally.
alter table metric add column weighting text not null default 'documents'
    check (weighting in ('documents', 'tasks'));
alter table metric add column bootstrap_stderr double precision;
alter table metric add column samples bigint;
alter table metric drop constraint metric_pkey;
alter table metric add primary key (run_id, scope, name, metric, weighting);

-- Every sample with its response, outcome and answer: the table most questions about a run start from.
drop view sample_result;
create view sample_result as
select s.run_id, s.sample_id, s.task, s.doc_id, s.repeat_index, s.source_file, s.source_line,
       s.filter_key, s.response, r.outcome, r.score, r.answer, r.detail, r.duration_ms, r.scored_at
  from sample s
  left join result r on r.run_id = s.run_id and r.sample_id = s.sample_id;

-- One row per run and metric, with the run's job name and when the run was created.
create view run_metric as
select m.run_id, r.job_name, r.created_at, m.scope, m.name, m.metric, m.weighting, m.value, m.stderr,
       m.bootstrap_stderr, m.n as documents, m.samples, m.note, m.computed_at
  from metric m
  join eval_run r on r.run_id = m.run_id;

-- A run's status is that of its evaluation job; 'evalbatch metrics' runs jobs of its own with the
-- same run id, which must not count as the run's latest execution.
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
       (select count(*) from sample s where s.run_id = r.run_id)     as samples
  from eval_run r
  left join lateral (
        select je.job_execution_id, je.status, je.exit_message, je.end_time
          from batch_job_execution je
          join batch_job_instance ji on ji.job_instance_id = je.job_instance_id and ji.job_name = 'evaluation'
          join batch_job_execution_params p on p.job_execution_id = je.job_execution_id
         where p.parameter_name = 'run.id' and p.parameter_value = r.run_id
         order by je.job_execution_id desc
         limit 1) e on true;
