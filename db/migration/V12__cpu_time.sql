-- The CPU time a sample used and the CPU time it was allowed, as the filter measured and enforced
-- them; null for filters that do not measure CPU time (external simulators, exact match).
alter table result add column cpu_ms bigint;
alter table result add column cpu_limit_ms bigint;

-- near_limit: the outcome could be another on a machine twice as fast or twice as slow, because
-- the sample timed out or used at least half of its CPU limit.
create or replace view sample_result as
select s.run_id, s.sample_id, s.task, s.doc_id, s.repeat_index, s.source_file, s.source_line,
       s.filter_key, s.response, r.outcome, r.score, r.answer, r.detail, r.duration_ms, r.scored_at,
       r.fields, r.reused_from, r.cpu_ms, r.cpu_limit_ms,
       case when r.outcome is null then null
            else r.outcome = 'timed_out' or coalesce(2 * r.cpu_ms >= r.cpu_limit_ms, false) end as near_limit
  from sample s
  left join result r on r.run_id = s.run_id and r.sample_id = s.sample_id;
