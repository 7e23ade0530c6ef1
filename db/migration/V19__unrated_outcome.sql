-- A judge's verdict without a rating (FastChat records -1 for it) is an outcome of its own:
-- neither a pass nor the scorer's error, counted and shown, and left out of every metric.
alter table result drop constraint result_outcome_check;
alter table result add constraint result_outcome_check
    check (outcome in ('passed', 'failed', 'timed_out', 'error', 'unrated'));
