#include "store/schema.hpp"

#include <array>
#include <string>

#include "store/audit_log.hpp"
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

constexpr std::array<Migration, 5> kMigrations = {Migration{kVersion1}, Migration{kVersion2},
                                                  Migration{kVersion3, &chain_legacy_audit},
                                                  Migration{kVersion4}, Migration{kVersion5}};

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
