#include "store/audit_log.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

#include "store/sqlite.hpp"

namespace merit {

std::string audit_actor() {
    const uid_t uid = ::geteuid();
    // getpwuid_r: the reentrant form, since runs compute on several threads.
    struct passwd entry {};
    struct passwd* found = nullptr;
    char buffer[4096];
    if (::getpwuid_r(uid, &entry, buffer, sizeof buffer, &found) == 0 && found && found->pw_name &&
        *found->pw_name)
        return found->pw_name;
    if (const char* user = std::getenv("USER"); user && *user) return user;
    return fmt::format("uid {}", uid);
}

std::string utc_timestamp() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

void append_audit(sqlite3* db, std::string_view command, std::string_view detail, std::string_view at) {
    Statement st(db, "INSERT INTO audit_log (at, actor, command, detail) VALUES (?1, ?2, ?3, ?4)");
    const std::string when = at.empty() ? utc_timestamp() : std::string(at);
    st.bind(1, when).bind(2, audit_actor()).bind(3, command).bind(4, detail);
    st.run();
}

std::vector<AuditEntry> read_audit(sqlite3* db, size_t limit) {
    Statement st(db,
                 "SELECT id, at, actor, command, detail FROM (SELECT * FROM audit_log ORDER BY id DESC "
                 "LIMIT ?1) ORDER BY id");
    st.bind(1, limit == 0 ? int64_t{-1} : static_cast<int64_t>(limit));
    std::vector<AuditEntry> out;
    while (st.step()) out.push_back({st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4)});
    return out;
}

}  // namespace merit
