// Cursor paging: a listing answers {"items": [...], "next_cursor": C}; the
// next page is ?cursor=C. A cursor is the last item's sort key, base64url,
// opaque to clients; a cursor that does not decode is 422 naming `cursor`.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/http_message.hpp"
#include "store/sqlite.hpp"

namespace merit::api {

std::string encode_cursor(const std::vector<std::string>& key);
// The key parts of the request's ?cursor, nullopt without one; `parts` is
// how many parts the listing's keys have.
std::optional<std::vector<std::string>> request_cursor(const http::Request& request, size_t parts);
// ?limit (1 to `max`, default `fallback`).
size_t page_limit(const http::Request& request, size_t fallback, size_t max);

// Calls `take` for each of the first `limit` rows of `st` (a query asking
// for limit + 1); true when a further row exists.
bool read_page(Statement& st, size_t limit, const std::function<void()>& take);

}  // namespace merit::api
