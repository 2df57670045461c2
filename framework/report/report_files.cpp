#include "report/report_files.hpp"

#include <fmt/format.h>

#include <fstream>

#include "common/errors.hpp"

namespace merit::report {

namespace fs = std::filesystem;

fs::path report_file(const fs::path& out, int64_t run_id, std::string_view extension) {
    const std::string text = out.string();
    const bool directory = (!text.empty() && text.back() == '/') || fs::is_directory(out);
    if (!directory) {
        const fs::path parent = out.parent_path();
        if (!parent.empty() && !fs::is_directory(parent))
            throw UserError(fmt::format("{}: no such directory (end --out with '/' to create a directory)",
                                        parent.string()));
        return out;
    }
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) throw UserError(fmt::format("{}: cannot create directory: {}", text, ec.message()));
    return out / fmt::format("run-{}.{}", run_id, extension);
}

void write_report_text(const fs::path& file, std::string_view text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out) throw UserError(fmt::format("{}: cannot write", file.string()));
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) throw UserError(fmt::format("{}: write failed", file.string()));
}

}  // namespace merit::report
