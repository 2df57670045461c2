// A read-only ZIP archive (libzip), the container of an .xlsx workbook. Its
// entries are inflated in chunks and counted as they come, whatever the
// archive's directory claims: a zip bomb (a few KB inflating to gigabytes)
// stops at the cap with one line instead of filling memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

typedef struct zip zip_t;

namespace merit {

// A problem with a workbook, without the file's name (the importer adds it).
class WorkbookError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ZipLimits {
    // What one entry, and all entries read from one archive together, may
    // inflate to. Excel's own sheets stop at 1,048,576 rows; a workbook that
    // large is far below this.
    uint64_t max_entry_bytes = uint64_t{1} << 30;
    uint64_t max_total_bytes = uint64_t{1} << 30;
};

class ZipArchive {
public:
    // Throws WorkbookError when the file is no ZIP archive (saying what it
    // looks like instead: an old .xls, a text file) or cannot be opened.
    ZipArchive(const std::filesystem::path& path, ZipLimits limits);
    ~ZipArchive();
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    // Whether the archive has the entry (names are matched without case, as
    // the Open Packaging Conventions say).
    bool has(const std::string& name) const;

    // Inflates the entry to `sink` a chunk at a time. Throws WorkbookError
    // naming the entry when it is missing, damaged (CRC) or over a cap.
    void read(const std::string& name, const std::function<void(std::string_view)>& sink);

private:
    zip_t* zip_ = nullptr;
    ZipLimits limits_;
    uint64_t total_read_ = 0;
};

}  // namespace merit
