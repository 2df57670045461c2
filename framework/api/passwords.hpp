// Optional password login: argon2id hashes (libsodium's crypto_pwhash_str,
// interactive limits) in the workspace, one per user.
#pragma once

#include <sqlite3.h>

#include <string>

namespace merit::api {

// Sets (or replaces) the user's password, with an audit entry. UserError
// when it is shorter than 10 characters.
void set_password(sqlite3* db, const std::string& user_id, const std::string& password);

// True when the user has a password and this is it. Takes the same time
// for a user without a password, so the answer does not tell who exists.
bool check_password(sqlite3* db, const std::string& user_id, const std::string& password);

}  // namespace merit::api
