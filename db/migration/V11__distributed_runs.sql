-- Distributed runs: a run's simulate partitions travel as Spring Batch StepExecutionRequests on a
-- Spring Integration queue kept in this database, and worker processes take them from there.

-- The queue: JdbcChannelMessageStore's table for PostgreSQL, as spring-integration-jdbc's
-- schema-postgresql.sql defines it (only this part of the script is used).
create sequence int_message_seq start with 1 increment by 1 no cycle;

create table int_channel_message (
    message_id       char(36)     not null,
    group_key        char(36)     not null,
    created_date     bigint       not null,
    message_priority bigint,
    message_sequence bigint       not null default nextval('int_message_seq'),
    message_content  bytea,
    region           varchar(100) not null,
    constraint int_channel_message_pk primary key (region, group_key, created_date, message_sequence)
);
create index int_channel_msg_delete_idx on int_channel_message (region, group_key, message_id);

-- Worker processes. seen_at is the database's clock at the worker's last heartbeat, so liveness
-- never depends on the clocks of the machines agreeing; stopped_at is set when a worker ends
-- cleanly (the row stays, so that a run can still name the worker of a partition).
create table worker (
    worker_id  text        primary key,
    queue      text        not null,
    host       text        not null,
    pid        bigint      not null,
    threads    int         not null,
    partitions int         not null,
    started_at timestamptz not null default now(),
    seen_at    timestamptz not null default now(),
    stopped_at timestamptz
);

-- Who took which partition execution. The first insert for a step execution decides: a worker
-- that takes the request, or the manager withdrawing a request no worker took (worker_id null)
-- when the run stops. A worker whose heartbeat is stale while its partition runs has lost it.
create table partition_claim (
    step_execution_id bigint      primary key,
    job_execution_id  bigint      not null,
    run_id            text        not null,
    partition_name    text        not null,
    worker_id         text,
    claimed_at        timestamptz not null default now(),
    -- why the partition failed on its worker, for the run to tell (its own process holds no trace)
    failure           text
);
create index partition_claim_job on partition_claim (job_execution_id);
create index partition_claim_worker on partition_claim (worker_id);
