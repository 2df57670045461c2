#include "store/audit_log.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>

#include "common/errors.hpp"
#include "common/sha256.hpp"
#include "store/actor.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

struct ChainEnd {
    int64_t id = 0;
    std::string hash;
};

ChainEnd chain_end(sqlite3* db) {
    Statement st(db, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
    if (!st.step()) return {};
    return {st.integer(0), st.text(1)};
}

void insert_entry(sqlite3* db, AuditEntry& entry) {
    const ChainEnd end = chain_end(db);
    entry.id = end.id + 1;
    entry.prev_hash = end.hash;
    entry.hash = audit_entry_hash(entry);
    Statement st(db,
                 "INSERT INTO audit_log (id, at, actor, role, action, object, detail, reason, prev_hash, "
                 "hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    st.bind(1, entry.id).bind(2, entry.at).bind(3, entry.actor).bind(4, entry.role).bind(5, entry.action);
    st.bind(6, entry.object).bind(7, entry.detail).bind(8, entry.reason).bind(9, entry.prev_hash);
    st.bind(10, entry.hash);
    st.run();
}

constexpr const char* kEntryColumns = "id, at, actor, role, action, object, detail, reason, prev_hash, hash";

AuditEntry read_entry(const Statement& st) {
    return {st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4),
            st.text(5),    st.text(6), st.text(7), st.text(8), st.text(9)};
}

}  // namespace

std::string utc_timestamp() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

void append_audit(sqlite3* db, const AuditRecord& record) {
    boost::system::error_code ec;
    const boost::json::value detail = boost::json::parse(record.detail, ec);
    if (ec || !detail.is_object())
        throw UserError(fmt::format("audit entry '{}': detail is not a JSON object", record.action));
    const Actor actor = current_actor();
    AuditEntry entry;
    entry.at = utc_timestamp();
    entry.actor = actor.id;
    entry.role = actor.role;
    entry.action = record.action;
    entry.object = record.object;
    entry.detail = record.detail;
    entry.reason = record.reason;
    insert_entry(db, entry);
}

std::vector<AuditEntry> read_audit(sqlite3* db, size_t limit) {
    Statement st(db,
                 fmt::format("SELECT {} FROM (SELECT * FROM audit_log ORDER BY id DESC LIMIT ?1) ORDER BY id",
                             kEntryColumns));
    st.bind(1, limit == 0 ? int64_t{-1} : static_cast<int64_t>(limit));
    std::vector<AuditEntry> out;
    while (st.step()) out.push_back(read_entry(st));
    return out;
}

std::vector<AuditEntry> read_audit_after(sqlite3* db, int64_t after_id, size_t limit) {
    Statement st(db,
                 fmt::format("SELECT {} FROM audit_log WHERE id > ?1 ORDER BY id LIMIT ?2", kEntryColumns));
    st.bind(1, after_id).bind(2, static_cast<int64_t>(limit));
    std::vector<AuditEntry> out;
    while (st.step()) out.push_back(read_entry(st));
    return out;
}

std::string audit_entry_hash(const AuditEntry& e) {
    std::string content;
    for (const std::string& field :
         {std::to_string(e.id), e.at, e.actor, e.role, e.action, e.object, e.detail, e.reason, e.prev_hash})
        content += fmt::format("{}:{}\n", field.size(), field);
    return sha256_hex(content);
}

AuditChainCheck verify_audit_chain(sqlite3* db) {
    AuditChainCheck check;
    Statement st(db, fmt::format("SELECT {} FROM audit_log ORDER BY id", kEntryColumns));
    std::string previous;
    while (st.step()) {
        const AuditEntry entry = read_entry(st);
        ++check.entries;
        if (entry.id != static_cast<int64_t>(check.entries))
            check.problems.push_back(
                fmt::format("audit entry {}: expected id {} (an entry is missing)", entry.id, check.entries));
        if (entry.prev_hash != previous)
            check.problems.push_back(fmt::format(
                "audit entry {}: does not follow the entry before it (prev_hash {}, expected {})", entry.id,
                entry.prev_hash.empty() ? "empty" : entry.prev_hash, previous.empty() ? "empty" : previous));
        if (audit_entry_hash(entry) != entry.hash)
            check.problems.push_back(
                fmt::format("audit entry {}: content does not match its hash (it was altered)", entry.id));
        previous = entry.hash;
    }
    check.head = previous;
    return check;
}

void chain_legacy_audit(sqlite3* db) {
    Statement legacy(db, "SELECT at, actor, command, detail FROM audit_log_v2 ORDER BY id");
    while (legacy.step()) {
        AuditEntry entry;
        entry.at = legacy.text(0);
        entry.actor = legacy.text(1);
        entry.role = "operator";
        entry.action = legacy.text(2);
        entry.detail = boost::json::serialize(boost::json::object{{"text", legacy.text(3)}});
        insert_entry(db, entry);
    }
    exec(db, "DROP TABLE audit_log_v2");
}

}  // namespace merit
