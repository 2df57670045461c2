-- The issue-24 indicator set of config/banking.scheme.json for one quarter,
-- written by hand for DuckDB the way an analyst would (bench/peers/duckdb.mjs
-- runs it after loading the CSVs). The dollar-brace placeholders are the period's constants, put in
-- by the driver: day numbers since 1970-01-01 (LO..HI the quarter, PLO..PHI
-- the quarter before), the 旬 of the quarter (XUN: rows of lo, hi, weight),
-- DAYS, PDAYS and YEAR_SHARE (days / 360).
-- Conventions as Merit's (framework/data/fact_aggregation.hpp) and the SQLite
-- baseline (bench/baseline/banking.sql): a balance holds from its date until
-- the next one (carry-forward); it reaches a manager through owner/co_owner
-- assignments, times the share, only on the days the assignment is valid.

CREATE TEMP MACRO dn(d) AS datediff('day', DATE '1970-01-01', d);

-- The scheme's scope: customer managers (risk managers have their own
-- scheme, config/banking-risk.scheme.json, not in this benchmark yet).
CREATE TEMP TABLE scope AS
SELECT id AS manager_id FROM managers
WHERE role = 'customer_manager' AND status IN ('active', 'probation')
  AND (hired_on IS NULL OR hired_on <= DATE '${LAST_DAY}');

CREATE TEMP TABLE win AS
SELECT a.customer_id, a.manager_id, a.role, a.share, dn(a.valid_from) AS f,
       COALESCE(dn(a.valid_to), 100000000) AS t
FROM assignments a JOIN scope s ON s.manager_id = a.manager_id;

-- Balance spans [f, t] of the stock metrics read here.
CREATE TEMP TABLE span AS
SELECT metric, entity_id AS customer_id, value, dn(date) AS f,
       COALESCE(dn(LEAD(date) OVER (PARTITION BY metric, entity_id ORDER BY date)) - 1, 100000000) AS t
FROM facts
WHERE entity = 'customer' AND date <= DATE '${LAST_DAY}'
  AND metric IN ('deposit', 'loan_normal', 'loan_special_mention', 'loan_substandard', 'loan_doubtful', 'loan_loss');

CREATE TEMP TABLE stock AS
SELECT w.manager_id, s.metric,
       SUM(s.value * w.share * greatest(0, least(s.t, w.t, ${HI}) - greatest(s.f, w.f, ${LO}) + 1)) / ${DAYS} AS daily_avg,
       SUM(s.value * w.share * greatest(0, least(s.t, w.t, ${PHI}) - greatest(s.f, w.f, ${PLO}) + 1)) / ${PDAYS}
         AS prev_daily_avg,
       SUM(CASE WHEN s.f <= ${HI} AND s.t >= ${HI} AND w.f <= ${HI} AND w.t >= ${HI}
                THEN s.value * w.share ELSE 0 END) AS end_value,
       SUM(CASE WHEN s.f <= ${PHI} AND s.t >= ${PHI} AND w.f <= ${PHI} AND w.t >= ${PHI}
                THEN s.value * w.share ELSE 0 END) AS prev_end_value,
       SUM(CASE WHEN s.f <= ${PHI} AND s.t >= ${PHI} AND w.f <= ${PHI} AND w.t >= ${PHI}
                THEN s.value ELSE 0 END) AS prev_end_whole
FROM span s JOIN win w ON w.customer_id = s.customer_id AND w.role IN ('owner', 'co_owner')
WHERE s.t >= ${PLO} AND w.t >= ${PLO} AND w.f <= ${HI}
GROUP BY w.manager_id, s.metric;

CREATE TEMP TABLE xun(lo INTEGER, hi INTEGER, w DOUBLE);
INSERT INTO xun VALUES ${XUN};

CREATE TEMP TABLE xun_avg AS
SELECT w.manager_id, s.metric,
       SUM(s.value * w.share * (least(s.t, w.t, x.hi) - greatest(s.f, w.f, x.lo) + 1) * x.w) AS value
FROM span s JOIN win w ON w.customer_id = s.customer_id AND w.role IN ('owner', 'co_owner')
     JOIN xun x ON s.f <= x.hi AND s.t >= x.lo AND w.f <= x.hi AND w.t >= x.lo
WHERE least(s.t, w.t, x.hi) >= greatest(s.f, w.f, x.lo)
GROUP BY w.manager_id, s.metric;

-- Flows of the quarter: by share for income, whole for bad-loan accountability.
CREATE TEMP TABLE flow AS
SELECT w.manager_id, f.metric, w.role = 'risk' AS as_risk,
       SUM(f.value * w.share) AS by_share, SUM(f.value) AS whole, COUNT(*) AS cases
FROM facts f JOIN win w ON w.customer_id = f.entity_id
WHERE f.entity = 'customer' AND f.date BETWEEN DATE '${FIRST_DAY}' AND DATE '${LAST_DAY}'
  AND f.metric IN ('loan_interest', 'loan_downgraded', 'intl_settlement_income',
                   'fee_wealth', 'fee_fund', 'fee_insurance', 'fee_settlement', 'fee_agency')
  AND dn(f.date) BETWEEN w.f AND w.t
GROUP BY w.manager_id, f.metric, w.role = 'risk';

CREATE TEMP TABLE v AS
WITH
x AS (SELECT manager_id, SUM(CASE WHEN metric = 'deposit' THEN value ELSE 0 END) AS deposits,
             SUM(CASE WHEN metric <> 'deposit' THEN value ELSE 0 END) AS loans
      FROM xun_avg GROUP BY manager_id),
fl AS (SELECT manager_id,
              SUM(CASE WHEN metric = 'loan_interest' AND NOT as_risk THEN by_share ELSE 0 END) AS interest,
              SUM(CASE WHEN metric LIKE 'fee\_%' ESCAPE '\' AND NOT as_risk THEN by_share ELSE 0 END) AS fees,
              SUM(CASE WHEN metric = 'intl_settlement_income' AND NOT as_risk THEN by_share ELSE 0 END) AS settlement,
              SUM(CASE WHEN metric = 'loan_downgraded' AND NOT as_risk THEN whole ELSE 0 END) AS bad_owner
       FROM flow GROUP BY manager_id),
st AS (SELECT manager_id,
              SUM(CASE WHEN metric = 'deposit' THEN daily_avg - prev_daily_avg ELSE 0 END) AS deposit_avg_increment,
              SUM(CASE WHEN metric = 'deposit' THEN end_value - prev_end_value ELSE 0 END) AS deposit_point_increment,
              -- five-tier provision: 30 / 50 / 100 % of substandard, doubtful, loss
              SUM(CASE metric WHEN 'loan_substandard' THEN 0.3 WHEN 'loan_doubtful' THEN 0.5
                              WHEN 'loan_loss' THEN 1.0 ELSE 0 END * end_value) AS provision,
              SUM(CASE metric WHEN 'loan_substandard' THEN 0.3 WHEN 'loan_doubtful' THEN 0.5
                              WHEN 'loan_loss' THEN 1.0 ELSE 0 END * prev_end_value) AS prev_provision,
              SUM(CASE metric WHEN 'loan_normal' THEN 0.005 WHEN 'loan_special_mention' THEN 0.03
                              WHEN 'loan_substandard' THEN 0.30 WHEN 'loan_doubtful' THEN 0.50
                              WHEN 'loan_loss' THEN 1.00 ELSE 0 END * end_value) AS annual_el,
              SUM(CASE WHEN metric <> 'deposit' THEN prev_end_whole ELSE 0 END) AS loans_held_prev
       FROM stock GROUP BY manager_id)
SELECT sc.manager_id,
       COALESCE(st.deposit_avg_increment, 0) AS deposit_avg_increment,
       COALESCE(st.deposit_point_increment, 0) AS deposit_point_increment,
       COALESCE(fl.fees, 0) AS intermediate_income,
       COALESCE(x.deposits, 0) AS deposits, COALESCE(x.loans, 0) AS loans,
       COALESCE(fl.interest, 0) + COALESCE(fl.fees, 0) + COALESCE(fl.settlement, 0)
         + greatest(COALESCE(x.deposits, 0) - COALESCE(x.loans, 0), 0) * 0.025 * ${YEAR_SHARE} AS income,
       COALESCE(x.deposits, 0) * 0.015 * ${YEAR_SHARE}
         + greatest(COALESCE(x.loans, 0) - COALESCE(x.deposits, 0), 0) * 0.03 * ${YEAR_SHARE} AS funding_cost,
       COALESCE(st.provision, 0) - COALESCE(st.prev_provision, 0) AS loan_loss,
       COALESCE(st.annual_el, 0) * ${YEAR_SHARE} AS expected_loss,
       COALESCE(fl.bad_owner, 0) AS bad_owner, COALESCE(st.loans_held_prev, 0) AS loans_held_prev
FROM scope sc
LEFT JOIN st ON st.manager_id = sc.manager_id
LEFT JOIN x ON x.manager_id = sc.manager_id
LEFT JOIN fl ON fl.manager_id = sc.manager_id;

CREATE TEMP TABLE rating_mean AS
SELECT manager_id, rater_role, item, AVG(score) AS mean
FROM ratings WHERE period = '${PERIOD}' GROUP BY manager_id, rater_role, item;

CREATE TEMP TABLE event_sum AS
SELECT manager_id, kind, COUNT(*) AS n, SUM(quantity) AS quantity
FROM events WHERE date BETWEEN DATE '${FIRST_DAY}' AND DATE '${LAST_DAY}' AND kind IN ('complaint', 'violation')
GROUP BY manager_id, kind;

-- One row per manager in scope, one column per indicator (NULL = no value).
CREATE TEMP TABLE indicators AS
SELECT v.manager_id, v.deposit_avg_increment, v.deposit_point_increment, v.intermediate_income,
       v.income - v.funding_cost - v.loan_loss AS virtual_profit,
       CASE WHEN v.loans * 0.08 > 0
            THEN (v.income - v.funding_cost - v.expected_loss) / (v.loans * 0.08) / ${YEAR_SHARE} * 100 END AS raroc,
       CASE WHEN v.loans_held_prev > 0 THEN v.bad_owner / v.loans_held_prev * 100 ELSE 0 END AS npl_formed_ratio,
       COALESCE(ev.quantity, 0) AS violations,
       COALESCE(ec.n, 0) AS complaint_rate,
       v.deposit_avg_increment / t.value AS sales_completion,
       rs.mean AS satisfaction, re.mean AS service_efficiency, ra.mean AS service_attitude,
       (SELECT SUM(CASE r.rater_role WHEN 'supervisor' THEN 60 ELSE 40 END * r.mean)
               / SUM(CASE r.rater_role WHEN 'supervisor' THEN 60 ELSE 40 END)
        FROM rating_mean r WHERE r.manager_id = v.manager_id AND r.item = 'problem_solving'
          AND r.rater_role IN ('supervisor', 'peer')) AS problem_solving
FROM v
LEFT JOIN event_sum ev ON ev.manager_id = v.manager_id AND ev.kind = 'violation'
LEFT JOIN event_sum ec ON ec.manager_id = v.manager_id AND ec.kind = 'complaint'
LEFT JOIN targets t ON t.manager_id = v.manager_id AND t.indicator = 'deposit_increment'
                   AND t.period = '${PERIOD}' AND t.value <> 0
LEFT JOIN rating_mean rs ON rs.manager_id = v.manager_id AND rs.item = 'satisfaction' AND rs.rater_role = 'customer'
LEFT JOIN rating_mean re ON re.manager_id = v.manager_id AND re.item = 'efficiency' AND re.rater_role = 'supervisor'
LEFT JOIN rating_mean ra ON ra.manager_id = v.manager_id AND ra.item = 'attitude' AND ra.rater_role = 'customer';
