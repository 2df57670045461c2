#include "store/schema.hpp"

#include <array>
#include <string>

#include "store/audit_log.hpp"
#include "store/data_history.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

// Version 1: input data (contract.md "Input files") and evaluation runs.
// Dates are ISO text (YYYY-MM-DD), which SQLite compares correctly.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE org_units (
  id        TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  parent_id TEXT REFERENCES org_units(id) DEFERRABLE INITIALLY DEFERRED,
  kind      TEXT
);
CREATE TABLE managers (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  org_unit_id TEXT NOT NULL REFERENCES org_units(id) DEFERRABLE INITIALLY DEFERRED,
  role        TEXT NOT NULL DEFAULT 'customer_manager',
  grade       TEXT,
  hired_on    TEXT,
  status      TEXT NOT NULL DEFAULT 'active'
);
CREATE INDEX managers_by_unit ON managers(org_unit_id);
CREATE TABLE customers (
  id          TEXT PRIMARY KEY,
  name        TEXT,
  segment     TEXT,
  org_unit_id TEXT REFERENCES org_units(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE assignments (
  customer_id TEXT NOT NULL REFERENCES customers(id) DEFERRABLE INITIALLY DEFERRED,
  manager_id  TEXT NOT NULL REFERENCES managers(id) DEFERRABLE INITIALLY DEFERRED,
  share       REAL NOT NULL DEFAULT 1 CHECK (share > 0 AND share <= 1),
  role        TEXT NOT NULL DEFAULT 'owner',
  valid_from  TEXT NOT NULL DEFAULT '0001-01-01',
  valid_to    TEXT,
  PRIMARY KEY (customer_id, manager_id, role, valid_from)
) WITHOUT ROWID;
CREATE INDEX assignments_by_manager ON assignments(manager_id, customer_id);
CREATE TABLE metrics (
  metric      TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('stock', 'flow')),
  unit        TEXT,
  description TEXT
);
CREATE TABLE facts (
  entity    TEXT NOT NULL CHECK (entity IN ('customer', 'manager', 'org_unit')),
  metric    TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  date      TEXT NOT NULL,
  value     REAL NOT NULL,
  PRIMARY KEY (entity, metric, entity_id, date)
) WITHOUT ROWID;
CREATE TABLE events (
  manager_id TEXT NOT NULL REFERENCES managers(id) DEFERRABLE INITIALLY DEFERRED,
  kind       TEXT NOT NULL,
  date       TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  quantity   REAL NOT NULL DEFAULT 1,
  amount     REAL,
  PRIMARY KEY (manager_id, kind, date, note)
) WITHOUT ROWID;
CREATE INDEX events_by_kind ON events(kind, date);
CREATE TABLE targets (
  manager_id TEXT NOT NULL REFERENCES managers(id) DEFERRABLE INITIALLY DEFERRED,
  indicator  TEXT NOT NULL,
  period     TEXT NOT NULL,
  value      REAL NOT NULL,
  PRIMARY KEY (indicator, period, manager_id)
) WITHOUT ROWID;
CREATE TABLE ratings (
  manager_id TEXT NOT NULL REFERENCES managers(id) DEFERRABLE INITIALLY DEFERRED,
  period     TEXT NOT NULL,
  rater_role TEXT NOT NULL,
  item       TEXT NOT NULL,
  rater_id   TEXT NOT NULL DEFAULT '',
  score      REAL NOT NULL,
  PRIMARY KEY (period, manager_id, rater_role, item, rater_id)
) WITHOUT ROWID;

-- Evaluation runs: never overwritten; status 'final' makes them read-only
-- (the triggers below refuse any change to a final run and its rows).
-- The run_* tables are written by framework/engine/run_store.cpp.
CREATE TABLE runs (
  id                INTEGER PRIMARY KEY,
  scheme_name       TEXT NOT NULL,          -- the scheme's "scheme" id
  scheme_title      TEXT NOT NULL DEFAULT '',
  scheme_path       TEXT,
  scheme_hash       TEXT NOT NULL,          -- SHA-256 of scheme_json
  scheme_json       TEXT NOT NULL,          -- canonical JSON (keys sorted)
  period            TEXT NOT NULL,
  first_day         TEXT NOT NULL,
  last_day          TEXT NOT NULL,
  status            TEXT NOT NULL DEFAULT 'complete' CHECK (status IN ('complete', 'final')),
  created_at        TEXT NOT NULL,
  finalized_at      TEXT,
  input_fingerprint TEXT NOT NULL,
  plugins_json      TEXT NOT NULL,          -- [{"id","version","sha256","path"}]
  timings_json      TEXT NOT NULL,
  manager_count     INTEGER NOT NULL,
  results_digest    TEXT                    -- SHA-256 over every result row
);
CREATE TABLE run_managers (
  run_id       INTEGER NOT NULL REFERENCES runs(id),
  manager_id   TEXT NOT NULL,
  name         TEXT NOT NULL,
  org_unit_id  TEXT NOT NULL,
  role         TEXT NOT NULL,
  grade        TEXT,
  status       TEXT NOT NULL,
  grade_group  TEXT NOT NULL DEFAULT '',   -- whose weights applied ('' = plain)
  base_total   REAL NOT NULL,              -- sum of contributions, before adjustments
  total        REAL NOT NULL,              -- after vetoes and deductions
  rating       TEXT NOT NULL,              -- band label
  band_index   INTEGER NOT NULL,           -- 0 = best band
  band_reason  TEXT NOT NULL,
  rank         INTEGER NOT NULL,           -- competition ranking (1, 2, 2, 4)
  rank_in_unit INTEGER NOT NULL,
  vetoed       INTEGER NOT NULL DEFAULT 0,
  pay_fen      INTEGER NOT NULL DEFAULT 0, -- sum of run_pay.amount_fen
  PRIMARY KEY (run_id, manager_id)
) WITHOUT ROWID;
CREATE TABLE run_indicators (
  run_id           INTEGER NOT NULL REFERENCES runs(id),
  manager_id       TEXT NOT NULL,
  seq              INTEGER NOT NULL,      -- scheme order, inputs first
  kind             TEXT NOT NULL CHECK (kind IN ('input', 'indicator')),
  indicator        TEXT NOT NULL,
  name             TEXT NOT NULL,
  dimension        TEXT NOT NULL,         -- '' for inputs
  provider         TEXT NOT NULL,
  scorer           TEXT NOT NULL,         -- '' for inputs
  value            REAL,
  target           REAL,
  score            REAL,                  -- NULL for inputs
  dimension_weight REAL NOT NULL,         -- % of the total
  weight           REAL NOT NULL,         -- % of the dimension
  contribution     REAL NOT NULL,         -- dimension_weight% x weight% x score
  unit             TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (run_id, manager_id, indicator)
) WITHOUT ROWID;
CREATE TABLE run_dimensions (
  run_id       INTEGER NOT NULL REFERENCES runs(id),
  manager_id   TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  dimension    TEXT NOT NULL,
  name         TEXT NOT NULL,
  score        REAL NOT NULL,
  weight       REAL NOT NULL,
  contribution REAL NOT NULL,
  PRIMARY KEY (run_id, manager_id, dimension)
) WITHOUT ROWID;
CREATE TABLE run_adjustments (
  run_id       INTEGER NOT NULL REFERENCES runs(id),
  manager_id   TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  adjustment   TEXT NOT NULL,             -- scheme id
  kind         TEXT NOT NULL CHECK (kind IN ('veto', 'deduction')),
  name         TEXT NOT NULL,
  points       REAL NOT NULL,             -- change of the total (<= 0)
  total_before REAL NOT NULL,
  total_after  REAL NOT NULL,
  detail       TEXT NOT NULL,
  PRIMARY KEY (run_id, manager_id, seq)
) WITHOUT ROWID;
CREATE TABLE run_pay (
  run_id     INTEGER NOT NULL REFERENCES runs(id),
  manager_id TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  reward     TEXT NOT NULL,               -- scheme id of the reward
  calculator TEXT NOT NULL,               -- qualified component id
  code       TEXT NOT NULL,
  label      TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  basis      TEXT NOT NULL,
  PRIMARY KEY (run_id, manager_id, seq)
) WITHOUT ROWID;
CREATE TABLE run_decisions (
  run_id     INTEGER NOT NULL REFERENCES runs(id),
  manager_id TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  reward     TEXT NOT NULL,
  calculator TEXT NOT NULL,
  kind       TEXT NOT NULL,
  value      TEXT NOT NULL,
  reason     TEXT NOT NULL,
  PRIMARY KEY (run_id, manager_id, seq)
) WITHOUT ROWID;
CREATE TABLE run_trace (
  run_id     INTEGER NOT NULL REFERENCES runs(id),
  manager_id TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  step       TEXT NOT NULL,               -- scheme id of the input, indicator or reward
  component  TEXT NOT NULL,
  name       TEXT NOT NULL,
  value      REAL,                        -- a traced column's value
  text       TEXT,                        -- or a note
  PRIMARY KEY (run_id, manager_id, seq)
) WITHOUT ROWID;
CREATE TABLE run_state (
  run_id     INTEGER NOT NULL REFERENCES runs(id),
  reward     TEXT NOT NULL,               -- scheme id of the reward that wrote it
  key        TEXT NOT NULL,
  manager_id TEXT NOT NULL,
  value      REAL NOT NULL,
  PRIMARY KEY (run_id, reward, key, manager_id)
) WITHOUT ROWID;
CREATE TRIGGER runs_final_update BEFORE UPDATE ON runs WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER runs_final_delete BEFORE DELETE ON runs WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_managers_final_update BEFORE UPDATE ON run_managers
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_managers_final_delete BEFORE DELETE ON run_managers
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_managers_final_insert BEFORE INSERT ON run_managers
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_indicators_final_update BEFORE UPDATE ON run_indicators
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_indicators_final_delete BEFORE DELETE ON run_indicators
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_indicators_final_insert BEFORE INSERT ON run_indicators
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_dimensions_final_update BEFORE UPDATE ON run_dimensions
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_dimensions_final_delete BEFORE DELETE ON run_dimensions
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_dimensions_final_insert BEFORE INSERT ON run_dimensions
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_adjustments_final_update BEFORE UPDATE ON run_adjustments
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_adjustments_final_delete BEFORE DELETE ON run_adjustments
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_adjustments_final_insert BEFORE INSERT ON run_adjustments
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_pay_final_update BEFORE UPDATE ON run_pay
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_pay_final_delete BEFORE DELETE ON run_pay
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_pay_final_insert BEFORE INSERT ON run_pay
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_decisions_final_update BEFORE UPDATE ON run_decisions
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_decisions_final_delete BEFORE DELETE ON run_decisions
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_decisions_final_insert BEFORE INSERT ON run_decisions
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_trace_final_update BEFORE UPDATE ON run_trace
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_trace_final_delete BEFORE DELETE ON run_trace
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_trace_final_insert BEFORE INSERT ON run_trace
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_state_final_update BEFORE UPDATE ON run_state
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_state_final_delete BEFORE DELETE ON run_state
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_state_final_insert BEFORE INSERT ON run_state
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  command TEXT NOT NULL,
  detail  TEXT NOT NULL
);
)sql";

// Version 2: close the ways around version 1's triggers that SQLite leaves
// open. REPLACE deletes the conflicting row without firing delete triggers
// (unless recursive_triggers is on), so `INSERT OR REPLACE INTO runs` with a
// final run's id, or `UPDATE OR REPLACE runs SET id = <final id>`, would swap
// a final run for another; and an UPDATE that moves rows *into* a final run
// (SET run_id = <final id>) passed because only the old row was checked.
// The audit log is append-only as well.
constexpr std::string_view kVersion2 = R"sql(
CREATE TRIGGER runs_final_replace_insert BEFORE INSERT ON runs
WHEN (SELECT status FROM runs WHERE id = NEW.id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER runs_final_replace_update BEFORE UPDATE OF id ON runs
WHEN NEW.id IS NOT OLD.id AND (SELECT status FROM runs WHERE id = NEW.id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_managers_final_update_into BEFORE UPDATE OF run_id ON run_managers
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_indicators_final_update_into BEFORE UPDATE OF run_id ON run_indicators
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_dimensions_final_update_into BEFORE UPDATE OF run_id ON run_dimensions
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_adjustments_final_update_into BEFORE UPDATE OF run_id ON run_adjustments
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_pay_final_update_into BEFORE UPDATE OF run_id ON run_pay
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_decisions_final_update_into BEFORE UPDATE OF run_id ON run_decisions
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_trace_final_update_into BEFORE UPDATE OF run_id ON run_trace
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_state_final_update_into BEFORE UPDATE OF run_id ON run_state
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

// Version 3: the audit log becomes a hash chain (audit_log.hpp) and records
// the actor's role, the object acted on, a JSON detail and a reason. An
// insert must append exactly after the last entry: any other id (an existing
// one, as every INSERT OR REPLACE form would need, or none) or a prev_hash
// that is not the last entry's hash is refused. The version-2 rows are moved
// over, chained, by chain_legacy_audit.
constexpr std::string_view kVersion3 = R"sql(
DROP TRIGGER audit_log_append_only_update;
DROP TRIGGER audit_log_append_only_delete;
ALTER TABLE audit_log RENAME TO audit_log_v2;
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  role      TEXT NOT NULL,
  action    TEXT NOT NULL,
  object    TEXT NOT NULL,
  detail    TEXT NOT NULL,          -- a JSON object
  reason    TEXT NOT NULL,
  prev_hash TEXT NOT NULL,          -- '' for the first entry
  hash      TEXT NOT NULL           -- audit_entry_hash()
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_append_at_end BEFORE INSERT ON audit_log
WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM audit_log)
  OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '')
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only (an entry must follow the last one)'); END;
)sql";

// Version 4: the people who act in Merit (issue 18, framework/access). Unit
// and manager are checked when a user is added rather than by foreign keys,
// because org units and managers are input data that imports replace.
constexpr std::string_view kVersion4 = R"sql(
CREATE TABLE users (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL
              CHECK (role IN ('hr_admin', 'supervisor', 'manager', 'committee', 'payroll', 'auditor')),
  org_unit_id TEXT,                        -- supervisor: the root of their subtree
  manager_id  TEXT UNIQUE,                 -- manager: the manager of the data they are
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at  TEXT NOT NULL
);
)sql";

// Version 5: what `merit serve` authenticates with (issue 19, framework/api):
// bearer tokens, stored as their SHA-256 only, and the optional argon2id
// password hashes of the browser login.
constexpr std::string_view kVersion5 = R"sql(
CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,             -- SHA-256 (hex) of the token; the token is shown once
  user_id    TEXT NOT NULL,
  label      TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  expires_at TEXT,                         -- UTC; NULL: never
  revoked_at TEXT
) WITHOUT ROWID;
CREATE INDEX api_tokens_by_user ON api_tokens(user_id);
-- A statement reads one manager's rows of a run; run_state's key starts
-- (run_id, reward, key), so without this it scans the run's state.
CREATE INDEX run_state_by_manager ON run_state(run_id, manager_id);
CREATE TABLE user_passwords (
  user_id TEXT PRIMARY KEY,
  hash    TEXT NOT NULL,                   -- crypto_pwhash_str (argon2id)
  set_at  TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// Version 6: flows stored as data and the review per manager and period
// (issue 18 point 2, framework/workflow). The shipped `review` flow follows
// seed 004 section 三 (目标 → 自评 → 上级评价 → 360度反馈 → 审核与校准) and
// 四 (绩效面谈, 改进计划和发展计划).
constexpr std::string_view kVersion6 = R"sql(
CREATE TABLE flow_states (
  flow  TEXT NOT NULL,
  state TEXT NOT NULL,
  seq   INTEGER NOT NULL,                  -- display order
  kind  TEXT NOT NULL CHECK (kind IN ('start', 'step', 'end')),
  label TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (flow, state)
) WITHOUT ROWID;
CREATE TABLE flow_transitions (
  flow         TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  from_state   TEXT NOT NULL,
  action       TEXT NOT NULL,
  role         TEXT NOT NULL,
  to_state     TEXT NOT NULL,
  needs_reason INTEGER NOT NULL DEFAULT 0 CHECK (needs_reason IN (0, 1)),
  PRIMARY KEY (flow, seq),
  UNIQUE (flow, from_state, action, role)
) WITHOUT ROWID;
INSERT INTO flow_states (flow, state, seq, kind, label) VALUES
  ('review', 'goals_draft', 0, 'start', '目标制定'),
  ('review', 'goals_proposed', 1, 'step', '目标待员工确认'),
  ('review', 'goals_agreed', 2, 'step', '目标已确认'),
  ('review', 'self_assessed', 3, 'step', '员工自评已提交'),
  ('review', 'supervisor_scored', 4, 'step', '上级评价已完成'),
  ('review', 'feedback_requested', 5, 'step', '360度反馈进行中'),
  ('review', 'awaiting_calibration', 6, 'step', '待审核校准'),
  ('review', 'calibrated', 7, 'step', '已校准'),
  ('review', 'interview_held', 8, 'step', '绩效面谈已完成'),
  ('review', 'acknowledged', 9, 'step', '员工已确认结果'),
  ('review', 'contested', 10, 'step', '员工有异议'),
  ('review', 'plans_proposed', 11, 'step', '改进与发展计划待确认'),
  ('review', 'plans_agreed', 12, 'step', '改进与发展计划已确认'),
  ('review', 'closed', 13, 'end', '已关闭');
INSERT INTO flow_transitions (flow, seq, from_state, action, role, to_state, needs_reason) VALUES
  ('review', 0, 'goals_draft', 'add_goal', 'supervisor', 'goals_draft', 0),
  ('review', 1, 'goals_draft', 'add_goal', 'manager', 'goals_draft', 0),
  ('review', 2, 'goals_draft', 'remove_goal', 'supervisor', 'goals_draft', 0),
  ('review', 3, 'goals_draft', 'remove_goal', 'manager', 'goals_draft', 0),
  ('review', 4, 'goals_draft', 'propose_goals', 'supervisor', 'goals_proposed', 0),
  ('review', 5, 'goals_proposed', 'agree_goals', 'manager', 'goals_agreed', 0),
  ('review', 6, 'goals_proposed', 'return_goals', 'manager', 'goals_draft', 1),
  ('review', 7, 'goals_agreed', 'submit_self', 'manager', 'self_assessed', 0),
  ('review', 8, 'self_assessed', 'submit_scores', 'supervisor', 'supervisor_scored', 0),
  ('review', 9, 'self_assessed', 'return_self', 'supervisor', 'goals_agreed', 1),
  ('review', 10, 'supervisor_scored', 'request_feedback', 'supervisor', 'feedback_requested', 0),
  ('review', 11, 'supervisor_scored', 'send_to_calibration', 'supervisor', 'awaiting_calibration', 0),
  ('review', 12, 'feedback_requested', 'close_feedback', 'supervisor', 'awaiting_calibration', 0),
  ('review', 13, 'awaiting_calibration', 'return_scores', 'committee', 'self_assessed', 1),
  ('review', 14, 'awaiting_calibration', 'calibrate', 'committee', 'calibrated', 0),
  ('review', 15, 'calibrated', 'hold_interview', 'supervisor', 'interview_held', 0),
  ('review', 16, 'interview_held', 'acknowledge', 'manager', 'acknowledged', 0),
  ('review', 17, 'interview_held', 'contest', 'manager', 'contested', 1),
  ('review', 18, 'acknowledged', 'add_plan', 'supervisor', 'acknowledged', 0),
  ('review', 19, 'acknowledged', 'add_plan', 'manager', 'acknowledged', 0),
  ('review', 20, 'acknowledged', 'remove_plan', 'supervisor', 'acknowledged', 0),
  ('review', 21, 'acknowledged', 'remove_plan', 'manager', 'acknowledged', 0),
  ('review', 22, 'contested', 'add_plan', 'supervisor', 'contested', 0),
  ('review', 23, 'contested', 'add_plan', 'manager', 'contested', 0),
  ('review', 24, 'contested', 'remove_plan', 'supervisor', 'contested', 0),
  ('review', 25, 'contested', 'remove_plan', 'manager', 'contested', 0),
  ('review', 26, 'acknowledged', 'propose_plans', 'supervisor', 'plans_proposed', 0),
  ('review', 27, 'contested', 'propose_plans', 'supervisor', 'plans_proposed', 0),
  ('review', 28, 'plans_proposed', 'agree_plans', 'manager', 'plans_agreed', 0),
  ('review', 29, 'plans_proposed', 'return_plans', 'manager', 'acknowledged', 1),
  ('review', 30, 'plans_agreed', 'close', 'supervisor', 'closed', 0);
-- One review per manager and period. The texts and ratings people enter;
-- supervisor and self ratings are also written to `ratings`, where the
-- scheme's rating indicators read them.
CREATE TABLE reviews (
  id                 INTEGER PRIMARY KEY,
  manager_id         TEXT NOT NULL,
  period             TEXT NOT NULL,         -- canonical (2026-Q2)
  state              TEXT NOT NULL,
  opened_at          TEXT NOT NULL,
  self_text          TEXT NOT NULL DEFAULT '',
  supervisor_id      TEXT,                  -- the user who scored
  supervisor_comment TEXT NOT NULL DEFAULT '',
  interview_notes    TEXT NOT NULL DEFAULT '',
  interview_at       TEXT,
  contest_reason     TEXT NOT NULL DEFAULT '',
  run_id             INTEGER,               -- the calibrated run, once calibrated
  UNIQUE (manager_id, period)
);
CREATE TABLE review_goals (
  review_id  INTEGER NOT NULL REFERENCES reviews(id),
  seq        INTEGER NOT NULL,
  text       TEXT NOT NULL,
  target_key TEXT,                          -- a targets.indicator the scheme reads
  target     REAL,
  PRIMARY KEY (review_id, seq)
) WITHOUT ROWID;
CREATE TABLE review_ratings (
  review_id  INTEGER NOT NULL REFERENCES reviews(id),
  rater_role TEXT NOT NULL CHECK (rater_role IN ('self', 'supervisor')),
  item       TEXT NOT NULL,
  score      REAL NOT NULL,
  comment    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (review_id, rater_role, item)
) WITHOUT ROWID;
CREATE TABLE review_plans (
  review_id INTEGER NOT NULL REFERENCES reviews(id),
  seq       INTEGER NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('improvement', 'development')),
  text      TEXT NOT NULL,
  due       TEXT NOT NULL,                  -- YYYY-MM-DD
  PRIMARY KEY (review_id, seq)
) WITHOUT ROWID;
-- What earlier results and reviews put on this review (issue 18 point 7).
CREATE TABLE review_items (
  review_id INTEGER NOT NULL REFERENCES reviews(id),
  seq       INTEGER NOT NULL,
  source    TEXT NOT NULL,                  -- run:12, review:CM01/2026-Q1
  kind      TEXT NOT NULL,
  value     TEXT NOT NULL,
  reason    TEXT NOT NULL,
  PRIMARY KEY (review_id, seq)
) WITHOUT ROWID;
-- Workspace settings people change (feedback.min_responses, pay approvals).
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
-- Anonymous 360° feedback (issue 18 point 3, framework/feedback). Raters are
-- who was asked and whether they have answered; answers carry the rater role
-- and a key hashed from their content only: no rater, no time, no order.
CREATE TABLE feedback_requests (
  id            INTEGER PRIMARY KEY,
  manager_id    TEXT NOT NULL,
  period        TEXT NOT NULL,
  items_json    TEXT NOT NULL,              -- ["problem_solving", ...]
  min_responses INTEGER NOT NULL CHECK (min_responses >= 2),
  state         TEXT NOT NULL CHECK (state IN ('open', 'closed')),
  opened_at     TEXT NOT NULL,
  closed_at     TEXT
);
CREATE TABLE feedback_raters (
  request_id INTEGER NOT NULL REFERENCES feedback_requests(id),
  user_id    TEXT NOT NULL,
  rater_role TEXT NOT NULL CHECK (rater_role IN ('peer', 'subordinate', 'customer')),
  answered   INTEGER NOT NULL DEFAULT 0 CHECK (answered IN (0, 1)),
  PRIMARY KEY (request_id, user_id)
) WITHOUT ROWID;
CREATE TABLE feedback_answers (
  request_id  INTEGER NOT NULL REFERENCES feedback_requests(id),
  rater_role  TEXT NOT NULL,
  answer_key  TEXT NOT NULL,                -- SHA-256 of request, role, repeat number and content
  scores_json TEXT NOT NULL,                -- {"item": score}
  comment     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (request_id, rater_role, answer_key)
) WITHOUT ROWID;
)sql";

// Version 7: every change of the input data is a data version (issue 15
// point 1, store/data_versions.hpp) and no value of it is lost: the step
// (add_data_history, store/data_history.hpp) gives each input table its
// `valid_from_version`, its history table and the triggers that keep every
// replaced or retracted value. Versions and their counts are append-only.
// Events are keyed without their free-text note, so that an edited note is
// an update and not a second event; `ref` tells apart events of one kind,
// manager and day. Rows that the old key told apart only by their note keep
// the note as their ref (the first of each day keeps ref '').
constexpr std::string_view kVersion7 = R"sql(
CREATE TABLE data_versions (
  seq    INTEGER PRIMARY KEY,
  at     TEXT NOT NULL,
  actor  TEXT NOT NULL,
  role   TEXT NOT NULL,
  action TEXT NOT NULL,                    -- import, review.submit_scores, feedback.close ...
  files  TEXT NOT NULL DEFAULT '[]'        -- JSON array of the files read
);
CREATE TABLE data_version_counts (
  seq        INTEGER NOT NULL REFERENCES data_versions(seq),
  position   INTEGER NOT NULL,
  table_name TEXT NOT NULL,
  inserted   INTEGER NOT NULL,
  updated    INTEGER NOT NULL,
  retracted  INTEGER NOT NULL,
  unchanged  INTEGER NOT NULL,
  PRIMARY KEY (seq, position)
) WITHOUT ROWID;
CREATE TRIGGER data_versions_no_update BEFORE UPDATE ON data_versions
BEGIN SELECT RAISE(ABORT, 'data versions are append-only'); END;
CREATE TRIGGER data_versions_no_delete BEFORE DELETE ON data_versions
BEGIN SELECT RAISE(ABORT, 'data versions are append-only'); END;
CREATE TRIGGER data_versions_in_order BEFORE INSERT ON data_versions
WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM data_versions)
BEGIN SELECT RAISE(ABORT, 'data versions are append-only (a version must follow the last one)'); END;
CREATE TRIGGER data_version_counts_no_update BEFORE UPDATE ON data_version_counts
BEGIN SELECT RAISE(ABORT, 'data versions are append-only'); END;
CREATE TRIGGER data_version_counts_no_delete BEFORE DELETE ON data_version_counts
BEGIN SELECT RAISE(ABORT, 'data versions are append-only'); END;
DROP INDEX events_by_kind;
ALTER TABLE events RENAME TO events_v6;
CREATE TABLE events (
  manager_id         TEXT NOT NULL REFERENCES managers(id) DEFERRABLE INITIALLY DEFERRED,
  kind               TEXT NOT NULL,
  date               TEXT NOT NULL,
  ref                TEXT NOT NULL DEFAULT '',
  note               TEXT NOT NULL DEFAULT '',
  quantity           REAL NOT NULL DEFAULT 1,
  amount             REAL,
  valid_from_version INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (manager_id, kind, date, ref)
) WITHOUT ROWID;
INSERT INTO events (manager_id, kind, date, ref, note, quantity, amount)
SELECT manager_id, kind, date,
       CASE WHEN row_number() OVER (PARTITION BY manager_id, kind, date ORDER BY note) = 1 THEN '' ELSE note END,
       note, quantity, amount
FROM events_v6;
DROP TABLE events_v6;
CREATE INDEX events_by_kind ON events(kind, date);
)sql";

// Version 8: pay approval, four eyes (issue 18 point 5, framework/pay). A
// run without a row is `calculated`; the approvers and k are copied from the
// `pay.approval` setting when the pay is submitted. Released is final and
// approvals are never taken back: the triggers refuse it.
constexpr std::string_view kVersion8 = R"sql(
CREATE TABLE pay_approvals (
  run_id         INTEGER PRIMARY KEY REFERENCES runs(id),
  state          TEXT NOT NULL CHECK (state IN ('submitted', 'approved', 'released')),
  required       INTEGER NOT NULL CHECK (required >= 1),
  approvers      TEXT NOT NULL,            -- JSON array of user ids
  submitted_by   TEXT NOT NULL,
  submitted_at   TEXT NOT NULL,
  submit_reason  TEXT NOT NULL DEFAULT '',
  results_digest TEXT NOT NULL,            -- the run's when submitted
  released_by    TEXT,
  released_at    TEXT
);
CREATE TABLE pay_votes (
  run_id  INTEGER NOT NULL REFERENCES pay_approvals(run_id),
  seq     INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  at      TEXT NOT NULL,
  reason  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (run_id, seq),
  UNIQUE (run_id, user_id)
) WITHOUT ROWID;
CREATE TRIGGER pay_approvals_released_update BEFORE UPDATE ON pay_approvals WHEN OLD.state = 'released'
BEGIN SELECT RAISE(ABORT, 'pay is released (final)'); END;
CREATE TRIGGER pay_approvals_no_delete BEFORE DELETE ON pay_approvals
BEGIN SELECT RAISE(ABORT, 'a pay approval is never deleted'); END;
CREATE TRIGGER pay_votes_no_update BEFORE UPDATE ON pay_votes
BEGIN SELECT RAISE(ABORT, 'a pay approval is never changed'); END;
CREATE TRIGGER pay_votes_no_delete BEFORE DELETE ON pay_votes
BEGIN SELECT RAISE(ABORT, 'a pay approval is never taken back'); END;
)sql";

// Version 9: calibration sessions (issue 18 point 4, framework/calibration).
// A session calibrates one preliminary run; its lines are never changed and
// none is added once it is closed, and a closed session is never changed:
// the triggers refuse it. result_run_id links the calibrated run.
constexpr std::string_view kVersion9 = R"sql(
CREATE TABLE calibration_sessions (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  run_id        INTEGER NOT NULL UNIQUE REFERENCES runs(id),   -- the preliminary run
  scheme_name   TEXT NOT NULL,
  period        TEXT NOT NULL,
  org_units     TEXT NOT NULL,                                 -- JSON array of unit ids
  state         TEXT NOT NULL CHECK (state IN ('open', 'closed')),
  opened_by     TEXT NOT NULL,
  opened_at     TEXT NOT NULL,
  closed_by     TEXT,
  closed_at     TEXT,
  result_run_id INTEGER UNIQUE REFERENCES runs(id)             -- the calibrated run
);
CREATE TABLE calibration_members (
  session_id INTEGER NOT NULL REFERENCES calibration_sessions(id),
  user_id    TEXT NOT NULL,
  PRIMARY KEY (session_id, user_id)
) WITHOUT ROWID;
CREATE TABLE calibration_lines (
  session_id  INTEGER NOT NULL REFERENCES calibration_sessions(id),
  seq         INTEGER NOT NULL,
  manager_id  TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('total', 'rating')),
  points      REAL,                        -- total: the signed change
  from_total  REAL,
  to_total    REAL,
  from_rating TEXT,                        -- rating: the override
  to_rating   TEXT,
  by_user     TEXT NOT NULL,
  at          TEXT NOT NULL,
  reason      TEXT NOT NULL,
  PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
CREATE TRIGGER calibration_sessions_closed_update BEFORE UPDATE ON calibration_sessions
WHEN OLD.state = 'closed'
BEGIN SELECT RAISE(ABORT, 'calibration session is closed (locked)'); END;
CREATE TRIGGER calibration_sessions_no_delete BEFORE DELETE ON calibration_sessions
BEGIN SELECT RAISE(ABORT, 'a calibration session is never deleted'); END;
CREATE TRIGGER calibration_members_closed BEFORE INSERT ON calibration_members
WHEN (SELECT state FROM calibration_sessions WHERE id = NEW.session_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'calibration session is closed (locked)'); END;
CREATE TRIGGER calibration_members_no_delete BEFORE DELETE ON calibration_members
BEGIN SELECT RAISE(ABORT, 'a calibration member is never removed'); END;
CREATE TRIGGER calibration_lines_closed BEFORE INSERT ON calibration_lines
WHEN (SELECT state FROM calibration_sessions WHERE id = NEW.session_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'calibration session is closed (locked)'); END;
CREATE TRIGGER calibration_lines_no_update BEFORE UPDATE ON calibration_lines
BEGIN SELECT RAISE(ABORT, 'a calibration line is never changed'); END;
CREATE TRIGGER calibration_lines_no_delete BEFORE DELETE ON calibration_lines
BEGIN SELECT RAISE(ABORT, 'a calibration line is never deleted'); END;
)sql";

// Version 10: disputes (issue 18 point 6, framework/dispute) through the
// `dispute` flow stored as data: open ⇄ info_requested → under_review →
// upheld | rejected, or withdrawn by the manager. The events are the
// dispute's history (who said what when); they are never changed.
constexpr std::string_view kVersion10 = R"sql(
INSERT INTO flow_states (flow, state, seq, kind, label) VALUES
  ('dispute', 'open', 0, 'start', '已提出'),
  ('dispute', 'info_requested', 1, 'step', '待补充信息'),
  ('dispute', 'under_review', 2, 'step', '复核中'),
  ('dispute', 'upheld', 3, 'end', '申诉成立'),
  ('dispute', 'rejected', 4, 'end', '申诉驳回'),
  ('dispute', 'withdrawn', 5, 'end', '已撤回');
INSERT INTO flow_transitions (flow, seq, from_state, action, role, to_state, needs_reason) VALUES
  ('dispute', 0, 'open', 'request_info', 'supervisor', 'info_requested', 1),
  ('dispute', 1, 'info_requested', 'reply', 'manager', 'open', 1),
  ('dispute', 2, 'open', 'review', 'supervisor', 'under_review', 0),
  ('dispute', 3, 'under_review', 'uphold', 'hr_admin', 'upheld', 1),
  ('dispute', 4, 'under_review', 'reject', 'hr_admin', 'rejected', 1),
  ('dispute', 5, 'open', 'withdraw', 'manager', 'withdrawn', 0),
  ('dispute', 6, 'info_requested', 'withdraw', 'manager', 'withdrawn', 0),
  ('dispute', 7, 'under_review', 'withdraw', 'manager', 'withdrawn', 0);
CREATE TABLE disputes (
  id              INTEGER PRIMARY KEY,
  run_id          INTEGER NOT NULL REFERENCES runs(id),
  manager_id      TEXT NOT NULL,
  line            TEXT NOT NULL,             -- total | rating | pay:CODE | indicator:ID
  state           TEXT NOT NULL,
  reason          TEXT NOT NULL,
  opened_by       TEXT NOT NULL,
  opened_at       TEXT NOT NULL,
  correction      TEXT NOT NULL DEFAULT '' CHECK (correction IN ('', 'superseding_run', 'next_period')),
  correction_run  INTEGER REFERENCES runs(id),
  correction_note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE dispute_events (
  dispute_id INTEGER NOT NULL REFERENCES disputes(id),
  seq        INTEGER NOT NULL,
  action     TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state   TEXT NOT NULL,
  by_user    TEXT NOT NULL,
  at         TEXT NOT NULL,
  text       TEXT NOT NULL,
  PRIMARY KEY (dispute_id, seq)
) WITHOUT ROWID;
CREATE TRIGGER dispute_events_no_update BEFORE UPDATE ON dispute_events
BEGIN SELECT RAISE(ABORT, 'a dispute event is never changed'); END;
CREATE TRIGGER dispute_events_no_delete BEFORE DELETE ON dispute_events
BEGIN SELECT RAISE(ABORT, 'a dispute event is never deleted'); END;
CREATE TRIGGER disputes_no_delete BEFORE DELETE ON disputes
BEGIN SELECT RAISE(ABORT, 'a dispute is never deleted'); END;
)sql";

// Issue 22 rule 7: an indicator whose value is a completion ratio records
// its target and completion (the value) with it; NULL in runs stored before.
constexpr std::string_view kVersion11 = R"sql(
ALTER TABLE run_indicators ADD COLUMN completion REAL;
)sql";

// Issue 15 point 4: the data version a run read (data/data_snapshot.hpp);
// NULL in runs stored before it was recorded.
constexpr std::string_view kVersion12 = R"sql(
ALTER TABLE runs ADD COLUMN data_version INTEGER;
)sql";

// Issue 15 point 3: the dated organisation. A manager's grade, org unit,
// role and status hold from a day on (manager_terms, an input table with
// its history like the others); a run uses the term valid on its period's
// last day (or first: scope.org_as_of). Importing managers.csv writes the
// terms through these triggers: a new manager's values hold since ever (or
// from the row's valid_from); a change holds from the row's valid_from, or
// else from the day it is imported. managers.valid_from is only that hint.
constexpr std::string_view kVersion13 = R"sql(
ALTER TABLE managers ADD COLUMN valid_from TEXT;
CREATE TABLE manager_terms (
  manager_id  TEXT NOT NULL,
  valid_from  TEXT NOT NULL,              -- ISO date; '' since the manager is known
  org_unit_id TEXT NOT NULL,
  role        TEXT NOT NULL,
  grade       TEXT,
  status      TEXT NOT NULL,
  valid_from_version INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (manager_id, valid_from)
) WITHOUT ROWID;
INSERT INTO manager_terms (manager_id, valid_from, org_unit_id, role, grade, status, valid_from_version)
  SELECT id, '', org_unit_id, role, grade, status, valid_from_version FROM managers;
CREATE TRIGGER managers_term_inserted AFTER INSERT ON managers
BEGIN
  INSERT INTO manager_terms (manager_id, valid_from, org_unit_id, role, grade, status, valid_from_version)
  VALUES (NEW.id, coalesce(NEW.valid_from, ''), NEW.org_unit_id, NEW.role, NEW.grade, NEW.status,
          (SELECT coalesce(max(seq), 0) FROM data_versions))
  ON CONFLICT (manager_id, valid_from) DO UPDATE SET org_unit_id = excluded.org_unit_id,
    role = excluded.role, grade = excluded.grade, status = excluded.status,
    valid_from_version = excluded.valid_from_version;
END;
CREATE TRIGGER managers_term_changed AFTER UPDATE ON managers
WHEN OLD.org_unit_id IS NOT NEW.org_unit_id OR OLD.role IS NOT NEW.role OR OLD.grade IS NOT NEW.grade
  OR OLD.status IS NOT NEW.status OR (NEW.valid_from IS NOT NULL AND NEW.valid_from IS NOT OLD.valid_from)
BEGIN
  INSERT INTO manager_terms (manager_id, valid_from, org_unit_id, role, grade, status, valid_from_version)
  VALUES (NEW.id, coalesce(NEW.valid_from, date('now')), NEW.org_unit_id, NEW.role, NEW.grade, NEW.status,
          (SELECT coalesce(max(seq), 0) FROM data_versions))
  ON CONFLICT (manager_id, valid_from) DO UPDATE SET org_unit_id = excluded.org_unit_id,
    role = excluded.role, grade = excluded.grade, status = excluded.status,
    valid_from_version = excluded.valid_from_version;
END;
CREATE TRIGGER managers_terms_retracted AFTER DELETE ON managers
BEGIN DELETE FROM manager_terms WHERE manager_id = OLD.id; END;
)sql";

void add_manager_terms_history(sqlite3* db) {
    add_table_history(db, "manager_terms");
}

// Version 14: a run's record digest (issue 15 point 6,
// engine/record_digest.hpp): everything stored for the run, not only its
// results. NULL in runs stored before, which verify by their results digest.
constexpr std::string_view kVersion14 = R"sql(
ALTER TABLE runs ADD COLUMN record_digest TEXT;
)sql";

// Issue 18 point 4: a scheme's own bonus points (加分) are adjustments of
// kind 'bonus'. SQLite cannot change a CHECK, so the table is rebuilt with
// its rows and its final-run triggers, under the same names.
constexpr std::string_view kVersion15 = R"sql(
CREATE TABLE run_adjustments_v15 (
  run_id       INTEGER NOT NULL REFERENCES runs(id),
  manager_id   TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  adjustment   TEXT NOT NULL,             -- scheme id
  kind         TEXT NOT NULL CHECK (kind IN ('veto', 'deduction', 'bonus')),
  name         TEXT NOT NULL,
  points       REAL NOT NULL,             -- change of the total (a bonus: > 0)
  total_before REAL NOT NULL,
  total_after  REAL NOT NULL,
  detail       TEXT NOT NULL,
  PRIMARY KEY (run_id, manager_id, seq)
) WITHOUT ROWID;
INSERT INTO run_adjustments_v15 SELECT * FROM run_adjustments;
DROP TABLE run_adjustments;
ALTER TABLE run_adjustments_v15 RENAME TO run_adjustments;
CREATE TRIGGER run_adjustments_final_update BEFORE UPDATE ON run_adjustments
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_adjustments_final_delete BEFORE DELETE ON run_adjustments
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_adjustments_final_insert BEFORE INSERT ON run_adjustments
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_adjustments_final_update_into BEFORE UPDATE OF run_id ON run_adjustments
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
)sql";
// Issue 15 point 5: a run's lifecycle. Finalising records who and why, and a
// second final run of a scheme and period names the final run it replaces
// (`supersedes`, at most one successor each). The replaced run itself is
// never changed: "superseded by" is read from its successor.
constexpr std::string_view kVersion16 = R"sql(
ALTER TABLE runs ADD COLUMN finalized_by TEXT;
ALTER TABLE runs ADD COLUMN finalize_reason TEXT;
ALTER TABLE runs ADD COLUMN supersedes INTEGER REFERENCES runs(id);
CREATE UNIQUE INDEX runs_superseded_once ON runs(supersedes) WHERE supersedes IS NOT NULL;
)sql";

// Issue 16: the published data contract for plugin and scheme SQL
// (data/contract_views.hpp). Columns as in the CSV contract; an open end of
// an assignment is NULL (never ''), a manager term known since the start has
// a NULL valid_from. Plain projections, so SQLite flattens them into the
// query and keeps every index.
constexpr std::string_view kVersion17 = R"sql(
CREATE VIEW merit_v1_org_units AS SELECT id, name, parent_id, kind FROM org_units;
CREATE VIEW merit_v1_managers AS
  SELECT id, name, org_unit_id, role, grade, hired_on, status FROM managers;
CREATE VIEW merit_v1_manager_terms AS
  SELECT manager_id, NULLIF(valid_from, '') AS valid_from, org_unit_id, role, grade, status
  FROM manager_terms;
CREATE VIEW merit_v1_customers AS SELECT id, name, segment, org_unit_id FROM customers;
CREATE VIEW merit_v1_assignments AS
  SELECT customer_id, manager_id, share, role, valid_from, NULLIF(valid_to, '') AS valid_to
  FROM assignments;
CREATE VIEW merit_v1_metrics AS SELECT metric, kind, unit, description FROM metrics;
CREATE VIEW merit_v1_facts AS SELECT entity, metric, entity_id, date, value FROM facts;
CREATE VIEW merit_v1_events AS
  SELECT manager_id, kind, date, ref, note, quantity, amount FROM events;
CREATE VIEW merit_v1_targets AS SELECT manager_id, indicator, period, value FROM targets;
CREATE VIEW merit_v1_ratings AS
  SELECT manager_id, period, rater_role, item, rater_id, score FROM ratings;
)sql";

// Issue 21 point 4: an organisation's own roles (roles.csv), an input table
// with its history like the others. managers.role names one of them or a
// built-in role (import/table_specs.hpp builtin_roles()), which needs no row.
constexpr std::string_view kVersion18 = R"sql(
CREATE TABLE roles (
  id      TEXT PRIMARY KEY,
  name    TEXT NOT NULL,                 -- Chinese display name
  name_en TEXT                           -- English display name
);
CREATE VIEW merit_v1_roles AS SELECT id, name, name_en FROM roles;
)sql";

void add_roles_history(sqlite3* db) {
    add_table_history(db, "roles");
}

// Issue 21 point 5: what a run warned about (a name the workspace has never
// seen, a period without facts, a column null for most managers), kept with
// the run and read-only with it once it is final.
constexpr std::string_view kVersion19 = R"sql(
CREATE TABLE run_warnings (
  run_id  INTEGER NOT NULL REFERENCES runs(id),
  seq     INTEGER NOT NULL,
  path    TEXT NOT NULL,                 -- the scheme's JSON path, or "period"
  message TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
CREATE TRIGGER run_warnings_final_update BEFORE UPDATE ON run_warnings
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_warnings_final_delete BEFORE DELETE ON run_warnings
WHEN (SELECT status FROM runs WHERE id = OLD.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_warnings_final_insert BEFORE INSERT ON run_warnings
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
CREATE TRIGGER run_warnings_final_update_into BEFORE UPDATE OF run_id ON run_warnings
WHEN (SELECT status FROM runs WHERE id = NEW.run_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'run is final (read-only)'); END;
)sql";

// Issue 21 point 6: repeats are data. A flow fact or an event may repeat
// within a day (three fee bookings, two complaints): `ref`, the source
// system's transaction or record id, identifies a row when the file has
// one; without it the rows are a multiset, and `occurrence` numbers the
// rows of one key and ref in the order the file that wrote them gave them
// (1, 2, 3 ...), so that importing the same file again changes nothing. A
// stock fact (a balance) stays one row per entity, metric and day
// (import/table_import.cpp). Facts gain `ref` and both tables gain
// `occurrence`, in their keys; SQLite cannot change a primary key, so the
// tables are rebuilt with their rows (which all become occurrence 1, facts
// with ref ''), their history tables gain the columns (old values: '' and
// 1), and the step add_repeat_history puts back the live tables' history
// triggers, which went with the old tables. The contract views read the
// tables, so they are made again after them; merit_v1_facts shows ref
// after its columns (a v1 view only gains columns at its end).
constexpr std::string_view kVersion20 = R"sql(
DROP VIEW merit_v1_facts;
DROP VIEW merit_v1_events;
CREATE TABLE facts_v20 (
  entity             TEXT NOT NULL CHECK (entity IN ('customer', 'manager', 'org_unit')),
  metric             TEXT NOT NULL,
  entity_id          TEXT NOT NULL,
  date               TEXT NOT NULL,
  ref                TEXT NOT NULL DEFAULT '',
  occurrence         INTEGER NOT NULL DEFAULT 1,
  value              REAL NOT NULL,
  valid_from_version INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (entity, metric, entity_id, date, ref, occurrence)
) WITHOUT ROWID;
INSERT INTO facts_v20 (entity, metric, entity_id, date, value, valid_from_version)
  SELECT entity, metric, entity_id, date, value, valid_from_version FROM facts;
DROP TABLE facts;
ALTER TABLE facts_v20 RENAME TO facts;
ALTER TABLE facts_history ADD COLUMN ref TEXT NOT NULL DEFAULT '';
ALTER TABLE facts_history ADD COLUMN occurrence INTEGER NOT NULL DEFAULT 1;
DROP INDEX events_by_kind;
CREATE TABLE events_v20 (
  manager_id         TEXT NOT NULL REFERENCES managers(id) DEFERRABLE INITIALLY DEFERRED,
  kind               TEXT NOT NULL,
  date               TEXT NOT NULL,
  ref                TEXT NOT NULL DEFAULT '',
  occurrence         INTEGER NOT NULL DEFAULT 1,
  note               TEXT NOT NULL DEFAULT '',
  quantity           REAL NOT NULL DEFAULT 1,
  amount             REAL,
  valid_from_version INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (manager_id, kind, date, ref, occurrence)
) WITHOUT ROWID;
INSERT INTO events_v20 (manager_id, kind, date, ref, note, quantity, amount, valid_from_version)
  SELECT manager_id, kind, date, ref, note, quantity, amount, valid_from_version FROM events;
DROP TABLE events;
ALTER TABLE events_v20 RENAME TO events;
CREATE INDEX events_by_kind ON events(kind, date);
ALTER TABLE events_history ADD COLUMN occurrence INTEGER NOT NULL DEFAULT 1;
CREATE VIEW merit_v1_facts AS SELECT entity, metric, entity_id, date, value, ref FROM facts;
CREATE VIEW merit_v1_events AS
  SELECT manager_id, kind, date, ref, note, quantity, amount FROM events;
)sql";

// Each data version's input fingerprint, as the first run that read the
// version computed it (store/data_version_fingerprints.hpp); written once.
constexpr std::string_view kVersion21 = R"sql(
CREATE TABLE data_version_fingerprints (
  version           INTEGER PRIMARY KEY REFERENCES data_versions(seq),
  input_fingerprint TEXT NOT NULL CHECK (length(input_fingerprint) = 64)
);
CREATE TRIGGER data_version_fingerprints_no_update BEFORE UPDATE ON data_version_fingerprints
BEGIN SELECT RAISE(ABORT, 'data_version_fingerprints is written once: a fingerprint is never changed'); END;
CREATE TRIGGER data_version_fingerprints_no_delete BEFORE DELETE ON data_version_fingerprints
BEGIN SELECT RAISE(ABORT, 'data_version_fingerprints is written once: a fingerprint is never deleted'); END;
)sql";

// The fact columns runs read, kept by the facts' version
// (data/stored_fact_columns.hpp): derived from the facts table, never input.
constexpr std::string_view kVersion22 = R"sql(
CREATE TABLE kept_fact_columns (
  entity        TEXT NOT NULL,
  metric        TEXT NOT NULL,
  facts_version INTEGER NOT NULL,
  columns       BLOB NOT NULL,
  PRIMARY KEY (entity, metric, facts_version)
) WITHOUT ROWID;
)sql";

void add_repeat_history(sqlite3* db) {
    add_history_triggers(db, "facts");
    add_history_triggers(db, "events");
}

constexpr std::array<Migration, 22> kMigrations = {Migration{kVersion1},
                                                   Migration{kVersion2},
                                                   Migration{kVersion3, &chain_legacy_audit},
                                                   Migration{kVersion4},
                                                   Migration{kVersion5},
                                                   Migration{kVersion6},
                                                   Migration{kVersion7, &add_data_history},
                                                   Migration{kVersion8},
                                                   Migration{kVersion9},
                                                   Migration{kVersion10},
                                                   Migration{kVersion11},
                                                   Migration{kVersion12},
                                                   Migration{kVersion13, &add_manager_terms_history},
                                                   Migration{kVersion14},
                                                   Migration{kVersion15},
                                                   Migration{kVersion16},
                                                   Migration{kVersion17},
                                                   Migration{kVersion18, &add_roles_history},
                                                   Migration{kVersion19},
                                                   Migration{kVersion20, &add_repeat_history},
                                                   Migration{kVersion21},
                                                   Migration{kVersion22}};

}  // namespace

std::span<const Migration> schema_migrations() {
    return kMigrations;
}

void apply_migrations(sqlite3* db, int from) {
    for (size_t version = static_cast<size_t>(from); version < kMigrations.size(); ++version) {
        exec(db, kMigrations[version].sql);
        if (kMigrations[version].then) kMigrations[version].then(db);
    }
    exec(db, "PRAGMA user_version = " + std::to_string(kMigrations.size()));
}

int current_schema_version() {
    return static_cast<int>(kMigrations.size());
}

}  // namespace merit
