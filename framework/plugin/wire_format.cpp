#include "plugin/wire_format.hpp"

#include <cstring>
#include <stdexcept>

namespace merit {
namespace {

// Deeper trees than this are refused rather than recursed into.
constexpr int kMaxValueDepth = 64;

[[noreturn]] void fail(const char* what) {
    throw std::runtime_error(std::string("malformed message: ") + what);
}

}  // namespace

WireWriter& WireWriter::u8(uint8_t value) {
    bytes_.push_back(static_cast<char>(value));
    return *this;
}

WireWriter& WireWriter::u64(uint64_t value) {
    char raw[8];
    for (int i = 0; i < 8; ++i) raw[i] = static_cast<char>((value >> (8 * i)) & 0xff);
    bytes_.append(raw, 8);
    return *this;
}

WireWriter& WireWriter::i64(int64_t value) {
    return u64(static_cast<uint64_t>(value));
}

WireWriter& WireWriter::f64(double value) {
    uint64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return u64(bits);
}

WireWriter& WireWriter::text(std::string_view value) {
    u64(value.size());
    bytes_.append(value.data(), value.size());
    return *this;
}

WireWriter& WireWriter::optional_text(const char* value) {
    u8(value ? 1 : 0);
    if (value) text(value);
    return *this;
}

WireWriter& WireWriter::doubles(const double* values, size_t count) {
    u64(count);
    for (size_t i = 0; i < count; ++i) f64(values[i]);
    return *this;
}

WireWriter& WireWriter::flags(const unsigned char* values, size_t count) {
    u64(count);
    bytes_.append(reinterpret_cast<const char*>(values), count);
    return *this;
}

WireWriter& WireWriter::optional_doubles(const double* values, size_t count) {
    u8(values ? 1 : 0);
    if (values) doubles(values, count);
    return *this;
}

WireWriter& WireWriter::optional_flags(const unsigned char* values, size_t count) {
    u8(values ? 1 : 0);
    if (values) flags(values, count);
    return *this;
}

WireWriter& WireWriter::optional_texts(const char* const* values, size_t count) {
    u8(values ? 1 : 0);
    if (!values) return *this;
    u64(count);
    for (size_t i = 0; i < count; ++i) text(values[i] ? values[i] : "");
    return *this;
}

WireWriter& WireWriter::value(const merit_value& v) {
    u8(static_cast<uint8_t>(v.kind));
    switch (v.kind) {
        case MERIT_VALUE_NULL:
            break;
        case MERIT_VALUE_BOOL:
            u8(v.boolean ? 1 : 0);
            break;
        case MERIT_VALUE_NUMBER:
            f64(v.number);
            break;
        case MERIT_VALUE_STRING:
            text(v.string ? v.string : "");
            break;
        case MERIT_VALUE_ARRAY:
        case MERIT_VALUE_OBJECT:
            u64(v.items ? v.count : 0);
            for (size_t i = 0; v.items && i < v.count; ++i) {
                if (v.kind == MERIT_VALUE_OBJECT) text(v.keys && v.keys[i] ? v.keys[i] : "");
                value(v.items[i]);
            }
            break;
    }
    return *this;
}

WireWriter& WireWriter::raw(std::string_view bytes) {
    bytes_.append(bytes.data(), bytes.size());
    return *this;
}

std::string_view WireReader::take(size_t size) {
    if (size > bytes_.size() - offset_) fail("truncated");
    const std::string_view out = bytes_.substr(offset_, size);
    offset_ += size;
    return out;
}

size_t WireReader::count(size_t item_size) {
    const uint64_t n = u64();
    // Every item takes at least item_size bytes: a count beyond what is left
    // is corruption, caught before anything is allocated.
    if (item_size && n > (bytes_.size() - offset_) / item_size) fail("count beyond the message");
    return static_cast<size_t>(n);
}

uint8_t WireReader::u8() {
    return static_cast<uint8_t>(take(1)[0]);
}

uint64_t WireReader::u64() {
    const std::string_view raw = take(8);
    uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value |= static_cast<uint64_t>(static_cast<unsigned char>(raw[i])) << (8 * i);
    return value;
}

int64_t WireReader::i64() {
    return static_cast<int64_t>(u64());
}

double WireReader::f64() {
    const uint64_t bits = u64();
    double value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

std::string WireReader::text() {
    const size_t n = count(1);
    return std::string(take(n));
}

std::optional<std::string> WireReader::optional_text() {
    if (!u8()) return std::nullopt;
    return text();
}

std::vector<double> WireReader::doubles() {
    const size_t n = count(8);
    std::vector<double> out(n);
    for (auto& v : out) v = f64();
    return out;
}

std::vector<unsigned char> WireReader::flags() {
    const size_t n = count(1);
    const std::string_view raw = take(n);
    return std::vector<unsigned char>(raw.begin(), raw.end());
}

std::optional<std::vector<double>> WireReader::optional_doubles() {
    if (!u8()) return std::nullopt;
    return doubles();
}

std::optional<std::vector<unsigned char>> WireReader::optional_flags() {
    if (!u8()) return std::nullopt;
    return flags();
}

std::optional<std::vector<std::string>> WireReader::optional_texts() {
    if (!u8()) return std::nullopt;
    const size_t n = count(8);
    std::vector<std::string> out;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) out.push_back(text());
    return out;
}

boost::json::value WireReader::value() {
    return value_at_depth(0);
}

boost::json::value WireReader::value_at_depth(int depth) {
    if (depth > kMaxValueDepth) fail("value nested too deeply");
    switch (u8()) {
        case MERIT_VALUE_NULL:
            return nullptr;
        case MERIT_VALUE_BOOL:
            return u8() != 0;
        case MERIT_VALUE_NUMBER:
            return f64();
        case MERIT_VALUE_STRING:
            return boost::json::string(text());
        case MERIT_VALUE_ARRAY: {
            const size_t n = count(1);
            boost::json::array array;
            array.reserve(n);
            for (size_t i = 0; i < n; ++i) array.push_back(value_at_depth(depth + 1));
            return array;
        }
        case MERIT_VALUE_OBJECT: {
            const size_t n = count(9);
            boost::json::object object;
            for (size_t i = 0; i < n; ++i) {
                std::string key = text();
                object[key] = value_at_depth(depth + 1);
            }
            return object;
        }
        default:
            fail("unknown value kind");
    }
    return nullptr;
}

}  // namespace merit
