-- The dashboard's 12-month trend (issue #5): received, closed and overdue per area and Shanghai month,
-- over all categories. The roll-up job (src/jobs/rollup.ts) adds to it by the same rules and from the
-- same fact differences as the all-categories rows of stats_day, so a month here always equals the
-- sum of that month's stats_day rows of category '' (tests/integration/dashboard.test.ts checks the
-- trend against a recount from the raw rows). Twelve rows per area instead of a year of day rows.
create table stats_month (
  area_code  varchar(15) not null,
  month      date        not null,
  received   integer     not null default 0,
  closed     integer     not null default 0,
  overdue    integer     not null default 0,
  primary key (area_code, month)
);

-- A database that already has roll-ups starts from them.
insert into stats_month (area_code, month, received, closed, overdue)
select area_code, date_trunc('month', day)::date, sum(received)::int, sum(closed)::int, sum(overdue)::int
from stats_day where category_code = ''
group by 1, 2;
