-- The SQL baseline of the banking benchmark: config/banking.scheme.json for
-- 2026-Q3 written by hand as one SQL script, the way a bank's analyst would
-- compute the quarterly assessment without Merit. Run with the sqlite3 shell
-- on a workspace (it only reads the input tables; everything it builds is
-- TEMP) with the output database attached as `baseline`:
--
--   sqlite3 ws.merit "ATTACH 'baseline.db' AS baseline" ".read bench/baseline/banking.sql"
--
-- It writes baseline.indicator_values (manager, indicator id, value) and
-- baseline.manager_results (total, rating, ranks, vetoed, pay in fen), which
-- bench/baseline/compare.sql checks against Merit's stored run.
--
-- Conventions (the same as Merit's, see framework/data/fact_aggregation.hpp):
-- a balance holds from its date until the next value (carry-forward); a
-- customer's balance reaches a manager through owner/co_owner assignments,
-- times the share, only on the days the assignment is valid; daily average =
-- Σ over the days / days in the period; 旬 average = mean of the 旬 averages.
-- Balances are handled as spans [from, to] of days, never day by day.

PRAGMA temp_store = MEMORY;
PRAGMA cache_size = -262144;

-- The assessed quarter and its comparison quarter.
CREATE TEMP TABLE p AS
SELECT '2026-Q3' AS period, '2026-07-01' AS first_day,
       julianday('2026-07-01') AS lo, julianday('2026-09-30') AS hi, '2026-09-30' AS last_day,
       julianday('2026-04-01') AS prev_lo, julianday('2026-06-30') AS prev_hi, '2026-06-30' AS prev_last,
       92.0 AS days, 92.0 / 360 AS year_share;

-- 旬 of the quarter: days 1-10, 11-20, 21-end of each month; each day of a
-- 旬 with n days weighs 1 / (n × 9).
CREATE TEMP TABLE xun AS
WITH m(k, first) AS (VALUES (0, '2026-07-01'), (1, '2026-08-01'), (2, '2026-09-01')),
     x(lo, hi) AS (
       SELECT julianday(first), julianday(first, '+9 days') FROM m
       UNION ALL SELECT julianday(first, '+10 days'), julianday(first, '+19 days') FROM m
       UNION ALL SELECT julianday(first, '+20 days'), julianday(first, '+1 month', '-1 day') FROM m)
SELECT lo, hi, 1.0 / ((hi - lo + 1) * 9) AS w FROM x;

-- Who is assessed, and whose weights apply.
CREATE TEMP TABLE scope AS
SELECT m.id AS manager_id, m.org_unit_id, m.grade,
       CASE WHEN m.grade IN ('资深', '高级一级', '高级二级', '一级') THEN 'senior'
            WHEN m.grade IN ('二级', '三级', '四级', '助理', '见习') THEN 'junior'
            WHEN m.grade = '风险经理' THEN 'risk' ELSE '' END AS grp
FROM managers m, p
-- The scheme's scope: customer managers (risk managers have their own scheme,
-- config/banking-risk.scheme.json, not in this benchmark yet).
WHERE m.role = 'customer_manager' AND m.status IN ('active', 'probation')
  AND (m.hired_on IS NULL OR m.hired_on = '' OR m.hired_on <= p.last_day);
CREATE UNIQUE INDEX temp.scope_id ON scope(manager_id);

-- Assignment windows as day numbers (valid_to inclusive, open-ended = far future).
CREATE TEMP TABLE win AS
SELECT a.customer_id, a.manager_id, a.role, a.share,
       julianday(a.valid_from) AS f, COALESCE(julianday(NULLIF(a.valid_to, '')), 9e9) AS t
FROM assignments a JOIN scope s ON s.manager_id = a.manager_id;
CREATE INDEX temp.win_customer ON win(customer_id, role);

-- Balance spans of the stock metrics the scheme reads: each value holds
-- until the day before the next one.
CREATE TEMP TABLE span AS
SELECT f.metric, f.entity_id AS customer_id, f.value, julianday(f.date) AS f,
       COALESCE(julianday(LEAD(f.date) OVER (PARTITION BY f.metric, f.entity_id ORDER BY f.date)) - 1, 9e9) AS t
FROM facts f, p
WHERE f.entity = 'customer' AND f.date <= p.last_day
  AND f.metric IN ('deposit', 'aum', 'holds_card', 'holds_wealth', 'holds_fund', 'holds_insurance',
                   'loan_normal', 'loan_special_mention', 'loan_substandard', 'loan_doubtful', 'loan_loss');
CREATE INDEX temp.span_customer ON span(customer_id, metric, f);

-- Period aggregates of the stock metrics per manager, owner/co_owner by share:
-- daily averages of both quarters, the 旬 average of this quarter, the
-- balance at the end of both quarters.
CREATE TEMP TABLE stock AS
SELECT w.manager_id, s.metric,
       SUM(s.value * w.share * MAX(0, MIN(s.t, w.t, p.hi) - MAX(s.f, w.f, p.lo) + 1)) / p.days AS daily_avg,
       SUM(s.value * w.share * MAX(0, MIN(s.t, w.t, p.prev_hi) - MAX(s.f, w.f, p.prev_lo) + 1))
         / (p.prev_hi - p.prev_lo + 1) AS prev_daily_avg,
       SUM(CASE WHEN s.f <= p.hi AND s.t >= p.hi AND w.f <= p.hi AND w.t >= p.hi
                THEN s.value * w.share ELSE 0 END) AS end_value,
       SUM(CASE WHEN s.f <= p.prev_hi AND s.t >= p.prev_hi AND w.f <= p.prev_hi AND w.t >= p.prev_hi
                THEN s.value * w.share ELSE 0 END) AS prev_end_value,
       SUM(CASE WHEN s.f <= p.prev_hi AND s.t >= p.prev_hi AND w.f <= p.prev_hi AND w.t >= p.prev_hi
                THEN s.value ELSE 0 END) AS prev_end_whole
FROM span s JOIN win w ON w.customer_id = s.customer_id AND w.role IN ('owner', 'co_owner'), p
WHERE s.metric IN ('deposit', 'aum', 'loan_normal', 'loan_special_mention', 'loan_substandard',
                   'loan_doubtful', 'loan_loss')
  AND s.t >= p.prev_lo AND w.t >= p.prev_lo AND w.f <= p.hi
GROUP BY w.manager_id, s.metric;
CREATE INDEX temp.stock_key ON stock(manager_id, metric);

CREATE TEMP TABLE xun_avg AS
SELECT w.manager_id, s.metric,
       SUM(s.value * w.share * (MIN(s.t, w.t, x.hi) - MAX(s.f, w.f, x.lo) + 1) * x.w) AS value
FROM span s JOIN win w ON w.customer_id = s.customer_id AND w.role IN ('owner', 'co_owner')
     JOIN xun x ON s.f <= x.hi AND s.t >= x.lo AND w.f <= x.hi AND w.t >= x.lo
WHERE s.metric IN ('deposit', 'loan_normal', 'loan_special_mention', 'loan_substandard', 'loan_doubtful', 'loan_loss')
  AND MIN(s.t, w.t, x.hi) >= MAX(s.f, w.f, x.lo)
GROUP BY w.manager_id, s.metric;
CREATE INDEX temp.xun_key ON xun_avg(manager_id, metric);

-- Loans a risk manager co-signed (role risk, whole amounts) at quarter end.
CREATE TEMP TABLE risk_loans AS
SELECT w.manager_id, SUM(s.value) AS total,
       SUM(CASE WHEN s.metric IN ('loan_substandard', 'loan_doubtful', 'loan_loss') THEN s.value ELSE 0 END) AS bad
FROM span s JOIN win w ON w.customer_id = s.customer_id AND w.role = 'risk', p
WHERE s.metric LIKE 'loan\_%' ESCAPE '\' AND s.f <= p.hi AND s.t >= p.hi AND w.f <= p.hi AND w.t >= p.hi
GROUP BY w.manager_id;

-- Flows of the quarter: by share for income, whole for bad-loan accountability.
CREATE TEMP TABLE flow AS
SELECT w.manager_id, f.metric, w.role = 'risk' AS as_risk,
       SUM(f.value * w.share) AS by_share, SUM(f.value) AS whole, COUNT(*) AS cases
FROM facts f JOIN win w ON w.customer_id = f.entity_id, p
WHERE f.entity = 'customer' AND f.date >= p.first_day AND f.date <= p.last_day
  AND f.metric IN ('loan_issued', 'loan_interest', 'loan_downgraded', 'intl_settlement_income',
                   'fee_wealth', 'fee_fund', 'fee_insurance', 'fee_settlement', 'fee_agency')
  AND julianday(f.date) BETWEEN w.f AND w.t
GROUP BY w.manager_id, f.metric, w.role = 'risk';
CREATE INDEX temp.flow_key ON flow(manager_id, metric, as_risk);

-- Customer books (管户) on a day: owner/co_owner valid that day, with the
-- customer's latest balance of a metric (NULL when none).
CREATE TEMP TABLE book AS
SELECT DISTINCT w.manager_id, w.customer_id, d.day, d.at
FROM win w, (SELECT 'open' AS day, p.prev_hi AS at FROM p UNION ALL SELECT 'close', p.hi FROM p) d
WHERE w.role IN ('owner', 'co_owner') AND w.f <= d.at AND w.t >= d.at;
CREATE INDEX temp.book_key ON book(manager_id, day, customer_id);

CREATE TEMP TABLE book_balance AS
SELECT b.manager_id, b.customer_id, b.day, s.metric, s.value
FROM book b JOIN span s ON s.customer_id = b.customer_id AND s.f <= b.at AND s.t >= b.at
WHERE s.metric IN ('aum', 'holds_card', 'holds_wealth', 'holds_fund', 'holds_insurance');
CREATE INDEX temp.book_balance_key ON book_balance(manager_id, customer_id, day, metric);

-- Tier by AUM: thresholds 50,000 / 500,000 / 6,000,000.
CREATE TEMP TABLE aum_book AS
SELECT b.manager_id, b.customer_id, b.day, COALESCE(v.value, 0) AS aum,
       (COALESCE(v.value, 0) >= 50000) + (COALESCE(v.value, 0) >= 500000) + (COALESCE(v.value, 0) >= 6000000) AS tier
FROM book b LEFT JOIN book_balance v
  ON v.manager_id = b.manager_id AND v.customer_id = b.customer_id AND v.day = b.day AND v.metric = 'aum';
CREATE INDEX temp.aum_book_key ON aum_book(manager_id, day, customer_id);

-- The bank won a customer on its first assignment to anyone.
CREATE TEMP TABLE first_assigned AS
SELECT customer_id, MIN(valid_from) AS since FROM assignments GROUP BY customer_id;

-- ---------------------------------------------------------------- inputs --
CREATE TEMP TABLE v AS
WITH
s AS (SELECT manager_id, metric, daily_avg, prev_daily_avg, end_value, prev_end_value, prev_end_whole FROM stock),
x AS (SELECT manager_id,
             SUM(CASE WHEN metric = 'deposit' THEN value ELSE 0 END) AS deposits,
             SUM(CASE WHEN metric LIKE 'loan\_%' ESCAPE '\' THEN value ELSE 0 END) AS loans
      FROM xun_avg GROUP BY manager_id),
fl AS (SELECT manager_id,
              SUM(CASE WHEN metric = 'loan_issued' AND NOT as_risk THEN by_share ELSE 0 END) AS issued,
              SUM(CASE WHEN metric = 'loan_interest' AND NOT as_risk THEN by_share ELSE 0 END) AS interest,
              SUM(CASE WHEN metric LIKE 'fee\_%' ESCAPE '\' AND NOT as_risk THEN by_share ELSE 0 END) AS fees,
              SUM(CASE WHEN metric = 'intl_settlement_income' AND NOT as_risk THEN by_share ELSE 0 END) AS settlement,
              SUM(CASE WHEN metric = 'loan_downgraded' AND NOT as_risk THEN whole ELSE 0 END) AS bad_owner,
              SUM(CASE WHEN metric = 'loan_downgraded' AND NOT as_risk THEN cases ELSE 0 END) AS cases_owner,
              SUM(CASE WHEN metric = 'loan_downgraded' AND as_risk THEN whole ELSE 0 END) AS bad_risk,
              SUM(CASE WHEN metric = 'loan_downgraded' AND as_risk THEN cases ELSE 0 END) AS cases_risk
       FROM flow GROUP BY manager_id),
st AS (SELECT manager_id,
              SUM(CASE WHEN metric = 'deposit' THEN daily_avg - prev_daily_avg ELSE 0 END) AS deposit_avg_increment,
              SUM(CASE WHEN metric = 'deposit' THEN end_value - prev_end_value ELSE 0 END) AS deposit_point_increment,
              SUM(CASE WHEN metric = 'aum' THEN end_value ELSE 0 END) AS aum_end,
              SUM(CASE WHEN metric = 'aum' THEN prev_end_value ELSE 0 END) AS aum_prev_end,
              SUM(CASE metric WHEN 'loan_substandard' THEN 0.3 WHEN 'loan_doubtful' THEN 0.5
                              WHEN 'loan_loss' THEN 1.0 ELSE 0 END * end_value) AS provision,
              SUM(CASE metric WHEN 'loan_substandard' THEN 0.3 WHEN 'loan_doubtful' THEN 0.5
                              WHEN 'loan_loss' THEN 1.0 ELSE 0 END * prev_end_value) AS prev_provision,
              SUM(CASE metric WHEN 'loan_normal' THEN 0.005 WHEN 'loan_special_mention' THEN 0.03
                              WHEN 'loan_substandard' THEN 0.30 WHEN 'loan_doubtful' THEN 0.50
                              WHEN 'loan_loss' THEN 1.00 ELSE 0 END * end_value) AS annual_el,
              SUM(CASE WHEN metric LIKE 'loan\_%' ESCAPE '\' THEN prev_end_whole ELSE 0 END) AS loans_held_prev
       FROM s GROUP BY manager_id)
SELECT sc.manager_id, sc.org_unit_id, sc.grp, sc.grade,
       COALESCE(st.deposit_avg_increment, 0) AS deposit_avg_increment,
       COALESCE(st.deposit_point_increment, 0) AS deposit_point_increment,
       COALESCE(fl.issued, 0) AS loan_issuance,
       COALESCE(fl.fees, 0) AS intermediate_income,
       CASE WHEN COALESCE(st.aum_prev_end, 0) > 0
            THEN (COALESCE(st.aum_end, 0) - st.aum_prev_end) / st.aum_prev_end * 100 END AS aum_growth,
       -- virtual profit terms (旬 averages, 360-day year)
       COALESCE(x.deposits, 0) AS deposits, COALESCE(x.loans, 0) AS loans,
       COALESCE(fl.interest, 0) + COALESCE(fl.fees, 0) + COALESCE(fl.settlement, 0)
         + MAX(COALESCE(x.deposits, 0) - COALESCE(x.loans, 0), 0) * 0.025 * p.year_share AS income,
       COALESCE(x.deposits, 0) * 0.015 * p.year_share
         + MAX(COALESCE(x.loans, 0) - COALESCE(x.deposits, 0), 0) * 0.03 * p.year_share AS funding_cost,
       COALESCE(st.provision, 0) - COALESCE(st.prev_provision, 0) AS loan_loss,
       COALESCE(st.annual_el, 0) * p.year_share AS expected_loss,
       COALESCE(fl.bad_owner, 0) AS bad_owner, COALESCE(fl.cases_owner, 0) AS cases_owner,
       COALESCE(fl.bad_risk, 0) AS bad_risk, COALESCE(fl.cases_risk, 0) AS cases_risk,
       COALESCE(st.loans_held_prev, 0) AS loans_held_prev,
       p.year_share
FROM scope sc, p
LEFT JOIN st ON st.manager_id = sc.manager_id
LEFT JOIN x ON x.manager_id = sc.manager_id
LEFT JOIN fl ON fl.manager_id = sc.manager_id;
CREATE UNIQUE INDEX temp.v_id ON v(manager_id);

-- Customer-level inputs and indicators from the books.
CREATE TEMP TABLE book_measures AS
SELECT sc.manager_id,
       -- new effective customers: won inside the quarter, AUM >= 50,000 at its end
       (SELECT COUNT(*) FROM aum_book c JOIN first_assigned fa ON fa.customer_id = c.customer_id, p
        WHERE c.manager_id = sc.manager_id AND c.day = 'close'
          AND fa.since >= p.first_day AND fa.since <= p.last_day AND c.aum >= 50000) AS new_customers,
       -- tier upgrades: on the book at both ends, higher tier at the end
       (SELECT COUNT(*) FROM aum_book c JOIN aum_book o
          ON o.manager_id = c.manager_id AND o.day = 'open' AND o.customer_id = c.customer_id
        WHERE c.manager_id = sc.manager_id AND c.day = 'close' AND c.tier > o.tier) AS tier_upgrades,
       -- churn: of the customers held at the start with AUM >= 10,000, those gone
       -- from the book or below 10 % of their opening AUM at the end
       (SELECT COUNT(*) FROM aum_book o WHERE o.manager_id = sc.manager_id AND o.day = 'open'
          AND o.aum > 0 AND o.aum >= 10000) AS churn_base,
       (SELECT COUNT(*) FROM aum_book o LEFT JOIN aum_book c
          ON c.manager_id = o.manager_id AND c.day = 'close' AND c.customer_id = o.customer_id
        WHERE o.manager_id = sc.manager_id AND o.day = 'open' AND o.aum > 0 AND o.aum >= 10000
          AND (c.customer_id IS NULL OR c.aum < 0.1 * o.aum)) AS churn_lost,
       -- cross-sell: products held (> 0) per customer on the book at the end
       (SELECT COUNT(*) FROM book b WHERE b.manager_id = sc.manager_id AND b.day = 'close') AS book_size,
       (SELECT COUNT(*) FROM book_balance h WHERE h.manager_id = sc.manager_id AND h.day = 'close'
          AND h.metric IN ('holds_card', 'holds_wealth', 'holds_fund', 'holds_insurance') AND h.value > 0) AS products
FROM scope sc;
CREATE UNIQUE INDEX temp.book_measures_id ON book_measures(manager_id);

CREATE TEMP TABLE rating_mean AS
SELECT r.manager_id, r.rater_role, r.item, AVG(r.score) AS mean
FROM ratings r, p WHERE r.period = p.period GROUP BY r.manager_id, r.rater_role, r.item;
CREATE INDEX temp.rating_mean_key ON rating_mean(manager_id, item, rater_role);

CREATE TEMP TABLE event_sum AS
SELECT e.manager_id, e.kind, COUNT(*) AS n, SUM(e.quantity) AS quantity
FROM events e, p WHERE e.date >= p.first_day AND e.date <= p.last_day AND e.kind IN ('complaint', 'violation')
GROUP BY e.manager_id, e.kind;

-- A manager's own facts (compliance pass rates): the latest value on or before the quarter end.
CREATE TEMP TABLE manager_end AS
SELECT f.entity_id AS manager_id, f.metric, f.value
FROM facts f, p
WHERE f.entity = 'manager' AND f.metric IN ('admission_pass_rate', 'aml_pass_rate', 'credit_risk_pass_rate')
  AND f.date = (SELECT MAX(g.date) FROM facts g WHERE g.entity = 'manager' AND g.metric = f.metric
                  AND g.entity_id = f.entity_id AND g.date <= p.last_day);

-- Every input and indicator value, one row per manager (NULL = no value).
CREATE TEMP TABLE iv AS
SELECT v.manager_id, v.org_unit_id, v.grp, v.grade,
       v.deposit_avg_increment, v.deposit_point_increment, v.loan_issuance, v.intermediate_income, v.aum_growth,
       b.new_customers, b.tier_upgrades,
       v.income - v.funding_cost - v.loan_loss AS virtual_profit,
       CASE WHEN v.loans * 0.08 > 0
            THEN (v.income - v.funding_cost - v.expected_loss) / (v.loans * 0.08) / v.year_share * 100 END AS raroc,
       CASE WHEN v.loans_held_prev > 0 THEN v.bad_owner / v.loans_held_prev * 100 ELSE 0 END AS npl_formed_ratio,
       COALESCE((SELECT quantity FROM event_sum e WHERE e.manager_id = v.manager_id AND e.kind = 'violation'), 0)
         AS violations,
       (SELECT v.deposit_avg_increment / t.value FROM targets t, p
        WHERE t.manager_id = v.manager_id AND t.indicator = 'deposit_increment' AND t.period = p.period
          AND t.value <> 0) AS sales_completion,
       CASE WHEN b.churn_base > 0 THEN 100.0 * b.churn_lost / b.churn_base END AS customer_maintenance,
       CASE WHEN b.book_size > 0 THEN 1.0 * b.products / b.book_size END AS referral_quality,
       CASE WHEN rl.total > 0 THEN rl.bad / rl.total * 100 END AS cosigned_npl,
       (SELECT mean FROM rating_mean r WHERE r.manager_id = v.manager_id AND r.item = 'satisfaction'
          AND r.rater_role = 'customer') AS satisfaction,
       COALESCE((SELECT n FROM event_sum e WHERE e.manager_id = v.manager_id AND e.kind = 'complaint'), 0)
         AS complaint_rate,
       (SELECT mean FROM rating_mean r WHERE r.manager_id = v.manager_id AND r.item = 'efficiency'
          AND r.rater_role = 'supervisor') AS service_efficiency,
       (SELECT mean FROM rating_mean r WHERE r.manager_id = v.manager_id AND r.item = 'attitude'
          AND r.rater_role = 'customer') AS service_attitude,
       -- supervisor 60 % / peer 40 %, renormalised over the roles that rated
       (SELECT SUM(CASE r.rater_role WHEN 'supervisor' THEN 60 ELSE 40 END * r.mean)
               / SUM(CASE r.rater_role WHEN 'supervisor' THEN 60 ELSE 40 END)
        FROM rating_mean r WHERE r.manager_id = v.manager_id AND r.item = 'problem_solving'
          AND r.rater_role IN ('supervisor', 'peer')) AS problem_solving,
       (SELECT value FROM manager_end m WHERE m.manager_id = v.manager_id AND m.metric = 'admission_pass_rate')
         AS admission_pass,
       (SELECT value FROM manager_end m WHERE m.manager_id = v.manager_id AND m.metric = 'aml_pass_rate') AS aml_pass,
       (SELECT value FROM manager_end m WHERE m.manager_id = v.manager_id AND m.metric = 'credit_risk_pass_rate')
         AS credit_risk_pass,
       v.bad_owner, v.cases_owner, v.bad_risk, v.cases_risk
FROM v JOIN book_measures b ON b.manager_id = v.manager_id
LEFT JOIN risk_loans rl ON rl.manager_id = v.manager_id;

-- ---------------------------------------------------------------- scores --
-- linear: value < floor -> 0, else 100 × min(value, cap) / full; NULL -> 0.
-- lower_is_better: <= best -> 100, >= worst -> 0, linear between; NULL -> 0.
CREATE TEMP TABLE sc AS
SELECT i.*,
       CASE WHEN sales_completion IS NULL OR sales_completion < 0 THEN 0 ELSE 100 * MIN(sales_completion, 1.2) END
         AS s_sales,
       CASE WHEN customer_maintenance IS NULL THEN 0 WHEN customer_maintenance <= 0 THEN 100
            WHEN customer_maintenance >= 20 THEN 0 ELSE 100 * (20 - customer_maintenance) / 20 END AS s_maint,
       CASE WHEN referral_quality IS NULL OR referral_quality < 1.0 THEN 0
            WHEN referral_quality >= 2.2 THEN 110
            WHEN referral_quality >= 1.6 THEN 100 + 10 * (referral_quality - 1.6) / 0.6
            ELSE 60 + 40 * (referral_quality - 1.0) / 0.6 END AS s_referral,
       CASE WHEN cosigned_npl IS NULL THEN 0 WHEN cosigned_npl <= 1 THEN 100
            WHEN cosigned_npl >= 15 THEN 0 ELSE 100 * (15 - cosigned_npl) / 14 END AS s_cosigned,
       CASE WHEN satisfaction IS NULL OR satisfaction < 60 THEN 0 ELSE MIN(satisfaction, 100) END AS s_satisfaction,
       CASE WHEN complaint_rate <= 0 THEN 100 WHEN complaint_rate >= 4 THEN 0
            ELSE 100 * (4 - complaint_rate) / 4 END AS s_complaint,
       CASE WHEN service_efficiency IS NULL OR service_efficiency < 60 THEN 0 ELSE MIN(service_efficiency, 100) END
         AS s_efficiency,
       CASE WHEN service_attitude IS NULL OR service_attitude < 60 THEN 0 ELSE MIN(service_attitude, 100) END
         AS s_attitude,
       CASE WHEN problem_solving IS NULL OR problem_solving < 60 THEN 0 ELSE MIN(problem_solving, 100) END
         AS s_problem,
       CASE WHEN admission_pass IS NULL OR admission_pass < 80 THEN 0 ELSE 100 * MIN(admission_pass, 100) / 100.0 END
         AS s_admission,
       CASE WHEN aml_pass IS NULL OR aml_pass < 80 THEN 0 ELSE 100 * MIN(aml_pass, 100) / 100.0 END AS s_aml,
       CASE WHEN credit_risk_pass IS NULL OR credit_risk_pass < 80 THEN 0
            ELSE 100 * MIN(credit_risk_pass, 100) / 100.0 END AS s_credit
FROM iv i;

-- Weights by grade group (percent): dimension weight × Σ indicator weight × score.
CREATE TEMP TABLE tot AS
SELECT s.*,
       CASE grp WHEN 'junior' THEN 45 WHEN 'senior' THEN 35 WHEN 'risk' THEN 0 ELSE 40 END * s_sales / 100.0
     + CASE grp WHEN 'junior' THEN 30 WHEN 'senior' THEN 35 WHEN 'risk' THEN 0 ELSE 30 END * s_maint / 100.0
     + CASE grp WHEN 'junior' THEN 25 WHEN 'senior' THEN 30 WHEN 'risk' THEN 0 ELSE 30 END * s_referral / 100.0
     + CASE grp WHEN 'risk' THEN 100 ELSE 0 END * s_cosigned / 100.0 AS d_results,
       (50 * s_satisfaction + 20 * s_complaint + 15 * s_efficiency + 7.5 * s_attitude + 7.5 * s_problem) / 100.0
         AS d_service,
       (30 * s_admission + 30 * s_aml + 40 * s_credit) / 100.0 AS d_risk,
       CASE grp WHEN 'junior' THEN 55 WHEN 'senior' THEN 45 WHEN 'risk' THEN 40 ELSE 50 END AS w_results,
       CASE grp WHEN 'junior' THEN 25 WHEN 'senior' THEN 30 WHEN 'risk' THEN 20 ELSE 25 END AS w_service,
       CASE grp WHEN 'junior' THEN 20 WHEN 'senior' THEN 25 WHEN 'risk' THEN 40 ELSE 25 END AS w_risk
FROM sc s;

-- Totals, the compliance veto, bands, the 20 % cap on 优秀 and ranks.
CREATE TEMP TABLE banded AS
WITH t AS (
  SELECT manager_id, org_unit_id, grade, virtual_profit, npl_formed_ratio, bad_owner, cases_owner, bad_risk,
         cases_risk,
         (w_results * d_results + w_service * d_service + w_risk * d_risk) / 100.0 AS base_total,
         violations > 0 AS vetoed
  FROM tot),
b AS (
  SELECT t.*, CASE WHEN vetoed THEN 0 ELSE base_total END AS total FROM t),
c AS (
  SELECT b.*, CASE WHEN total >= 90 - 1e-9 THEN 0 WHEN total >= 80 - 1e-9 THEN 1
                   WHEN total >= 60 - 1e-9 THEN 2 ELSE 3 END AS band0 FROM b),
d AS (
  SELECT c.*, ROW_NUMBER() OVER (PARTITION BY band0 = 0 ORDER BY total DESC, manager_id) AS place,
         COUNT(*) OVER () AS n FROM c)
SELECT manager_id, org_unit_id, grade, virtual_profit, npl_formed_ratio, bad_owner, cases_owner, bad_risk,
       cases_risk, base_total, total, vetoed,
       CASE WHEN band0 = 0 AND place > CAST(0.2 * n AS INTEGER) THEN 1 ELSE band0 END AS band_index
FROM d;

-- ------------------------------------------------------------------- pay --
-- Fen, half away from zero at the last step of each calculator.
CREATE TEMP TABLE pay AS
WITH vp AS (
  SELECT manager_id,
         CASE WHEN total < 60 OR virtual_profit <= 0 THEN 0
              ELSE CAST(ROUND(ROUND(virtual_profit * 0.03 * 100, 6)) AS INTEGER) END AS vp_bonus
  FROM banded)
SELECT b.manager_id, vp.vp_bonus,
       -- 30 % of the bonus held back (paid over three later quarters)
       -CAST(ROUND(ROUND(vp.vp_bonus / 100.0 * 0.3 * 100, 6)) AS INTEGER) AS deferred_hold,
       -- joint accountability, as customer manager and as co-signing risk manager
       -CAST(ROUND(ROUND(MIN(500 * b.cases_owner + 0.001 * b.bad_owner, 8000) * 100, 6)) AS INTEGER) AS ja_manager,
       -CAST(ROUND(ROUND(MIN(500 * b.cases_risk + 0.001 * b.bad_risk, 8000) * 100, 6)) AS INTEGER) AS ja_risk,
       CASE b.grade WHEN '资深' THEN 6000 WHEN '高级一级' THEN 5200 WHEN '高级二级' THEN 4600
                    WHEN '一级' THEN 4000 WHEN '二级' THEN 3600 WHEN '三级' THEN 3200 WHEN '四级' THEN 2800
                    WHEN '助理' THEN 2400 WHEN '见习' THEN 2000 WHEN '风险经理' THEN 4800 ELSE 0 END * 3 * 100
         AS base_pay
FROM banded b JOIN vp ON vp.manager_id = b.manager_id;

-- ---------------------------------------------------------------- output --
DROP TABLE IF EXISTS baseline.manager_results;
CREATE TABLE baseline.manager_results AS
SELECT b.manager_id, b.base_total, b.total, b.vetoed,
       CASE b.band_index WHEN 0 THEN '优秀' WHEN 1 THEN '良好' WHEN 2 THEN '合格' ELSE '不合格' END AS rating,
       b.band_index,
       RANK() OVER (ORDER BY ROUND(b.total, 9) DESC) AS rank,
       RANK() OVER (PARTITION BY b.org_unit_id ORDER BY ROUND(b.total, 9) DESC) AS rank_in_unit,
       y.vp_bonus + y.deferred_hold + y.ja_manager + y.ja_risk + y.base_pay AS pay_fen
FROM banded b JOIN pay y ON y.manager_id = b.manager_id;

DROP TABLE IF EXISTS baseline.indicator_values;
CREATE TABLE baseline.indicator_values (manager_id TEXT, indicator TEXT, value REAL, score REAL,
                                        PRIMARY KEY (manager_id, indicator)) WITHOUT ROWID;
INSERT INTO baseline.indicator_values
SELECT manager_id, 'deposit_avg_increment', deposit_avg_increment, NULL FROM sc UNION ALL
SELECT manager_id, 'deposit_point_increment', deposit_point_increment, NULL FROM sc UNION ALL
SELECT manager_id, 'loan_issuance', loan_issuance, NULL FROM sc UNION ALL
SELECT manager_id, 'intermediate_income', intermediate_income, NULL FROM sc UNION ALL
SELECT manager_id, 'aum_growth', aum_growth, NULL FROM sc UNION ALL
SELECT manager_id, 'new_customers', new_customers, NULL FROM sc UNION ALL
SELECT manager_id, 'tier_upgrades', tier_upgrades, NULL FROM sc UNION ALL
SELECT manager_id, 'virtual_profit', virtual_profit, NULL FROM sc UNION ALL
SELECT manager_id, 'raroc', raroc, NULL FROM sc UNION ALL
SELECT manager_id, 'npl_formed_ratio', npl_formed_ratio, NULL FROM sc UNION ALL
SELECT manager_id, 'violations', violations, NULL FROM sc UNION ALL
SELECT manager_id, 'sales_completion', sales_completion, s_sales FROM sc UNION ALL
SELECT manager_id, 'customer_maintenance', customer_maintenance, s_maint FROM sc UNION ALL
SELECT manager_id, 'referral_quality', referral_quality, s_referral FROM sc UNION ALL
SELECT manager_id, 'satisfaction', satisfaction, s_satisfaction FROM sc UNION ALL
SELECT manager_id, 'complaint_rate', complaint_rate, s_complaint FROM sc UNION ALL
SELECT manager_id, 'service_efficiency', service_efficiency, s_efficiency FROM sc UNION ALL
SELECT manager_id, 'service_attitude', service_attitude, s_attitude FROM sc UNION ALL
SELECT manager_id, 'problem_solving', problem_solving, s_problem FROM sc UNION ALL
SELECT manager_id, 'admission_pass', admission_pass, s_admission FROM sc UNION ALL
SELECT manager_id, 'aml_pass', aml_pass, s_aml FROM sc UNION ALL
SELECT manager_id, 'credit_risk_pass', credit_risk_pass, s_credit FROM sc;
