#include "import/xlsx/zip_archive.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <array>
#include <fstream>
#include <memory>

namespace merit {
namespace {

// What a file that is no ZIP archive probably is, for the message.
std::string what_it_looks_like(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::array<char, 4096> head{};
    in.read(head.data(), head.size());
    const std::string_view bytes(head.data(), static_cast<size_t>(in.gcount()));
    // OLE2 compound files: Excel 97-2003 workbooks, and Excel's encrypted
    // (password-protected) .xlsx files, which are wrapped in one.
    if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
        return "it is an Excel 97-2003 (.xls) or password-protected workbook: open it in Excel and save it "
               "as an unprotected .xlsx workbook";
    if (bytes.empty()) return "the file is empty";
    if (bytes.starts_with("PK")) return "";  // a ZIP archive, but a damaged one
    const bool text = bytes.find('\0') == std::string_view::npos;
    if (text) return "it looks like a text file: a CSV file must be named <table>.csv";
    return "an .xlsx workbook is a ZIP archive";
}

struct FileCloser {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

ZipArchive::ZipArchive(const std::filesystem::path& path, ZipLimits limits) : limits_(limits) {
    int code = 0;
    zip_ = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (zip_) return;
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS) {
        const std::string looks = what_it_looks_like(path);
        if (looks.empty())
            throw WorkbookError(
                fmt::format("the workbook's ZIP archive is damaged (cut short?): {}", reason));
        throw WorkbookError(fmt::format("not an Excel workbook (.xlsx): {}", looks));
    }
    throw WorkbookError(fmt::format("cannot open the workbook: {}", reason));
}

ZipArchive::~ZipArchive() {
    if (zip_) zip_discard(zip_);
}

bool ZipArchive::has(const std::string& name) const {
    return zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

void ZipArchive::read(const std::string& name, const std::function<void(std::string_view)>& sink) {
    const zip_int64_t index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) throw WorkbookError(fmt::format("the workbook has no part {}", name));
    std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0));
    if (!file)
        throw WorkbookError(
            fmt::format("{}: cannot be read: {}", name, zip_error_strerror(zip_get_error(zip_))));
    std::array<char, 1 << 16> buffer;
    uint64_t entry_read = 0;
    for (;;) {
        const zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
        if (n < 0)
            throw WorkbookError(
                fmt::format("{}: damaged: {}", name, zip_error_strerror(zip_file_get_error(file.get()))));
        if (n == 0) break;
        entry_read += static_cast<uint64_t>(n);
        total_read_ += static_cast<uint64_t>(n);
        if (entry_read > limits_.max_entry_bytes)
            throw WorkbookError(
                fmt::format("{}: inflates to more than {} bytes (the limit for one part; a zip bomb?)", name,
                            limits_.max_entry_bytes));
        if (total_read_ > limits_.max_total_bytes)
            throw WorkbookError(fmt::format(
                "{}: the workbook inflates to more than {} bytes (the limit for one workbook; a zip bomb?)",
                name, limits_.max_total_bytes));
        sink(std::string_view(buffer.data(), static_cast<size_t>(n)));
    }
}

}  // namespace merit
