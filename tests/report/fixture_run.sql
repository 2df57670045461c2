-- A small stored run with numbers chosen by hand, for the report tests
-- (report_*_test.cpp and check_reports.py read the same file).
--
-- Scheme: 业绩 (results) 60 % = 存款日均增量 (deposit) 50 % + 贷款投放 (loans) 50 %;
--         服务 (service) 40 % = 客户满意度 (satisfaction) 100 %;
--         inputs 违规次数 (violations), 有效投诉 (complaints);
--         veto when violations > 0, deduction 5 points per complaint.
--
-- M01 张三 (BR01 城东支行, 一级):
--   deposit 120 / 100 = 120 % -> 100; loans 80 / 100 = 80 % -> 80
--   results = 50 % × 100 + 50 % × 80 = 90; contributions 60 % × 50 % × 100 = 30, 60 % × 50 % × 80 = 24
--   satisfaction 95 -> 95; service = 95; contribution 40 % × 95 = 38
--   total = 60 % × 90 + 40 % × 95 = 54 + 38 = 92 -> 优秀, rank 1
--   pay: bonus 5,000.00 + commission 1,234.56 = 6,234.56 yuan (623456 fen)
-- M02 李四, "Li, Si" in the org (BR01, 二级):
--   deposit 90 / 100 -> 90; loans 100 / 100 -> 100; results 95 (contribution 57)
--   satisfaction 70 -> 70 (contribution 28); base total 85
--   1 complaint: -5 -> total 80 -> 良好, rank 2, rank in unit 2; pay: bonus 3,000.00
-- M03 "=1+2 <王五>" (BR02 城西支行, 见习): a name that tries formula injection and HTML
--   deposit 50 / 100 -> 0; loans: no value -> 0; results 0; satisfaction 60 -> 24
--   base total 24; 1 violation: veto -> total 0 -> 不合格, rank 3; no pay; a grade decision
INSERT INTO org_units (id, name) VALUES ('BR01', '城东支行'), ('BR02', '城西支行');

INSERT INTO runs (id, scheme_name, scheme_title, scheme_path, scheme_hash, scheme_json, period, first_day, last_day,
                  status, created_at, finalized_at, input_fingerprint, plugins_json, timings_json, manager_count,
                  results_digest)
VALUES (1, 'fixture-scheme', '测试考核方案', 'config/fixture.scheme.json',
        'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
        '{"scheme":"fixture-scheme","title":"测试考核方案","period_type":"quarter","plugins":["core"],
          "inputs":[{"id":"violations","name":"违规次数","provider":"core.event_count","params":{"kind":"violation"}},
                    {"id":"complaints","name":"有效投诉","provider":"core.event_count","params":{"kind":"complaint"}}],
          "dimensions":[
            {"id":"results","name":"业绩","weight":60,"indicators":[
              {"id":"deposit","name":"存款日均增量","weight":50,"provider":"core.target_completion",
               "params":{"metric":"deposit"},"target":"deposit","scorer":"core.linear",
               "scorer_params":{"floor":0.6,"full":1.0,"cap":1.0},"unit":"万元"},
              {"id":"loans","name":"贷款投放","weight":50,"provider":"core.target_completion",
               "params":{"metric":"loans"},"target":"loans","scorer":"core.linear",
               "scorer_params":{"floor":0.6,"full":1.0,"cap":1.0},"unit":"万元"}]},
            {"id":"service","name":"服务","weight":40,"indicators":[
              {"id":"satisfaction","name":"客户满意度","weight":100,"provider":"core.rating_average",
               "params":{"rater_role":"customer"},"scorer":"core.linear","unit":"分"}]}],
          "adjustments":[
            {"id":"compliance_veto","kind":"veto","name":"合规一票否决",
             "when":{"indicator":"violations","op":">","value":0},"effect":{"total":0}},
            {"id":"complaint_deduction","kind":"deduction","name":"有效投诉扣分",
             "indicator":"complaints","points_per_unit":5,"max_points":10}],
          "bands":[{"label":"优秀","min":90},{"label":"良好","min":80},{"label":"合格","min":60},
                   {"label":"不合格","min":0}],
          "rewards":[{"id":"bonus","name":"季度奖金","calculator":"core.bonus_pool","params":{"pool":8000}},
                     {"id":"commission","name":"存款提成","calculator":"core.tiered_commission",
                      "params":{"metric":"deposit"}}]}',
        '2026-Q1', '2026-01-01', '2026-03-31', 'complete', '2026-04-02T09:30:00Z', NULL,
        'f00dfeed', '[{"id":"core","version":"1.0.0","sha256":"abc123","path":"lib/merit/plugins/libcore.so"}]',
        '{}', 3, 'digest-1');

INSERT INTO run_managers (run_id, manager_id, name, org_unit_id, role, grade, status, grade_group, base_total, total,
                          rating, band_index, band_reason, rank, rank_in_unit, vetoed, pay_fen)
VALUES (1, 'M01', '张三', 'BR01', 'customer_manager', '一级', 'active', '', 92, 92, '优秀', 0, '≥ 90', 1, 1, 0, 623456),
       (1, 'M02', '李四, "Li, Si"', 'BR01', 'customer_manager', '二级', 'active', '', 85, 80, '良好', 1, '≥ 80', 2, 2, 0,
        300000),
       (1, 'M03', '=1+2 <王五>', 'BR02', 'customer_manager', '见习', 'probation', '', 24, 0, '不合格', 3,
        '合规一票否决', 3, 1, 1, 0);

INSERT INTO run_dimensions (run_id, manager_id, seq, dimension, name, score, weight, contribution)
VALUES (1, 'M01', 0, 'results', '业绩', 90, 60, 54), (1, 'M01', 1, 'service', '服务', 95, 40, 38),
       (1, 'M02', 0, 'results', '业绩', 95, 60, 57), (1, 'M02', 1, 'service', '服务', 70, 40, 28),
       (1, 'M03', 0, 'results', '业绩', 0, 60, 0), (1, 'M03', 1, 'service', '服务', 60, 40, 24);

INSERT INTO run_indicators (run_id, manager_id, seq, kind, indicator, name, dimension, provider, scorer, value, target,
                            score, dimension_weight, weight, contribution, unit)
VALUES
  (1, 'M01', 0, 'input', 'violations', '违规次数', '', 'core.event_count', '', 0, NULL, NULL, 0, 0, 0, ''),
  (1, 'M01', 1, 'input', 'complaints', '有效投诉', '', 'core.event_count', '', 0, NULL, NULL, 0, 0, 0, ''),
  (1, 'M01', 2, 'indicator', 'deposit', '存款日均增量', 'results', 'core.target_completion', 'core.linear', 120, 100, 100,
   60, 50, 30, '万元'),
  (1, 'M01', 3, 'indicator', 'loans', '贷款投放', 'results', 'core.target_completion', 'core.linear', 80, 100, 80, 60,
   50, 24, '万元'),
  (1, 'M01', 4, 'indicator', 'satisfaction', '客户满意度', 'service', 'core.rating_average', 'core.linear', 95, NULL, 95,
   40, 100, 38, '分'),
  (1, 'M02', 0, 'input', 'violations', '违规次数', '', 'core.event_count', '', 0, NULL, NULL, 0, 0, 0, ''),
  (1, 'M02', 1, 'input', 'complaints', '有效投诉', '', 'core.event_count', '', 1, NULL, NULL, 0, 0, 0, ''),
  (1, 'M02', 2, 'indicator', 'deposit', '存款日均增量', 'results', 'core.target_completion', 'core.linear', 90, 100, 90,
   60, 50, 27, '万元'),
  (1, 'M02', 3, 'indicator', 'loans', '贷款投放', 'results', 'core.target_completion', 'core.linear', 100, 100, 100, 60,
   50, 30, '万元'),
  (1, 'M02', 4, 'indicator', 'satisfaction', '客户满意度', 'service', 'core.rating_average', 'core.linear', 70, NULL, 70,
   40, 100, 28, '分'),
  (1, 'M03', 0, 'input', 'violations', '违规次数', '', 'core.event_count', '', 1, NULL, NULL, 0, 0, 0, ''),
  (1, 'M03', 1, 'input', 'complaints', '有效投诉', '', 'core.event_count', '', 0, NULL, NULL, 0, 0, 0, ''),
  (1, 'M03', 2, 'indicator', 'deposit', '存款日均增量', 'results', 'core.target_completion', 'core.linear', 50, 100, 0,
   60, 50, 0, '万元'),
  (1, 'M03', 3, 'indicator', 'loans', '贷款投放', 'results', 'core.target_completion', 'core.linear', NULL, 100, 0, 60,
   50, 0, '万元'),
  (1, 'M03', 4, 'indicator', 'satisfaction', '客户满意度', 'service', 'core.rating_average', 'core.linear', 60, NULL, 60,
   40, 100, 24, '分');

INSERT INTO run_adjustments (run_id, manager_id, seq, adjustment, kind, name, points, total_before, total_after, detail)
VALUES (1, 'M02', 0, 'complaint_deduction', 'deduction', '有效投诉扣分', -5, 85, 80, '有效投诉 1 次 × 5 分'),
       (1, 'M03', 0, 'compliance_veto', 'veto', '合规一票否决', -24, 24, 0, '违规次数 1 > 0');

INSERT INTO run_pay (run_id, manager_id, seq, reward, calculator, code, label, amount_fen, basis)
VALUES (1, 'M01', 0, 'bonus', 'core.bonus_pool', 'bonus', '季度奖金', 500000, '奖金池 8000 元 × 92 / 147.2'),
       (1, 'M01', 1, 'commission', 'core.tiered_commission', 'commission', '存款提成', 123456,
        '=存款增量 120 万元 × 10.288 元'),
       (1, 'M02', 0, 'bonus', 'core.bonus_pool', 'bonus', '季度奖金', 300000, '奖金池 8000 元 × 55.2 / 147.2');

INSERT INTO run_decisions (run_id, manager_id, seq, reward, calculator, kind, value, reason)
VALUES (1, 'M03', 0, 'bonus', 'core.bonus_pool', 'grade', '见习 (不变)', '一票否决，本期不晋级');

INSERT INTO run_trace (run_id, manager_id, seq, step, component, name, value, text)
VALUES (1, 'M01', 0, 'deposit', 'core.target_completion', '存款日均', 120, NULL),
       (1, 'M01', 1, 'deposit', 'core.target_completion', '任务', 100, NULL),
       (1, 'M01', 2, 'bonus', 'core.bonus_pool', 'note', NULL, '奖金池按总分占比分配 <份额>'),
       (1, 'M03', 0, 'violations', 'core.event_count', '违规', 1, NULL);
