#include "api/cursor.hpp"

#include <sodium.h>

#include "api/api_error.hpp"
#include "api/json_body.hpp"

namespace merit::api {

std::string encode_cursor(const std::vector<std::string>& key) {
    std::string joined;
    for (const std::string& part : key) joined += (joined.empty() ? "" : "\x1f") + part;
    std::string out(sodium_base64_ENCODED_LEN(joined.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(joined.data()),
                      joined.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.find('\0'));
    return out;
}

std::optional<std::vector<std::string>> request_cursor(const http::Request& request, size_t parts) {
    const auto text = request.query_value("cursor");
    if (!text) return std::nullopt;
    const auto bad = invalid_field("is not a cursor this listing gave", "cursor");
    if (text->size() > 1000) throw bad;
    std::string joined(text->size(), '\0');
    size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(joined.data()), joined.size(), text->data(),
                          text->size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        throw bad;
    joined.resize(length);
    std::vector<std::string> key;
    size_t start = 0;
    for (;;) {
        const size_t sep = joined.find('\x1f', start);
        key.push_back(joined.substr(start, sep == std::string::npos ? std::string::npos : sep - start));
        if (sep == std::string::npos) break;
        start = sep + 1;
    }
    if (key.size() != parts) throw bad;
    return key;
}

size_t page_limit(const http::Request& request, size_t fallback, size_t max) {
    const auto limit = query_integer(request, "limit", 1, static_cast<int64_t>(max));
    return limit ? static_cast<size_t>(*limit) : fallback;
}

}  // namespace merit::api

namespace merit::api {

bool read_page(Statement& st, size_t limit, const std::function<void()>& take) {
    for (size_t taken = 0; st.step(); ++taken) {
        if (taken == limit) return true;
        take();
    }
    return false;
}

}  // namespace merit::api
