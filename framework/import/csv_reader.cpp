#include "import/csv_reader.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/errors.hpp"

namespace merit {

MappedFile::MappedFile(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw UserError(fmt::format("{}: cannot open: {}", path.string(), std::strerror(errno)));
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        throw UserError(fmt::format("{}: not a regular file", path.string()));
    }
    size_ = static_cast<size_t>(info.st_size);
    if (size_ > 0) {
        void* mapped = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
        if (mapped == MAP_FAILED) {
            const int error = errno;
            ::close(fd);
            throw UserError(fmt::format("{}: cannot map: {}", path.string(), std::strerror(error)));
        }
        // The reader walks the file once from start to end.
        ::madvise(mapped, size_, MADV_SEQUENTIAL);
        data_ = static_cast<const char*>(mapped);
    }
    ::close(fd);
}

MappedFile::~MappedFile() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
}

std::optional<size_t> find_invalid_utf8(std::string_view bytes) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const size_t n = bytes.size();
    size_t i = 0;
    while (i < n) {
        // ASCII fast path, eight bytes at a time.
        if (i + 8 <= n) {
            uint64_t chunk;
            std::memcpy(&chunk, p + i, 8);
            if ((chunk & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t length;
        uint32_t min_code;
        uint32_t code;
        if ((c & 0xE0) == 0xC0) {
            length = 2, min_code = 0x80, code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3, min_code = 0x800, code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4, min_code = 0x10000, code = c & 0x07;
        } else {
            return i;
        }
        if (i + length > n) return i;
        for (size_t k = 1; k < length; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) return i;
            code = (code << 6) | (p[i + k] & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return i;
        i += length;
    }
    return std::nullopt;
}

CsvReader::CsvReader(std::string_view text)
    : begin_(text.data()), end_(text.data() + text.size()), cursor_(text.data()) {
    if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) cursor_ += 3;
}

CsvReader::Status CsvReader::next(std::vector<std::string_view>& fields) {
    record_offset_ = static_cast<size_t>(cursor_ - begin_);
    record_line_ = next_line_;
    return parse(cursor_, next_line_, fields, scratch_, escaped_, &error_);
}

bool CsvReader::reparse_at(size_t offset, std::vector<std::string_view>& fields, std::string& scratch) const {
    const char* cursor = begin_ + offset;
    size_t line = 0;
    std::vector<ScratchField> escaped;
    return parse(cursor, line, fields, scratch, escaped, nullptr) == Status::record;
}

CsvReader::Status CsvReader::parse(const char*& cursor, size_t& line, std::vector<std::string_view>& fields,
                                   std::string& scratch, std::vector<ScratchField>& escaped,
                                   std::string* error) const {
    fields.clear();
    if (cursor >= end_) return Status::end;
    scratch.clear();
    escaped.clear();
    const char* p = cursor;
    auto skip_line = [&](const char* from, std::string message) {
        const char* q = static_cast<const char*>(std::memchr(from, '\n', static_cast<size_t>(end_ - from)));
        cursor = q ? q + 1 : end_;
        ++line;
        if (error) *error = std::move(message);
        return Status::malformed;
    };
    for (;;) {
        if (p < end_ && *p == '"') {
            // Quoted field: runs to the closing quote; "" is a literal quote.
            const char* start = ++p;
            const char* close = nullptr;
            bool has_escape = false;
            size_t newlines = 0;
            while (p < end_) {
                if (*p == '"') {
                    if (p + 1 < end_ && p[1] == '"') {
                        has_escape = true;
                        p += 2;
                        continue;
                    }
                    close = p;
                    break;
                }
                if (*p == '\n') ++newlines;
                ++p;
            }
            if (!close) {
                cursor = end_;
                line += newlines + 1;
                if (error) *error = "a quoted field is not closed before the end of the file";
                return Status::malformed;
            }
            line += newlines;
            if (has_escape) {
                const size_t offset = scratch.size();
                for (const char* q = start; q < close; ++q) {
                    scratch.push_back(*q);
                    if (*q == '"') ++q;  // the second quote of ""
                }
                escaped.push_back({fields.size(), offset, scratch.size() - offset});
                fields.emplace_back();
            } else {
                fields.emplace_back(start, static_cast<size_t>(close - start));
            }
            p = close + 1;
            if (p < end_ && *p != ',' && *p != '\n' && *p != '\r')
                return skip_line(p, fmt::format("field {}: text after the closing quote", fields.size()));
        } else {
            const char* start = p;
            while (p < end_ && *p != ',' && *p != '\n' && *p != '\r') {
                if (*p == '"')
                    return skip_line(p, fmt::format("field {}: a quote inside an unquoted field (quote the "
                                                    "whole field and double the quote)",
                                                    fields.size() + 1));
                ++p;
            }
            fields.emplace_back(start, static_cast<size_t>(p - start));
        }
        if (p >= end_) break;
        if (*p == ',') {
            ++p;
            continue;
        }
        if (*p == '\r') {
            ++p;
            if (p < end_ && *p != '\n') return skip_line(p, "a carriage return that does not end the line");
        }
        if (p < end_) ++p;  // the '\n'
        break;
    }
    cursor = p;
    ++line;
    for (const ScratchField& f : escaped)
        fields[f.index] = std::string_view(scratch).substr(f.offset, f.size);
    return Status::record;
}

}  // namespace merit
