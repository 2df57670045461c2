// A buffered CSV file writer for large outputs: fields are appended to a
// buffer flushed in megabyte blocks; money is printed with std::to_chars.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace bench {

class CsvWriter {
public:
    // Opens DIR/NAME and writes the header line; exits with a message on failure.
    CsvWriter(const std::string& dir, const std::string& name, std::string_view header);
    ~CsvWriter();
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;

    CsvWriter& text(std::string_view field);
    CsvWriter& integer(long long value);
    // Fixed-point with `decimals` digits (2 for yuan).
    CsvWriter& number(double value, int decimals = 2);
    CsvWriter& empty();
    void end_row();
    long long rows() const { return rows_; }

private:
    void separate();
    void flush();
    std::string path_;
    std::FILE* file_ = nullptr;
    std::string buffer_;
    bool first_field_ = true;
    long long rows_ = 0;
};

}  // namespace bench
