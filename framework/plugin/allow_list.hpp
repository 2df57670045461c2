// The operator's allow-list of plugin checksums (sha256sum format files).
#pragma once

#include <filesystem>
#include <map>
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

// The libraries a trust line pins after the file name, each as a
// "needs=<library>:<sha256>" field: library name -> sha256, lower case.
// Throws UserError naming `file` and `number` for a malformed field.
std::map<std::string, std::string> allow_list_line_pins(const std::string& line,
                                                        const std::filesystem::path& file, int number);

class AllowList {
public:
    // Each path is a file, or a directory whose *.sha256 files are read.
    // A malformed line is an error naming file and line. A list (or its
    // directory, or one above it up to `tree`, the config's directory) that
    // others can write is an error naming it and its mode: refusing the whole
    // run, never dropping the list, so a refused list cannot change which
    // plugin of two claiming one id loads.
    static AllowList load(const std::vector<std::filesystem::path>& paths,
                          const std::filesystem::path& tree = {});
    bool contains(const std::string& sha256) const { return hashes_.count(sha256) != 0; }
    // "<allow-list file>:<line>" of the first line pinning `sha256`; "" if none.
    std::string trusted_by(const std::string& sha256) const;
    // The libraries its trust line pins (see allow_list_line_pins).
    std::map<std::string, std::string> pins(const std::string& sha256) const;
    size_t size() const { return hashes_.size(); }

private:
    struct Line {
        std::string where;                        // "file:line"
        std::map<std::string, std::string> pins;  // library -> sha256
    };
    std::map<std::string, Line> hashes_;  // checksum -> its first line
};

}  // namespace merit
