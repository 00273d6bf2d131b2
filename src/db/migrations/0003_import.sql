-- Every spreadsheet import (and dry run) with its counts and its rejected rows, so the error report
-- can be downloaded from any server process later.
create table import_job (
  id          uuid        primary key default gen_random_uuid(),
  scope_code  varchar(15) not null,
  element     text        not null,
  dry_run     boolean     not null,
  mode        text        not null check (mode in ('valid_only', 'all_or_nothing')),
  file_sha256 text        not null,
  actor_id    uuid,
  actor_name  text        not null,
  created_at  timestamptz not null,
  counts      jsonb       not null,
  headers     jsonb       not null,
  rejected    jsonb       not null
);
create index import_job_scope_idx on import_job (scope_code text_pattern_ops, created_at desc);
