#include "report/report_files.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

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

namespace {

// A hidden sibling of `file`, created 0600 (mkstemp), open on the fd returned.
std::pair<fs::path, int> make_temp_beside(const fs::path& file) {
    const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
    std::string name = (dir / ("." + file.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(name.data());
    if (fd < 0) throw UserError(fmt::format("{}: cannot write: {}", file.string(), std::strerror(errno)));
    return {fs::path(name), fd};
}

void write_all(int fd, std::string_view text, const fs::path& file) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw UserError(fmt::format("{}: write failed: {}", file.string(), std::strerror(errno)));
        text.remove_prefix(static_cast<size_t>(n));
    }
}

void sync_file(const fs::path& path, const fs::path& file) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    const bool ok = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) ::close(fd);
    if (!ok) throw UserError(fmt::format("{}: write failed: {}", file.string(), std::strerror(errno)));
}

}  // namespace

void replace_file(const fs::path& file, const std::function<void(const fs::path& temp)>& write) {
    auto [temp, fd] = make_temp_beside(file);
    ::close(fd);
    try {
        write(temp);
        sync_file(temp, file);
        if (std::rename(temp.c_str(), file.c_str()) != 0)
            throw UserError(fmt::format("{}: cannot write: {}", file.string(), std::strerror(errno)));
    } catch (...) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw;
    }
}

void write_report_text(const fs::path& file, std::string_view text) {
    replace_file(file, [&](const fs::path& temp) {
        const int fd = ::open(temp.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (fd < 0) throw UserError(fmt::format("{}: cannot write: {}", file.string(), std::strerror(errno)));
        try {
            write_all(fd, text, file);
        } catch (...) {
            ::close(fd);
            throw;
        }
        if (::close(fd) != 0)
            throw UserError(fmt::format("{}: write failed: {}", file.string(), std::strerror(errno)));
    });
}

}  // namespace merit::report
