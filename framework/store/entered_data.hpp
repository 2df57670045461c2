// What people enter in reviews and feedback, written to the input tables the
// scheme's indicators read (`ratings`, `targets`), so the data services
// serve entered and imported data alike. Called inside the caller's
// transaction. Rows written here carry a rater id of their own (the user, or
// an anonymous feedback number), so they replace only what the same review
// entered before and never an imported row.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace merit {

// One data version for what one action enters (store/data_versions.hpp):
// open it before the writes below, finish() it after them, inside the same
// transaction. `tables` are those the action writes (the counts read only
// them).
class EnteredDataVersion {
public:
    EnteredDataVersion(sqlite3* db, std::string_view action, std::vector<std::string> tables);
    void finish();

private:
    sqlite3* db_;
    int64_t seq_;
    std::vector<std::string> tables_;
};

struct EnteredRating {
    std::string item;
    double score = 0;
};

// Replaces the rows of (manager, period, rater role, rater id) by `ratings`.
void write_entered_ratings(sqlite3* db, const std::string& manager_id, const std::string& period,
                           const std::string& rater_role, const std::string& rater_id,
                           const std::vector<EnteredRating>& ratings);

// Sets the target (targets.indicator = `key`) of a manager for a period.
void write_agreed_target(sqlite3* db, const std::string& manager_id, const std::string& period,
                         const std::string& key, double value);

}  // namespace merit
