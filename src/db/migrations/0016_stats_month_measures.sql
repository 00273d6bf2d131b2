-- stats_month (0012) gets every measure of stats_day's all-categories rows, and `disputes`: received
-- events of category 01 矛盾纠纷. A dashboard window starts on the first of a month, so its totals and
-- its children's totals and disputes are a few month rows (minus any day rows after its last day)
-- instead of a row per day, or per day and dispute subcategory, per child: at 10M events those day
-- rows lie on a page each, and a county's children read 5,000 of them.
alter table stats_month
  add column accepted          integer not null default 0,
  add column responded         integer not null default 0,
  add column closed_on_time    integer not null default 0,
  add column resolved          integer not null default 0,
  add column rated_satisfied   integer not null default 0,
  add column rated_basic       integer not null default 0,
  add column rated_unsatisfied integer not null default 0,
  add column disputes          integer not null default 0;

-- Counted again from the day rows, by the rules the roll-up job uses (src/jobs/rollup-sql.ts addMonthDeltas).
delete from stats_month;
insert into stats_month (area_code, month, received, accepted, responded, closed, closed_on_time, resolved, rated_satisfied, rated_basic, rated_unsatisfied, overdue, disputes)
select area_code, date_trunc('month', day::timestamp)::date,
       coalesce(sum(received) filter (where category_code = ''), 0)::int, coalesce(sum(accepted) filter (where category_code = ''), 0)::int,
       coalesce(sum(responded) filter (where category_code = ''), 0)::int, coalesce(sum(closed) filter (where category_code = ''), 0)::int,
       coalesce(sum(closed_on_time) filter (where category_code = ''), 0)::int, coalesce(sum(resolved) filter (where category_code = ''), 0)::int,
       coalesce(sum(rated_satisfied) filter (where category_code = ''), 0)::int, coalesce(sum(rated_basic) filter (where category_code = ''), 0)::int,
       coalesce(sum(rated_unsatisfied) filter (where category_code = ''), 0)::int, coalesce(sum(overdue) filter (where category_code = ''), 0)::int,
       coalesce(sum(received) filter (where category_code like '01%'), 0)::int
from stats_day
group by 1, 2;
