-- Size and modification time of a file when a scheduled job claimed it, so that a firing passes
-- over a file it claimed before without reading it again. Claims made before this column existed
-- have none: their files are hashed once more, and the content hash still keeps them from being
-- evaluated twice.
alter table scheduled_input add column file_size bigint;
alter table scheduled_input add column modified_at timestamptz;
