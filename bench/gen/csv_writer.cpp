#include "csv_writer.hpp"

#include <charconv>
#include <cstdlib>

namespace bench {

CsvWriter::CsvWriter(const std::string& dir, const std::string& name, std::string_view header)
    : path_(dir + "/" + name), file_(std::fopen(path_.c_str(), "wb")) {
    if (!file_) {
        std::perror(path_.c_str());
        std::exit(1);
    }
    buffer_.reserve(1 << 21);
    buffer_.append(header);
    buffer_.push_back('\n');
}

CsvWriter::~CsvWriter() {
    flush();
    if (std::fclose(file_) != 0) {
        std::perror(path_.c_str());
        std::exit(1);
    }
}

void CsvWriter::separate() {
    if (!first_field_) buffer_.push_back(',');
    first_field_ = false;
}

CsvWriter& CsvWriter::text(std::string_view field) {
    separate();
    // Only free text (names, notes) can hold a comma or quote; quote it then.
    if (field.find_first_of(",\"\n") == std::string_view::npos) {
        buffer_.append(field);
        return *this;
    }
    buffer_.push_back('"');
    for (char c : field) {
        if (c == '"') buffer_.push_back('"');
        buffer_.push_back(c);
    }
    buffer_.push_back('"');
    return *this;
}

CsvWriter& CsvWriter::integer(long long value) {
    separate();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    buffer_.append(digits, end);
    return *this;
}

CsvWriter& CsvWriter::number(double value, int decimals) {
    separate();
    char digits[64];
    const auto end =
        std::to_chars(digits, digits + sizeof digits, value, std::chars_format::fixed, decimals).ptr;
    std::string_view printed(digits, static_cast<size_t>(end - digits));
    if (printed.find_first_not_of("-0.") == std::string_view::npos) printed = "0";  // never "-0.00"
    buffer_.append(printed);
    return *this;
}

CsvWriter& CsvWriter::empty() {
    separate();
    return *this;
}

void CsvWriter::end_row() {
    buffer_.push_back('\n');
    first_field_ = true;
    ++rows_;
    if (buffer_.size() >= (1 << 20)) flush();
}

void CsvWriter::flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
        std::perror(path_.c_str());
        std::exit(1);
    }
    buffer_.clear();
}

}  // namespace bench
