-- Samples and results are written in bulk, a million per large run. Each foreign key checks every
-- row with a trigger that costs more than the insert itself; the rows are written only by
-- evalbatch (a result only for a sample it has read), so the keys go, and deleting a run deletes
-- its rows by this one trigger instead of by cascades.
alter table result drop constraint result_run_id_sample_id_fkey;
alter table sample drop constraint sample_run_id_fkey;

drop trigger eval_run_document_metrics on eval_run;
drop function delete_document_metrics();

create function delete_run_rows() returns trigger language plpgsql as $$
begin
    delete from result where run_id = old.run_id;
    delete from sample where run_id = old.run_id;
    delete from document_metric where run_id = old.run_id;
    return old;
end $$;
create trigger eval_run_rows after delete on eval_run
    for each row execute function delete_run_rows();
