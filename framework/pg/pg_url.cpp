#include "pg/pg_url.hpp"

#include <fmt/format.h>

#include <charconv>

#include "common/errors.hpp"

namespace merit {
namespace {

constexpr std::string_view kSchemes[] = {"postgresql://", "postgres://"};

std::string_view after_scheme(std::string_view text) {
    for (std::string_view scheme : kSchemes)
        if (text.starts_with(scheme)) return text.substr(scheme.size());
    return {};
}

[[noreturn]] void bad_url(std::string_view text, std::string_view why) {
    throw UserError(fmt::format("postgresql: bad URL '{}': {}", without_password(text), why));
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// RFC 3986 percent-decoding of one URL part; `what` names the part.
std::string decode(std::string_view url, std::string_view part, std::string_view what) {
    std::string out;
    out.reserve(part.size());
    for (size_t i = 0; i < part.size(); ++i) {
        if (part[i] != '%') {
            out += part[i];
            continue;
        }
        const int high = i + 2 < part.size() ? hex_digit(part[i + 1]) : -1;
        const int low = high >= 0 ? hex_digit(part[i + 2]) : -1;
        if (low < 0) bad_url(url, fmt::format("a bad %-escape in the {}", what));
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    if (out.find('\0') != std::string::npos) bad_url(url, fmt::format("a NUL byte in the {}", what));
    return out;
}

bool is_host_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_';
}

void parse_host_port(std::string_view url, std::string_view authority, PgUrl& out) {
    std::string_view port;
    if (authority.starts_with('[')) {
        const size_t close = authority.find(']');
        if (close == std::string_view::npos) bad_url(url, "an IPv6 host without ']'");
        out.host = std::string(authority.substr(1, close - 1));
        const std::string_view rest = authority.substr(close + 1);
        if (!rest.empty() && !rest.starts_with(':')) bad_url(url, "text after the IPv6 host");
        if (!rest.empty()) port = rest.substr(1);
        for (char c : out.host)
            if (hex_digit(c) < 0 && c != ':' && c != '.') bad_url(url, "a bad IPv6 host");
    } else {
        const size_t colon = authority.find(':');
        out.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) port = authority.substr(colon + 1);
        for (char c : out.host)
            if (!is_host_char(c)) bad_url(url, fmt::format("a bad character '{}' in the host", c));
    }
    if (out.host.empty()) bad_url(url, "no host");
    if (authority.find(':') != std::string_view::npos && port.empty() && !authority.starts_with('['))
        bad_url(url, "an empty port");
    if (!port.empty()) {
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535)
            bad_url(url, fmt::format("port '{}' is not a number from 1 to 65535", port));
        out.port = std::to_string(value);
    }
}

void parse_query(std::string_view url, std::string_view query, PgUrl& out) {
    while (!query.empty()) {
        const size_t amp = query.find('&');
        const std::string_view item = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (item.empty()) continue;
        const size_t eq = item.find('=');
        if (eq == std::string_view::npos) bad_url(url, fmt::format("parameter '{}' has no value", item));
        const std::string key(item.substr(0, eq));
        std::string value = decode(url, item.substr(eq + 1), key);
        if (key == "schema") {
            if (!is_plain_identifier(value))
                bad_url(url, fmt::format("schema '{}' is not a plain identifier (a-z, 0-9, _; at most 63 "
                                         "bytes; not starting with a digit or pg_)",
                                         value));
            out.schema = std::move(value);
        } else if (key == "sslmode") {
            out.sslmode = std::move(value);
        } else {
            bad_url(url, fmt::format("unknown parameter '{}' (known: schema, sslmode)", key));
        }
    }
}

}  // namespace

std::string PgUrl::text() const {
    std::string out = "postgresql://";
    if (!user.empty()) out += user + '@';
    out += host.find(':') != std::string::npos ? '[' + host + ']' : host;
    if (!port.empty()) out += ':' + port;
    out += '/' + database;
    std::string query;
    if (!schema.empty()) query += "schema=" + schema;
    if (!sslmode.empty()) query += (query.empty() ? "" : "&") + std::string("sslmode=") + sslmode;
    if (!query.empty()) out += '?' + query;
    return out;
}

bool looks_like_pg_url(std::string_view text) {
    for (std::string_view scheme : kSchemes)
        if (text.starts_with(scheme)) return true;
    return false;
}

std::string without_password(std::string_view text) {
    const std::string_view rest = after_scheme(text);
    if (rest.data() == nullptr) return std::string(text);
    const size_t scheme_size = text.size() - rest.size();
    // The user-info ends at the last '@' of the authority, which ends at the
    // first '/', '?' or '#'; a password is what follows the first ':' in it.
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    const size_t at = authority.rfind('@');
    if (at == std::string_view::npos) return std::string(text);
    const size_t colon = authority.substr(0, at).find(':');
    if (colon == std::string_view::npos) return std::string(text);
    return std::string(text.substr(0, scheme_size + colon)) + std::string(rest.substr(at));
}

PgUrl parse_pg_url(std::string_view text, std::string* password) {
    const std::string_view rest = after_scheme(text);
    if (rest.data() == nullptr) bad_url(text, "it does not start with postgresql:// or postgres://");
    const size_t slash = rest.find('/');
    const size_t query_at = rest.find('?');
    if (slash == std::string_view::npos || (query_at != std::string_view::npos && query_at < slash))
        bad_url(text, "no database (postgresql://user@host:port/db)");
    if (rest.find('#') != std::string_view::npos) bad_url(text, "a '#' fragment");
    std::string_view authority = rest.substr(0, slash);
    const std::string_view path = rest.substr(
        slash + 1, query_at == std::string_view::npos ? std::string_view::npos : query_at - slash - 1);

    PgUrl out;
    const size_t at = authority.rfind('@');
    if (at != std::string_view::npos) {
        const std::string_view info = authority.substr(0, at);
        const size_t colon = info.find(':');
        out.user = decode(text, info.substr(0, colon), "user");
        if (out.user.empty()) bad_url(text, "an empty user name before '@'");
        if (colon != std::string_view::npos) {
            // Decoded even when unwanted, so a malformed one is reported.
            std::string secret = decode(text, info.substr(colon + 1), "password");
            if (password) *password = std::move(secret);
        }
        authority = authority.substr(at + 1);
    }
    parse_host_port(text, authority, out);
    out.database = decode(text, path, "database");
    if (out.database.empty()) bad_url(text, "no database (postgresql://user@host:port/db)");
    if (out.database.find('/') != std::string::npos) bad_url(text, "a '/' in the database name");
    if (query_at != std::string_view::npos) parse_query(text, rest.substr(query_at + 1), out);
    return out;
}

bool is_plain_identifier(std::string_view name) {
    if (name.empty() || name.size() > 63 || name.starts_with("pg_")) return false;
    if (name.front() >= '0' && name.front() <= '9') return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

std::string quote_identifier(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

}  // namespace merit
