-- calendar_day holds administrators' overrides only: the official holidays and make-up working days now come from
-- the chinese-days dataset (src/kernel/official-calendar.ts, loaded by the calendar module). The rows the application
-- seeded on first start (2025 and 2026, never edited since: no updated_by) are the dataset's own days; an edited
-- one keeps its author and stays as an override. A seeded day that an administrator deleted returns with the dataset;
-- all such days lie before December 2026, so no deadline computed from now on crosses one.
delete from calendar_day where updated_by is null;
