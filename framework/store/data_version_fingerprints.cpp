#include "store/data_version_fingerprints.hpp"

#include "store/sqlite.hpp"

namespace merit {

std::optional<std::string> kept_input_fingerprint(sqlite3* db, int64_t version) {
    Statement st(db, "SELECT input_fingerprint FROM data_version_fingerprints WHERE version = ?1");
    st.bind(1, version);
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

void keep_input_fingerprint(sqlite3* db, int64_t version, const std::string& fingerprint) {
    if (version <= 0 || fingerprint.empty()) return;
    Statement st(db,
                 "INSERT INTO data_version_fingerprints (version, input_fingerprint) VALUES (?1, ?2) "
                 "ON CONFLICT (version) DO NOTHING");
    st.bind(1, version).bind(2, fingerprint);
    st.run();
}

}  // namespace merit
