#include "plugin/allow_list.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/errors.hpp"
#include "plugin/writable_check.hpp"

namespace merit {
namespace {

constexpr const char* kRefused = "refusing to trust what it lists";

bool is_sha256(const std::string& text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

template <typename Line>
void read_file(const std::filesystem::path& file, std::map<std::string, Line>& out) {
    std::ifstream in(file);
    if (!in) throw UserError(fmt::format("{}: cannot read allow-list", file.string()));
    std::string line;
    int number = 0;
    while (std::getline(in, line))
        if (std::string hash = allow_list_line_hash(line, file, ++number); !hash.empty())
            out.emplace(hash, Line{fmt::format("{}:{}", file.string(), number),
                                   allow_list_line_pins(line, file, number)});
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

std::map<std::string, std::string> allow_list_line_pins(const std::string& line,
                                                        const std::filesystem::path& file, int number) {
    std::map<std::string, std::string> pins;
    std::istringstream fields(line);
    std::string field;
    fields >> field;  // the plugin's own checksum
    while (fields >> field) {
        if (field.rfind("needs=", 0) != 0) continue;  // the file name
        const auto colon = field.rfind(':');
        std::string hash = colon == std::string::npos ? "" : field.substr(colon + 1);
        std::transform(hash.begin(), hash.end(), hash.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        const std::string library = colon == std::string::npos ? "" : field.substr(6, colon - 6);
        if (library.empty() || library.find('/') != std::string::npos || !is_sha256(hash))
            throw UserError(fmt::format("{}:{}: '{}': expected 'needs=<library file name>:<sha256>'",
                                        file.string(), number, field));
        pins[library] = hash;
    }
    return pins;
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

AllowList AllowList::load(const std::vector<std::filesystem::path>& paths,
                          const std::filesystem::path& tree) {
    for (const auto& path : paths) refuse_writable_by_others(path, tree, kRefused);
    AllowList list;
    for (const auto& file : allow_list_files(paths)) {
        refuse_writable_by_others(file, tree, kRefused);
        read_file(file, list.hashes_);
    }
    return list;
}

std::string AllowList::trusted_by(const std::string& sha256) const {
    const auto it = hashes_.find(sha256);
    return it == hashes_.end() ? "" : it->second.where;
}

std::map<std::string, std::string> AllowList::pins(const std::string& sha256) const {
    const auto it = hashes_.find(sha256);
    return it == hashes_.end() ? std::map<std::string, std::string>{} : it->second.pins;
}

}  // namespace merit
