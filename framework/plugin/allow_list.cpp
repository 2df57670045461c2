#include "plugin/allow_list.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "common/errors.hpp"

namespace merit {
namespace {

void read_file(const std::filesystem::path& file, std::set<std::string>& out) {
    std::ifstream in(file);
    if (!in) throw UserError(fmt::format("{}: cannot read allow-list", file.string()));
    std::string line;
    int number = 0;
    while (std::getline(in, line))
        if (std::string hash = allow_list_line_hash(line, file, ++number); !hash.empty()) out.insert(hash);
}

}  // namespace

std::string allow_list_line_hash(const std::string& line, const std::filesystem::path& file, int number) {
    const auto start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line[start] == '#') return "";
    std::string hash = line.substr(start, 64);
    std::transform(hash.begin(), hash.end(), hash.begin(), [](unsigned char c) { return std::tolower(c); });
    const bool hex = hash.size() == 64 && std::all_of(hash.begin(), hash.end(), [](char c) {
                         return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                     });
    const bool ends = line.size() == start + 64 || line[start + 64] == ' ' || line[start + 64] == '\t' ||
                      line[start + 64] == '\r';
    if (!hex || !ends)
        throw UserError(fmt::format("{}:{}: expected '<sha256>  <file name>'", file.string(), number));
    return hash;
}

std::vector<std::filesystem::path> allow_list_files(const std::vector<std::filesystem::path>& paths) {
    std::vector<std::filesystem::path> out;
    for (const auto& path : paths) {
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) {
            std::vector<std::filesystem::path> files;
            for (const auto& entry : std::filesystem::directory_iterator(path, ec))
                if (entry.path().extension() == ".sha256") files.push_back(entry.path());
            std::sort(files.begin(), files.end());
            out.insert(out.end(), files.begin(), files.end());
        } else if (std::filesystem::exists(path, ec)) {
            out.push_back(path);
        }
    }
    return out;
}

AllowList AllowList::load(const std::vector<std::filesystem::path>& paths) {
    AllowList list;
    for (const auto& file : allow_list_files(paths)) read_file(file, list.hashes_);
    return list;
}

}  // namespace merit
