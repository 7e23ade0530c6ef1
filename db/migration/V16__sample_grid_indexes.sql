-- The samples grid of 'evalbatch serve' pages by key through a run's results filtered by outcome,
-- ordered by duration, or reused from earlier runs: each is an index range, so that any page of a
-- million-sample run is read in milliseconds rather than by scanning the run.
create index result_outcome on result (run_id, outcome, sample_id);
create index result_duration on result (run_id, duration_ms, sample_id);
create index result_reused on result (run_id, sample_id) where reused_from is not null;
