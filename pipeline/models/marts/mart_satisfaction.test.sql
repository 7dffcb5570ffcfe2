-- test: index_on_0_to_100
select * from mart_satisfaction where satisfaction_index < 0 or satisfaction_index > 100

-- test: totals_add_up
select month_start, respondent_type, sum(s.n) as by_unit, any_value(t.n) as total
from mart_satisfaction s
join (select month_start, respondent_type, n from mart_satisfaction where unit_id = 'all' and survey = 'all') t
    using (month_start, respondent_type)
where s.unit_id <> 'all' and s.survey = 'all'
group by month_start, respondent_type
having sum(s.n) <> any_value(t.n)
