// The plugin files of the configured directories, and reading one file's
// manifest and checksum without loading it (`merit plugins inspect|trust`).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "plugin/host_config.hpp"
#include "plugin/registry.hpp"

namespace merit {

// Every *.so file of `config.plugin_dirs`, sorted per directory, each file
// once (a directory listed twice, or a link to a listed file, adds nothing).
std::vector<std::filesystem::path> plugin_files(const HostConfig& config);

// The file's checksum, manifest and trust against the config's allow-lists;
// never loaded (`loaded` is false). Throws UserError naming the file when it
// cannot be read or has no Merit manifest.
PluginRecord inspect_plugin_file(const std::filesystem::path& file, const HostConfig& config);

// An existing file is that file; otherwise `id_or_file` is a plugin id and
// the one file of the plugin directories whose manifest claims it. No file,
// or two files claiming one id, is an error naming them.
PluginRecord inspect_plugin(const std::string& id_or_file, const HostConfig& config);

}  // namespace merit
