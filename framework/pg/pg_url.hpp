// Where a PostgreSQL workspace lives: postgresql://user@host:port/db?schema=s
// (issue 20). The password, when the URL has one, is handed to the caller
// separately and never kept here, so a PgUrl can be printed, logged and put
// into error messages as it is.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace merit {

struct PgUrl {
    std::string user;      // "" : libpq's default (PGUSER, then the OS user)
    std::string host;      // name, IPv4 address or IPv6 address (without brackets)
    std::string port;      // "" : libpq's default (PGPORT, then 5432)
    std::string database;  // never empty
    std::string schema;    // "" : the server's search_path
    std::string sslmode;   // "" : libpq's default

    // The schema the workspace's tables go to: `schema`, else "public".
    std::string schema_or_public() const { return schema.empty() ? "public" : schema; }
    // postgresql://user@host:port/db?schema=s, without any password.
    std::string text() const;
};

// True for text that starts like a PostgreSQL URL (postgresql:// or
// postgres://), so a command can tell it from a workspace file name.
bool looks_like_pg_url(std::string_view text);

// Parses `text`; when it holds a password, stores it in `*password` (which
// may be null when the caller has no use for one). Throws UserError naming
// the URL without its password and what is wrong with it.
PgUrl parse_pg_url(std::string_view text, std::string* password = nullptr);

// `text` with the password of its user-info part removed
// ("postgresql://u:secret@h/db" -> "postgresql://u@h/db"), whether or not
// the rest parses: what every message that quotes a URL shows.
std::string without_password(std::string_view text);

// A PostgreSQL identifier we create objects under: lower-case ASCII letters,
// digits and '_', not starting with a digit, at most 63 bytes, not pg_*.
bool is_plain_identifier(std::string_view name);

// `name` in double quotes, inner quotes doubled: safe in any SQL text.
std::string quote_identifier(std::string_view name);

}  // namespace merit
