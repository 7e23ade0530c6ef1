-- evalbatch_reader: the role `evalbatch sql` (without --write) and `evalbatch serve` connect as.
-- It may read evalbatch's tables and views and nothing else: not write them whatever the
-- transaction says, not read the server's files, not run programs on the server (copy ... to
-- program), which the user evalbatch migrates with (the embedded database's superuser) may.
-- Created only where that user may create roles; on a server of your own, create it as
-- docs/database.md says, and evalbatch's next start grants it what it needs.
do $$
declare
    may_create boolean;
begin
    select rolsuper or rolcreaterole into may_create from pg_roles where rolname = current_user;
    if not exists (select from pg_roles where rolname = 'evalbatch_reader') then
        if not may_create then
            raise notice 'evalbatch_reader not created: % may not create roles', current_user;
            return;
        end if;
        create role evalbatch_reader login nosuperuser nocreatedb nocreaterole noinherit;
        alter role evalbatch_reader set default_transaction_read_only = on;
        alter role evalbatch_reader set statement_timeout = '10min';
    end if;
    execute format('grant usage on schema %I to evalbatch_reader', current_schema());
    execute format('grant select on all tables in schema %I to evalbatch_reader', current_schema());
    -- and on every table and view later migrations create
    execute format('alter default privileges in schema %I grant select on tables to evalbatch_reader',
                   current_schema());
end $$;
