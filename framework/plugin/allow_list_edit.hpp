// Changing the operator's allow-lists from the command line
// (`merit plugins trust FILE`, `merit plugins untrust ID`) instead of copying
// checksum lines by hand.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "plugin/host_config.hpp"

namespace merit {

// Where `plugins trust` writes when not told: the first configured allow-list,
// or `local.sha256` inside it when it is a directory. Throws UserError when
// the config lists none.
std::filesystem::path default_allow_list_file(const HostConfig& config);

// Appends "<sha256>  <name>" to `file` (created 0644 if missing: allow-lists
// are read by every user of the installation, written by its operator),
// through a temporary file renamed into place. Throws UserError naming the file.
void add_allow_list_line(const std::filesystem::path& file, const std::string& sha256,
                         const std::string& name);

// Removes the lines of `file` whose checksum is one of `hashes`; returns how
// many were removed (the file is rewritten only when some were).
int remove_allow_list_lines(const std::filesystem::path& file, const std::set<std::string>& hashes);

}  // namespace merit
