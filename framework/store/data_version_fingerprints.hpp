// Each data version's input fingerprint (engine/input_fingerprint.hpp),
// kept once computed. Every write to an input table opens a data version
// (imports, corrections, entered data) and a run reads one pinned version,
// so the fingerprint is a function of the version: the first run that reads
// a version computes it (reading every input row: most of a run's CPU on a
// bank-sized workspace) and later runs of the same version reuse it.
// `merit verify --recompute` never reuses it: it hashes the rows again, so
// inputs edited behind Merit's back (outside any data version) still show.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>

namespace merit {

// The fingerprint kept for `version`, if a run has computed it.
std::optional<std::string> kept_input_fingerprint(sqlite3* db, int64_t version);

// Keeps `fingerprint` for `version` unless one is kept already (it is then
// left as it is: written once). Version 0 (nothing imported) is not kept.
void keep_input_fingerprint(sqlite3* db, int64_t version, const std::string& fingerprint);

}  // namespace merit
