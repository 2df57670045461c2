// What a plugin's code offers: its entry point's answer (id, version, API)
// and its component tables. Read the same way where the plugin runs, in the
// host (in process) or in an isolated plugin's sandbox, which sends it to
// the host as a description without pointers. The host reads a description
// as hostile input: every count, length and byte is checked.
#pragma once

#include <merit/plugin.h>

#include <cstdint>
#include <string>
#include <vector>

#include "plugin/manifest.hpp"
#include "plugin/wire_format.hpp"

namespace merit {

struct CodeComponent {
    ComponentKind kind = ComponentKind::indicator;
    std::string id;  // local id
    // Set where the code runs; never sent.
    const merit_indicator_provider* provider = nullptr;
    const merit_scorer* scorer = nullptr;
    const merit_reward_calculator* reward = nullptr;
};

struct PluginCode {
    std::string id;
    std::string version;
    uint64_t api_major = 0;
    uint64_t api_minor = 0;
    std::vector<CodeComponent> components;
};

// Reads an entry point's answer, checking each table (size, id, functions).
// Throws UserError with the reason alone ("a null indicator table"); the
// caller names the plugin.
PluginCode read_plugin_code(const merit_plugin* entry);

// Inside an isolated plugin's sandbox: loads the library at `path` (its
// static constructors run here), calls its entry point with the host API
// and reads it. The library stays loaded for the life of the process.
PluginCode load_plugin_code(const std::string& path);

// The description of `code` (ids, kinds, versions; no pointers).
void write_plugin_code(WireWriter& out, const PluginCode& code);
// Reads a description from an isolated plugin; throws std::runtime_error
// naming what is wrong when anything is out of bounds.
PluginCode read_plugin_description(WireReader& in);

// Text from an isolated plugin made fit for one error line: at most
// `limit` bytes, control characters replaced.
std::string one_line(std::string text, size_t limit = 512);

}  // namespace merit
