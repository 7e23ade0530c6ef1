-- The samples grid of 'evalbatch serve' pages by key through a run's failures, timeouts or
-- errors: an index range, so that any such page of a million-sample run is read in milliseconds
-- rather than by scanning the run. Passed results are left out of the index (they are usually
-- most, and found fast in sample order anyway), as are durations and reuse: every index entry
-- costs each result written, and a cheap scorer writes a million results in seconds.
create index result_not_passed on result (run_id, outcome, sample_id) where outcome <> 'passed';
