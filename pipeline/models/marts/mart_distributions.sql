-- Histogram of each metric's observations in the city, per segment and year: 20 bins of a "nice" width (1, 2 or 5
-- × a power of ten) from 0 (or the minimum, if negative) up to the 99th percentile over all years, so every year of
-- a metric shares its bins; the last bin is open-ended and ends at the largest value.
with levels as (
    select * from int_metric_levels where area_id = 'xining'
),

ranges as (
    select
        metric_id,
        segment,
        least(0, min(value)) as low,
        quantile_cont(value, 0.99) as high,
        max(value) as top
    from levels
    group by metric_id, segment
),

widths as (
    select
        *,
        greatest((high - low) / 20, 1e-9) as raw_width,
        pow(10, floor(log10(greatest((high - low) / 20, 1e-9)))) as magnitude
    from ranges
),

bins as (
    select
        metric_id,
        segment,
        low,
        top,
        case
            when raw_width <= magnitude then magnitude
            when raw_width <= 2 * magnitude then 2 * magnitude
            when raw_width <= 5 * magnitude then 5 * magnitude
            else 10 * magnitude
        end as width
    from widths
),

placed as (
    select
        levels.metric_id,
        levels.segment,
        year(levels.observed_on) as year,
        least(floor((levels.value - bins.low) / bins.width), 19)::integer as bin,
        bins.low,
        bins.width,
        bins.top
    from levels
    join bins using (metric_id, segment)
),

final as (
    select
        metric_id,
        segment,
        year,
        any_value(low) + bin * any_value(width) as bin_lower,
        case when bin = 19 then greatest(any_value(top), any_value(low) + 20 * any_value(width))
            else any_value(low) + (bin + 1) * any_value(width) end as bin_upper,
        count(*) as n
    from placed
    group by metric_id, segment, year, bin
)

select * from final
