#include "common/json_duplicates.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <map>

namespace merit {
namespace {

struct Frame {
    bool object = false;
    std::string path;
    std::map<std::string, size_t> keys;  // key -> line first seen
    size_t index = 0;                    // next array element
    bool expecting_key = false;
    std::string pending_key;
};

std::string member_path(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

// The path of the value starting now; advances an array's index.
std::string value_path(std::vector<Frame>& stack) {
    if (stack.empty()) return "";
    Frame& top = stack.back();
    if (top.object) return member_path(top.path, top.pending_key);
    return fmt::format("{}[{}]", top.path, top.index++);
}

// The end (one past the closing quote) of the string token opening at `i`.
size_t string_end(std::string_view text, size_t i) {
    for (size_t j = i + 1; j < text.size(); ++j) {
        if (text[j] == '\\')
            ++j;
        else if (text[j] == '"')
            return j + 1;
    }
    return text.size();
}

// A key as the parser sees it, escapes decoded ("r\u0061te" is "rate").
std::string decode_key(std::string_view token) {
    boost::system::error_code ec;
    const auto value = boost::json::parse(token, ec);
    if (ec || !value.is_string()) return std::string(token);
    return std::string(value.get_string());
}

}  // namespace

std::vector<DuplicateKey> duplicate_json_keys(std::string_view text) {
    std::vector<DuplicateKey> found;
    std::vector<Frame> stack;
    size_t line = 1;
    for (size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '\n') ++line;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ':') {
            ++i;
            continue;
        }
        if (c == '{' || c == '[') {
            Frame frame;
            frame.path = value_path(stack);
            frame.object = c == '{';
            frame.expecting_key = frame.object;
            stack.push_back(std::move(frame));
            ++i;
        } else if (c == '}' || c == ']') {
            if (!stack.empty()) stack.pop_back();
            ++i;
        } else if (c == ',') {
            if (!stack.empty() && stack.back().object) stack.back().expecting_key = true;
            ++i;
        } else if (c == '"') {
            const size_t end = string_end(text, i);
            if (!stack.empty() && stack.back().expecting_key) {
                Frame& top = stack.back();
                top.pending_key = decode_key(text.substr(i, end - i));
                top.expecting_key = false;
                const auto [it, inserted] = top.keys.emplace(top.pending_key, line);
                if (!inserted) found.push_back({member_path(top.path, top.pending_key), line, it->second});
            } else {
                value_path(stack);
            }
            for (size_t j = i; j < end; ++j) line += text[j] == '\n';
            i = end;
        } else {
            // A number, true, false or null: up to the next delimiter.
            value_path(stack);
            while (i < text.size() && text[i] != ',' && text[i] != '}' && text[i] != ']' && text[i] != ' ' &&
                   text[i] != '\n' && text[i] != '\t' && text[i] != '\r')
                ++i;
        }
    }
    return found;
}

}  // namespace merit
