-- Closing a period left its units' unapproved drafts behind, shown in the entry form and counted
-- with count_unapproved as if the period were open; a close now drops them. The
-- drafts earlier closes left are dropped here the same way: each unit's task trail records how
-- many, the task keeps its state. All three tables are reference tables under Citus.
insert into task_transitions (unit_code, period, from_state, to_state, actor, at, comment)
select t.unit_code, t.period, t.state, t.state, 'migration', now(),
  '报送期关闭，' || count(*) || ' 条未审核的数据作废'
from fact_drafts d
join unit_tasks t on t.unit_code = d.unit_code
join reporting_periods r on r.province_code = t.province_code and r.period = t.period
where r.state = 'closed' and d.start_month >= r.start_month and d.end_month <= r.end_month
group by t.unit_code, t.period, t.state;

delete from fact_drafts d
using unit_tasks t, reporting_periods r
where t.unit_code = d.unit_code and r.province_code = t.province_code and r.period = t.period
  and r.state = 'closed' and d.start_month >= r.start_month and d.end_month <= r.end_month;
