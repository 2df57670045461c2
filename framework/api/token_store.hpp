// Opaque bearer tokens for integrations and scripts: `merit users token`
// prints a new token once; the workspace keeps only its SHA-256, so a copy
// of the workspace file does not hand out anyone's access.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <optional>
#include <string>

namespace merit::api {

struct IssuedToken {
    std::string token;       // mrt_ + 43 characters of base64url: shown once
    std::string expires_at;  // UTC, 2026-07-01T08:00:00Z
};

// "30d", "12h", "45m": a lifetime from 1 minute to 3650 days; UsageError otherwise.
std::chrono::seconds parse_lifetime(const std::string& text);

// Stores the hash of a fresh random token for `user_id`, with an audit entry.
IssuedToken issue_token(sqlite3* db, const std::string& user_id, std::chrono::seconds lifetime,
                        const std::string& label);

// The user a token belongs to, when it is known, not expired and not revoked.
std::optional<std::string> token_user(sqlite3* db, const std::string& token);

// A random secret of `bytes` bytes, base64url without padding.
std::string random_secret(size_t bytes);

}  // namespace merit::api
