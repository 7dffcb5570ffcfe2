-- China's working calendar in the warehouse, and SQL macros that count durations with it set-based.
-- The rows are written by pipeline/models/calendar/refreshCalendar.ts from pipeline/scoring/calendarTable.ts
-- (package chinese-days) and sources/calendar/office-hours.yaml; `calendar_source` records which versions, so the
-- table is rewritten whenever either changes. The conventions are those of pipeline/scoring/durations.ts, and
-- tests/models/calendarSql.test.ts proves the macros agree with `durationBetween` to 1e-9.

create table dim_calendar (
    date date primary key,
    year integer not null,
    is_workday boolean not null,
    is_holiday boolean not null,
    -- Chinese holiday name; on a make-up workday, the holiday it makes up for.
    holiday_name varchar,
    is_makeup_workday boolean not null,
    -- false: no State Council notice for the year; is_workday then follows Monday–Friday only (provisional).
    year_has_official_data boolean not null,
    -- office minutes of the day: one full office day on a workday, 0 on a day off.
    office_minutes double not null,
    -- office minutes of every earlier day of the table (a running total that starts at the table's first day).
    office_minutes_before double not null,
    -- workdays from the table's first day up to and including this one.
    workdays_through integer not null,
    -- days of the table, up to and including this one, in years without official data.
    provisional_days_through integer not null
);

-- One row per minute of a day (0 … 1440): the office minutes of a workday that lie before it, and whether the
-- minute [m, m + 1) is inside an office session. Minute 1440 holds the length of one full office day.
create table dim_office_minute (
    minute integer primary key,
    office_minutes_before double not null,
    is_office boolean not null
);

-- Provenance of the two tables above: calendar package and version, office hours, covered range, fingerprint.
create table calendar_source (
    key varchar primary key,
    value varchar not null
);

-- Minutes after local midnight of a TIMESTAMP (China local time, as feeds store it), seconds as fractions.
create macro minute_of_day(ts) as (epoch_us(ts) - epoch_us(ts::date)) / 60000000.0;

-- Office minutes from the start of the calendar table to the moment `ts`: time outside office hours, lunch breaks,
-- weekends and holidays add nothing. NULL when `ts` lies outside the calendar table.
create macro office_position(ts) as (
    select c.office_minutes_before
        + case when c.is_workday then m.office_minutes_before + (minute_of_day(ts) - m.minute) * m.is_office::integer
          else 0 end
    from dim_calendar c, dim_office_minute m
    where c.date = ts::date and m.minute = floor(minute_of_day(ts))::integer
);

-- Length of one full office day in minutes (the definition of 1 workday; 450 with the default hours).
create macro office_minutes_per_workday() as (select office_minutes_before from dim_office_minute where minute = 1440);

-- Fractional workdays between two moments by office hours (durations.ts, date-times).
create macro office_workdays(from_ts, to_ts) as
    (office_position(to_ts) - office_position(from_ts)) / office_minutes_per_workday();

-- Office hours between two moments (1 workday = office_minutes_per_workday() / 60 hours).
create macro office_hours(from_ts, to_ts) as (office_position(to_ts) - office_position(from_ts)) / 60.0;

-- Workdays after the first date up to and including the last (民法典 art. 201: the first day is not counted).
create macro legal_workdays(from_date, to_date) as (
    select t.workdays_through - f.workdays_through
    from dim_calendar f, dim_calendar t
    where f.date = from_date::date and t.date = to_date::date
);

-- Calendar days between two dates (the first day not counted) or, for date-times, elapsed days with fractions.
create macro calendar_days(from_date, to_date) as (to_date::date - from_date::date);
create macro elapsed_days(from_ts, to_ts) as (epoch_us(to_ts) - epoch_us(from_ts)) / 86400000000.0;

-- Whether every day from the first to the last date (both included) lies in a year with official holiday data.
-- NULL when a date is outside the calendar table.
create macro calendar_is_official(from_date, to_date) as (
    select t.provisional_days_through - f.provisional_days_through + (not f.year_has_official_data)::integer = 0
    from dim_calendar f, dim_calendar t
    where f.date = from_date::date and t.date = to_date::date
);
