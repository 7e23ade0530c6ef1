-- Each result carries its sample's task, document and repeat, so that the per-document
-- aggregates the metrics step reads are a grouping of `result` alone: joining a million results
-- to their samples cost more than everything else the metrics step does.
alter table result add column task text;
alter table result add column doc_id text;
alter table result add column repeat_index int;

update result r
   set task = s.task, doc_id = s.doc_id, repeat_index = s.repeat_index
  from sample s
 where s.run_id = r.run_id and s.sample_id = r.sample_id;

alter table result alter column task set not null;
alter table result alter column doc_id set not null;
alter table result alter column repeat_index set not null;
