// Discovers, checks and loads plugins; looks up components by qualified id.
#pragma once

#include <merit/plugin.h>

#include <boost/dll/shared_library.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plugin/allow_list.hpp"
#include "plugin/host_config.hpp"
#include "plugin/manifest.hpp"
#include "plugin/sandbox_layers.hpp"

namespace merit {

class PluginImage;

enum class TrustState { trusted, untrusted_allowed, untrusted_refused };
std::string_view to_string(TrustState state);

struct PluginRecord {
    std::filesystem::path path;
    std::string sha256;
    std::optional<PluginManifest> manifest;
    TrustState trust = TrustState::untrusted_refused;
    // What trusted it: "<allow-list file>:<line>", or "allow_untrusted"; ""
    // when it is not trusted.
    std::string trusted_by;
    bool loaded = false;
    std::string error;      // why it is not loaded, one line naming plugin and reason
    PluginOptions options;  // from merit.json's "plugins" entry for this id
    // In process: the library loaded in the host and its entry table.
    std::shared_ptr<boost::dll::shared_library> library;
    const merit_plugin* entry = nullptr;
    // Isolated ("isolation": "process"): the checked bytes each sandboxed
    // child loads, and the layers of the sandbox its children run in. Its
    // code never runs in the host, so its components have no tables here.
    std::shared_ptr<const PluginImage> image;
    SandboxLayers sandbox;
};

struct Component {
    ComponentKind kind = ComponentKind::indicator;
    std::string qualified_id;  // "<plugin>.<local id>"
    const ComponentManifest* manifest = nullptr;
    std::shared_ptr<const PluginRecord> plugin;  // keeps the library loaded
    // The tables, in process only (null for an isolated plugin).
    const merit_indicator_provider* provider = nullptr;
    const merit_scorer* scorer = nullptr;
    const merit_reward_calculator* reward = nullptr;
};

class PluginRegistry {
public:
    // Scans the configured directories, checks trust before loading, loads
    // what may be loaded. Failures are recorded per plugin, never thrown.
    static PluginRegistry discover(const HostConfig& config);

    // Loads one more plugin file (tests, `plugins inspect`); same checks. A
    // file claiming the id of a plugin already loaded is refused.
    std::shared_ptr<PluginRecord> add(const std::filesystem::path& path);

    const std::vector<std::shared_ptr<PluginRecord>>& plugins() const { return plugins_; }
    const Component* find(std::string_view qualified_id) const;
    std::vector<const Component*> components() const;

private:
    // A file read, hashed and trusted or not; no code of it has run yet.
    struct Examined {
        std::shared_ptr<PluginRecord> record;
        std::string bytes;  // exactly what was hashed, and what is loaded
        bool loadable = false;
    };
    explicit PluginRegistry(HostConfig config) : config_(std::move(config)) {}
    Examined examine(const std::filesystem::path& path);
    void load(Examined& file);
    HostConfig config_;
    std::optional<AllowList> allow_;  // read once, on first use
    std::vector<std::shared_ptr<PluginRecord>> plugins_;
    std::map<std::string, Component, std::less<>> components_;
};

}  // namespace merit
