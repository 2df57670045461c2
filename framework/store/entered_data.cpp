#include "store/entered_data.hpp"

#include "store/data_versions.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

// The data version the caller opened (EnteredDataVersion): rows entered are
// stamped with it, and the values they replace close at it.
constexpr std::string_view kOpenVersion = "(SELECT coalesce(max(seq), 0) FROM data_versions)";

}  // namespace

EnteredDataVersion::EnteredDataVersion(sqlite3* db, std::string_view action, std::vector<std::string> tables)
    : db_(db), seq_(begin_data_version(db, action, {})), tables_(std::move(tables)) {}

void EnteredDataVersion::finish() {
    record_data_version_counts(db_, seq_, counted_changes(db_, seq_, tables_));
}

void write_entered_ratings(sqlite3* db, const std::string& manager_id, const std::string& period,
                           const std::string& rater_role, const std::string& rater_id,
                           const std::vector<EnteredRating>& ratings) {
    Statement drop(
        db,
        "DELETE FROM ratings WHERE period = ?1 AND manager_id = ?2 AND rater_role = ?3 AND rater_id = ?4");
    drop.bind(1, period).bind(2, manager_id).bind(3, rater_role).bind(4, rater_id);
    drop.run();
    Statement add(db,
                  "INSERT INTO ratings (manager_id, period, rater_role, item, rater_id, score, "
                  "valid_from_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, " +
                      std::string(kOpenVersion) + ")");
    for (const auto& r : ratings) {
        add.reset();
        add.bind(1, manager_id)
            .bind(2, period)
            .bind(3, rater_role)
            .bind(4, r.item)
            .bind(5, rater_id)
            .bind(6, r.score);
        add.run();
    }
}

void write_agreed_target(sqlite3* db, const std::string& manager_id, const std::string& period,
                         const std::string& key, double value) {
    Statement st(
        db,
        "INSERT INTO targets (manager_id, indicator, period, value, valid_from_version) VALUES (?1, ?2, "
        "?3, ?4, " +
            std::string(kOpenVersion) +
            ") ON CONFLICT (indicator, period, manager_id) DO UPDATE SET value = excluded.value, "
            "valid_from_version = excluded.valid_from_version WHERE value IS NOT excluded.value");
    st.bind(1, manager_id).bind(2, key).bind(3, period).bind(4, value);
    st.run();
}

}  // namespace merit
