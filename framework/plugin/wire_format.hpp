// The byte format of messages between the host and an isolated plugin
// process: fixed-width little-endian numbers, length-prefixed strings and
// arrays, and `merit_value` trees. The reader checks every length against
// what is left, so a corrupted message from a faulty plugin is an error,
// never an out-of-bounds read or a huge allocation.
#pragma once

#include <merit/plugin.h>

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace merit {

class WireWriter {
public:
    WireWriter& u8(uint8_t value);
    WireWriter& u64(uint64_t value);
    WireWriter& i64(int64_t value);
    WireWriter& f64(double value);
    WireWriter& text(std::string_view value);
    // A string that may be NULL (a C argument meaning "default").
    WireWriter& optional_text(const char* value);
    WireWriter& doubles(const double* values, size_t count);
    WireWriter& flags(const unsigned char* values, size_t count);
    // Arrays that may be NULL: a presence byte, then the array.
    WireWriter& optional_doubles(const double* values, size_t count);
    WireWriter& optional_flags(const unsigned char* values, size_t count);
    WireWriter& optional_texts(const char* const* values, size_t count);
    WireWriter& value(const merit_value& value);
    // Bytes already in this format (another writer's message).
    WireWriter& raw(std::string_view bytes);

    const std::string& bytes() const { return bytes_; }

private:
    std::string bytes_;
};

class WireReader {
public:
    explicit WireReader(std::string_view bytes) : bytes_(bytes) {}

    uint8_t u8();
    uint64_t u64();
    int64_t i64();
    double f64();
    std::string text();
    std::optional<std::string> optional_text();
    std::vector<double> doubles();
    std::vector<unsigned char> flags();
    std::optional<std::vector<double>> optional_doubles();
    std::optional<std::vector<unsigned char>> optional_flags();
    std::optional<std::vector<std::string>> optional_texts();
    // A value tree as JSON (numbers as doubles), ready for ValueTree.
    boost::json::value value();

    bool at_end() const { return offset_ == bytes_.size(); }

private:
    std::string_view take(size_t size);
    size_t count(size_t item_size);
    boost::json::value value_at_depth(int depth);
    std::string_view bytes_;
    size_t offset_ = 0;
};

// Helpers for the nullable C strings that cross as optional_text.
inline const char* c_str_or_null(const std::optional<std::string>& text) {
    return text ? text->c_str() : nullptr;
}

}  // namespace merit
