// The operator's allow-list of plugin checksums (sha256sum format files).
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace merit {

// The allow-list files `paths` name: each listed file that exists, and the
// *.sha256 files of each listed directory, sorted per directory.
std::vector<std::filesystem::path> allow_list_files(const std::vector<std::filesystem::path>& paths);

// The checksum a "<sha256>  <name>" line pins, lower case; "" for a blank
// line or a comment. Throws UserError naming `file` and `number` for any other
// line that does not start with 64 hex digits and a blank.
std::string allow_list_line_hash(const std::string& line, const std::filesystem::path& file, int number);

class AllowList {
public:
    // Each path is a file, or a directory whose *.sha256 files are read.
    // A malformed line is an error naming file and line.
    static AllowList load(const std::vector<std::filesystem::path>& paths);
    bool contains(const std::string& sha256) const { return hashes_.count(sha256) != 0; }
    size_t size() const { return hashes_.size(); }

private:
    std::set<std::string> hashes_;
};

}  // namespace merit
