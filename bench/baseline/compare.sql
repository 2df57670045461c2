-- Checks Merit's stored run (the newest run in the workspace) against the SQL
-- baseline's output (attached as `baseline`, written by banking.sql), per
-- manager and per input/indicator:
--   values and scores agree when |a − b| <= 1e-6 × max(1, |a|, |b|)
--   (floating-point sums in another order), NULL only with NULL;
--   totals within 1e-6 points; rating, ranks, veto and pay in fen exactly.
-- Prints one summary line per check ("mismatches N") and up to 5 examples
-- of each; bench/run fails when any count is not 0.
--
--   sqlite3 ws.merit "ATTACH 'baseline.db' AS baseline" ".read bench/baseline/compare.sql"
.mode list
.separator " "
CREATE TEMP TABLE run AS SELECT MAX(id) AS id FROM runs;
CREATE TEMP TABLE checks AS
WITH pairs AS (
  SELECT COALESCE(m.manager_id, b.manager_id) AS manager_id, COALESCE(m.indicator, b.indicator) AS indicator,
         m.value AS merit_value, b.value AS baseline_value, m.score AS merit_score, b.score AS baseline_score,
         m.manager_id IS NULL AS missing_in_merit, b.manager_id IS NULL AS missing_in_baseline
  FROM (SELECT ri.* FROM run_indicators ri, run WHERE ri.run_id = run.id) m
  FULL OUTER JOIN baseline.indicator_values b ON b.manager_id = m.manager_id AND b.indicator = m.indicator)
SELECT * FROM pairs
WHERE missing_in_merit OR missing_in_baseline
   OR (merit_value IS NULL) <> (baseline_value IS NULL)
   OR ABS(merit_value - baseline_value) > 1e-6 * MAX(1, ABS(merit_value), ABS(baseline_value))
   OR (baseline_score IS NOT NULL AND (merit_score IS NULL
       OR ABS(merit_score - baseline_score) > 1e-6 * MAX(1, ABS(merit_score), ABS(baseline_score))));

SELECT 'indicator values compared:', COUNT(*) FROM run_indicators ri, run WHERE ri.run_id = run.id;
SELECT 'indicator mismatches', COUNT(*) FROM checks;
SELECT '  ' || indicator || ':', COUNT(*) || ' managers differ, e.g.', MIN(manager_id), 'merit', merit_value,
       'baseline', baseline_value, 'score', merit_score, 'vs', baseline_score
FROM checks GROUP BY indicator ORDER BY indicator;

CREATE TEMP TABLE manager_checks AS
SELECT COALESCE(m.manager_id, b.manager_id) AS manager_id, m.total AS merit_total, b.total AS baseline_total,
       m.rating AS merit_rating, b.rating AS baseline_rating, m.rank AS merit_rank, b.rank AS baseline_rank,
       m.rank_in_unit AS merit_rank_in_unit, b.rank_in_unit AS baseline_rank_in_unit,
       m.vetoed AS merit_vetoed, b.vetoed AS baseline_vetoed, m.pay_fen AS merit_pay, b.pay_fen AS baseline_pay
FROM (SELECT rm.* FROM run_managers rm, run WHERE rm.run_id = run.id) m
FULL OUTER JOIN baseline.manager_results b ON b.manager_id = m.manager_id
WHERE m.manager_id IS NULL OR b.manager_id IS NULL OR ABS(m.total - b.total) > 1e-6
   OR m.rating <> b.rating OR m.rank <> b.rank OR m.rank_in_unit <> b.rank_in_unit OR m.vetoed <> b.vetoed
   OR m.pay_fen <> b.pay_fen;
SELECT 'managers compared:', COUNT(*) FROM run_managers rm, run WHERE rm.run_id = run.id;
SELECT 'manager mismatches', COUNT(*) FROM manager_checks;
SELECT '  ' || manager_id || ': total', merit_total, 'vs', baseline_total, 'rating', merit_rating, 'vs',
       baseline_rating, 'rank', merit_rank, 'vs', baseline_rank, 'in unit', merit_rank_in_unit, 'vs',
       baseline_rank_in_unit, 'pay', merit_pay, 'vs', baseline_pay
FROM manager_checks ORDER BY manager_id LIMIT 5;
SELECT 'total pay (fen): merit', (SELECT SUM(pay_fen) FROM run_managers rm, run WHERE rm.run_id = run.id),
       'baseline', (SELECT SUM(pay_fen) FROM baseline.manager_results);
