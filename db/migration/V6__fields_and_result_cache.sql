-- Named result fields, the lm-eval document of a sample, and the result cache.

-- The dataset row an lm-eval log line carries ("doc"), as JSON text: external simulators may need
-- more of the document than the prompt and the target. Null for human-eval input.
alter table sample add column doc text;

-- Hash of everything that determines this sample's result: the filter (name, version,
-- configuration) and what it reads of the sample. Equal keys in two runs mean the stored result of
-- one can stand for the other.
alter table sample add column cache_key text;

-- Named numbers and texts a filter returned besides its outcome (an extracted answer, a simulated
-- cost, the number of tests passed), aggregated by the metrics engine.
alter table result add column fields jsonb;

-- The run whose result this one copies; null when it was computed in its own run.
alter table result add column reused_from text;

-- The sample's cache key, on results that were computed (not copied) and did not end in error:
-- exactly the results a later run may reuse, found by one index lookup however many runs copied
-- them. A hash index: keys are only compared for equality, and it stays small and cheap to insert.
alter table result add column cache_key text;
create index result_cache_key on result using hash (cache_key) where cache_key is not null;

create or replace view sample_result as
select s.run_id, s.sample_id, s.task, s.doc_id, s.repeat_index, s.source_file, s.source_line,
       s.filter_key, s.response, r.outcome, r.score, r.answer, r.detail, r.duration_ms, r.scored_at,
       r.fields, r.reused_from
  from sample s
  left join result r on r.run_id = s.run_id and r.sample_id = s.sample_id;
