#include "api/token_store.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sodium.h>

#include <boost/json.hpp>
#include <charconv>
#include <vector>

#include "common/errors.hpp"
#include "common/sha256.hpp"
#include "store/audit_log.hpp"
#include "store/sqlite.hpp"

namespace merit::api {
namespace {

constexpr std::string_view kPrefix = "mrt_";

std::string timestamp_after(std::chrono::seconds lifetime) {
    const auto at = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + lifetime;
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", at);
}

}  // namespace

std::string random_secret(size_t bytes) {
    if (sodium_init() < 0) throw UserError("libsodium could not be initialised");
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.find('\0'));
    sodium_memzero(raw.data(), raw.size());
    return out;
}

std::chrono::seconds parse_lifetime(const std::string& text) {
    int64_t count = 0;
    const char* end = text.data() + text.size();
    const auto [unit, ec] = std::from_chars(text.data(), end, count);
    const std::string bad = fmt::format("--expires {}: give a lifetime such as 30d, 12h or 45m", text);
    if (ec != std::errc() || unit + 1 != end || count <= 0) throw UsageError(bad);
    std::chrono::seconds lifetime{};
    switch (*unit) {
        case 'd':
            lifetime = std::chrono::hours(24) * count;
            break;
        case 'h':
            lifetime = std::chrono::hours(count);
            break;
        case 'm':
            lifetime = std::chrono::minutes(count);
            break;
        default:
            throw UsageError(bad);
    }
    if (lifetime > std::chrono::hours(24 * 3650))
        throw UsageError(fmt::format("--expires {}: at most 3650d", text));
    return lifetime;
}

IssuedToken issue_token(sqlite3* db, const std::string& user_id, std::chrono::seconds lifetime,
                        const std::string& label) {
    IssuedToken issued{std::string(kPrefix) + random_secret(32), timestamp_after(lifetime)};
    const std::string hash = sha256_hex(issued.token);
    Transaction tx(db);
    Statement insert(db,
                     "INSERT INTO api_tokens (token_hash, user_id, label, created_at, expires_at) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)");
    insert.bind(1, hash).bind(2, user_id).bind(3, label).bind(4, utc_timestamp()).bind(5, issued.expires_at);
    insert.run();
    // The audit entry names the token by the start of its hash, never the token.
    append_audit(
        db, AuditRecord{"users.token", "user:" + user_id,
                        boost::json::serialize(boost::json::object{{"token_hash_prefix", hash.substr(0, 12)},
                                                                   {"expires_at", issued.expires_at},
                                                                   {"label", label}})});
    tx.commit();
    return issued;
}

std::optional<std::string> token_user(sqlite3* db, const std::string& token) {
    if (token.size() != kPrefix.size() + 43 || token.compare(0, kPrefix.size(), kPrefix) != 0)
        return std::nullopt;
    Statement st(db,
                 "SELECT user_id FROM api_tokens WHERE token_hash = ?1 AND revoked_at IS NULL "
                 "AND (expires_at IS NULL OR expires_at > ?2)");
    st.bind(1, sha256_hex(token)).bind(2, utc_timestamp());
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

}  // namespace merit::api
