-- Login throttling per OWASP (issue #14 item 7): progressive delays instead of a lockout, counted per account and per
-- (account, address) pair, never for an address across all accounts. One row per counter; `blocked_until` is when
-- the next guess is accepted. Rows go quiet and are deleted after a day without failures.
create table login_throttle (
  kind            text        not null check (kind in ('account', 'pair')),
  username        text        not null,
  ip              text        not null default '',
  failures        integer     not null,
  last_failure_at timestamptz not null,
  blocked_until   timestamptz not null,
  primary key (kind, username, ip)
);
create index login_throttle_last_failure_idx on login_throttle (last_failure_at);

-- The log of single failures is replaced by the counters above.
drop table login_failure;

-- The last few password hashes of each account, so a new password cannot be an old one (issue #14 item 6).
create table password_history (
  id            bigserial   primary key,
  user_id       uuid        not null references app_user (id),
  password_hash text        not null,
  created_at    timestamptz not null
);
create index password_history_user_idx on password_history (user_id, created_at desc);

-- Fixed-window request counters for the rate limiter (issue #14 item 8), shared by every process through the
-- database: one atomic upsert per request. Old windows are deleted by the writers themselves, about once a window.
create table rate_limit_counter (
  key          text        not null,
  window_start timestamptz not null,
  count        integer     not null,
  primary key (key, window_start)
);
create index rate_limit_counter_window_idx on rate_limit_counter (window_start);
