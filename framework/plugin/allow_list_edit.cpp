#include "plugin/allow_list_edit.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "common/errors.hpp"
#include "plugin/allow_list.hpp"

namespace merit {
namespace {

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw UserError(fmt::format("{}: cannot read allow-list", file.string()));
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// The whole file or nothing: a temporary file beside it, flushed, renamed.
void replace_text(const std::filesystem::path& file, const std::string& text) {
    const std::filesystem::path temp = file.string() + ".tmp";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw UserError(fmt::format("{}: cannot write allow-list", file.string()));
    const bool written =
        ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written || ::rename(temp.c_str(), file.c_str()) != 0) {
        ::unlink(temp.c_str());
        throw UserError(fmt::format("{}: cannot write allow-list", file.string()));
    }
}

}  // namespace

std::filesystem::path default_allow_list_file(const HostConfig& config) {
    if (config.allow_lists.empty())
        throw UserError(fmt::format("{}: lists no allow_lists; say where with --allow-list FILE",
                                    config.source.empty() ? "the host config" : config.source.string()));
    const auto& first = config.allow_lists.front();
    std::error_code ec;
    return std::filesystem::is_directory(first, ec) ? first / "local.sha256" : first;
}

void add_allow_list_line(const std::filesystem::path& file, const std::string& sha256,
                         const std::string& name) {
    std::error_code ec;
    std::string text = std::filesystem::exists(file, ec) ? read_text(file) : "";
    if (!text.empty() && text.back() != '\n') text += '\n';
    text += fmt::format("{}  {}\n", sha256, name);
    replace_text(file, text);
}

int remove_allow_list_lines(const std::filesystem::path& file, const std::set<std::string>& hashes) {
    std::istringstream in(read_text(file));
    std::string kept, line;
    int removed = 0, number = 0;
    while (std::getline(in, line)) {
        if (hashes.count(allow_list_line_hash(line, file, ++number))) {
            ++removed;
            continue;
        }
        kept += line + "\n";
    }
    if (removed) replace_text(file, kept);
    return removed;
}

}  // namespace merit
