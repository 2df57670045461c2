#include "api/passwords.hpp"

#include <sodium.h>

#include "common/errors.hpp"
#include "store/audit_log.hpp"
#include "store/sqlite.hpp"

namespace merit::api {
namespace {

std::string hash_password(const std::string& password) {
    if (sodium_init() < 0) throw UserError("libsodium could not be initialised");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw UserError("not enough memory to hash the password");
    return hash;
}

// A hash of a password nobody has, checked against when the user has none.
const std::string& decoy_hash() {
    static const std::string hash = hash_password("merit decoy password, never set");
    return hash;
}

}  // namespace

void set_password(sqlite3* db, const std::string& user_id, const std::string& password) {
    if (password.size() < 10) throw UserError("a password needs at least 10 characters");
    const std::string hash = hash_password(password);
    Transaction tx(db);
    Statement st(db,
                 "INSERT INTO user_passwords (user_id, hash, set_at) VALUES (?1, ?2, ?3) "
                 "ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at");
    st.bind(1, user_id).bind(2, hash).bind(3, utc_timestamp());
    st.run();
    append_audit(db, AuditRecord{"users.password", "user:" + user_id});
    tx.commit();
}

bool check_password(sqlite3* db, const std::string& user_id, const std::string& password) {
    if (sodium_init() < 0) throw UserError("libsodium could not be initialised");
    Statement st(db, "SELECT hash FROM user_passwords WHERE user_id = ?1");
    st.bind(1, user_id);
    const bool known = st.step();
    const std::string hash = known ? st.text(0) : decoy_hash();
    const bool matches = crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
    return known && matches;
}

}  // namespace merit::api
