// A fast RFC 4180 reader over a memory-mapped file: comma separator, fields
// optionally in double quotes ("" inside quotes is one quote), records end
// with LF or CRLF (line breaks inside quotes belong to the field). A UTF-8 BOM
// is skipped. Fields are views into the mapping (or into a small scratch
// buffer for quoted fields with escaped quotes), valid until the next call to
// next(): importing a 10-million-row file allocates nothing per row.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace merit {

class MappedFile {
public:
    // Throws UserError naming the file when it cannot be opened or mapped.
    explicit MappedFile(const std::filesystem::path& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view bytes() const { return {data_, size_}; }

private:
    const char* data_ = nullptr;
    size_t size_ = 0;
};

// Where the first invalid UTF-8 sequence starts, if any.
std::optional<size_t> find_invalid_utf8(std::string_view bytes);

class CsvReader {
public:
    enum class Status { record, end, malformed };

    // `text` must outlive the reader. A leading BOM is skipped.
    explicit CsvReader(std::string_view text);

    // Reads the next record into `fields` (reused between calls). On
    // `malformed`, error() says why and the reader has skipped to the next line.
    Status next(std::vector<std::string_view>& fields);

    // Physical line (1-based) on which the last record started.
    size_t line() const { return record_line_; }
    // Byte offset of the last record's start, for reparse_at().
    size_t record_offset() const { return record_offset_; }
    // Bytes consumed so far (progress).
    size_t position() const { return static_cast<size_t>(cursor_ - begin_); }
    size_t size() const { return static_cast<size_t>(end_ - begin_); }
    const std::string& error() const { return error_; }

    // Parses the record that starts at `offset` again (for the exact check of
    // a suspected duplicate key); uses its own scratch, not the reader's.
    bool reparse_at(size_t offset, std::vector<std::string_view>& fields, std::string& scratch) const;

private:
    // A field whose unescaped text lives in the scratch buffer; its view is
    // made once the record is complete, because the scratch may grow.
    struct ScratchField {
        size_t index;
        size_t offset;
        size_t size;
    };
    Status parse(const char*& cursor, size_t& line, std::vector<std::string_view>& fields,
                 std::string& scratch, std::vector<ScratchField>& escaped, std::string* error) const;

    const char* begin_;
    const char* end_;
    const char* cursor_;
    size_t next_line_ = 1;
    size_t record_line_ = 0;
    size_t record_offset_ = 0;
    std::string scratch_;
    std::vector<ScratchField> escaped_;
    std::string error_;
};

}  // namespace merit
