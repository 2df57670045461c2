#include "common/json_text.hpp"

#include <array>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <cmath>

namespace merit {
namespace {

namespace json = boost::json;

void append_double(std::string& out, double x) {
    if (!std::isfinite(x)) {
        out += "null";
        return;
    }
    if (x == 0) {  // also -0
        out += '0';
        return;
    }
    // Fixed notation, shortest round trip: the longest, the smallest
    // subnormal, is "0." followed by 323 digits.
    std::array<char, 400> buffer;
    const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x, std::chars_format::fixed);
    out.append(buffer.data(), end.ptr);
}

void append(std::string& out, const json::value& v);

// "[a,b]" / "{"k":a}": `each` writes one element.
template <class Range, class Each>
void append_joined(std::string& out, char open, char close, const Range& range, Each each) {
    out += open;
    bool first = true;
    for (const auto& item : range) {
        if (!first) out += ',';
        first = false;
        each(item);
    }
    out += close;
}

void append(std::string& out, const json::value& v) {
    switch (v.kind()) {
        case json::kind::null:
            out += "null";
            break;
        case json::kind::bool_:
            out += v.get_bool() ? "true" : "false";
            break;
        case json::kind::int64:
            out += std::to_string(v.get_int64());
            break;
        case json::kind::uint64:
            out += std::to_string(v.get_uint64());
            break;
        case json::kind::double_:
            append_double(out, v.get_double());
            break;
        case json::kind::string:
            out += json::serialize(v.get_string());
            break;
        case json::kind::array:
            append_joined(out, '[', ']', v.get_array(), [&](const json::value& item) { append(out, item); });
            break;
        case json::kind::object:
            append_joined(out, '{', '}', v.get_object(), [&](const json::key_value_pair& member) {
                out += json::serialize(member.key());
                out += ':';
                append(out, member.value());
            });
            break;
    }
}

}  // namespace

std::string json_text(const boost::json::value& value) {
    std::string out;
    append(out, value);
    return out;
}

std::string json_line(const boost::json::value& value) {
    return json_text(value) + '\n';
}

}  // namespace merit
