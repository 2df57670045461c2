#include "access/settings.hpp"

#include <boost/json.hpp>

#include "access/authorize.hpp"
#include "common/json_text.hpp"
#include "store/audit_log.hpp"
#include "store/sqlite.hpp"

namespace merit {

std::optional<std::string> read_setting(sqlite3* db, std::string_view key) {
    Statement st(db, "SELECT value FROM settings WHERE key = ?1");
    st.bind(1, key);
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

void write_setting(sqlite3* db, std::string_view key, std::string_view value) {
    Transaction tx(db);
    const std::string ref = "setting:" + std::string(key);
    require(db, current_actor(), "settings.set", Object{.ref = ref});
    const auto before = read_setting(db, key);
    Statement st(db,
                 "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value);
    st.run();
    boost::json::object detail{{"value", value}};
    detail["before"] = before ? boost::json::value(*before) : boost::json::value(nullptr);
    append_audit(db, AuditRecord{"settings.set", ref, json_text(detail), ""});
    tx.commit();
}

}  // namespace merit
