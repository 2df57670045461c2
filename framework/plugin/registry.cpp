#include "plugin/registry.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "common/errors.hpp"
#include "common/sha256.hpp"
#include "plugin/allow_list.hpp"
#include "plugin/dependency_check.hpp"
#include "plugin/elf_dynamic.hpp"
#include "plugin/host_api.hpp"
#include "plugin/isolated_describe.hpp"
#include "plugin/plugin_code.hpp"
#include "plugin/plugin_files.hpp"
#include "plugin/plugin_image.hpp"
#include "plugin/sandbox_probe.hpp"
#include "plugin/writable_check.hpp"

namespace merit {
namespace {

std::string read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UserError(fmt::format("{}: cannot read", path.string()));
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// A library loaded from its sealed image. The image stays open while the
// library is loaded: the dynamic loader recognises already-loaded objects by
// path name, so a "/proc/self/fd/N" reused by a later plugin while an
// earlier one is still mapped would hand back the earlier plugin's code.
struct ImageLibrary {
    std::unique_ptr<PluginImage> image;  // declared first: closed after the library is unloaded
    boost::dll::shared_library library;
};

// Loads the checked bytes themselves, so the code that runs is exactly the
// code that was hashed (no window in which the file on disk could be swapped).
std::shared_ptr<boost::dll::shared_library> load_exact_bytes(const std::string& bytes,
                                                             const std::string& id) {
    auto holder = std::make_shared<ImageLibrary>();
    holder->image = std::make_unique<PluginImage>(bytes, id);
    try {
        holder->library.load(holder->image->path(),
                             boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    } catch (const std::exception& e) {
        throw UserError(fmt::format("the dynamic loader refused it: {}", e.what()));
    }
    // Shares ownership of the holder: the library, then the descriptor, go
    // when the last component handle does.
    return std::shared_ptr<boost::dll::shared_library>(holder, &holder->library);
}

// Isolated plugins' children run with what the kernel grants; whether that
// may be less than the whole sandbox is merit.json's "sandbox" setting.
// Empty: go ahead; else why the plugin is refused.
std::string sandbox_refusal(const HostConfig& config) {
    const SandboxLayers& layers = sandbox_layers();
    if (layers.missing().empty()) return "";
    if (config.sandbox_missing_layer == "refuse")
        return fmt::format(
            "its sandbox would lack the {}; \"sandbox\": {{\"missing_layer\": \"continue\"}} in merit.json "
            "runs isolated plugins with the layers the kernel grants",
            layers.missing_text());
    static std::once_flag warned;
    std::call_once(warned, [&] {
        spdlog::warn(
            "isolated plugins run without the {} of their sandbox (sandbox.missing_layer is "
            "\"continue\" in merit.json)",
            layers.missing_text());
    });
    return "";
}

}  // namespace

std::string_view to_string(TrustState state) {
    switch (state) {
        case TrustState::trusted:
            return "trusted";
        case TrustState::untrusted_allowed:
            return "untrusted (allowed by allow_untrusted: --allow-untrusted or merit.json)";
        case TrustState::untrusted_refused:
            return "untrusted";
    }
    return "?";
}

namespace {

std::string file_list(const std::vector<const PluginRecord*>& records) {
    std::string out;
    for (const auto* r : records) out += (out.empty() ? "" : ", ") + r->path.string();
    return out;
}

// One plugin id, one file: of several loadable files claiming an id, the one
// trusted file wins; when two or more are trusted (or none is, with
// --allow-untrusted) none of them loads and each says why, naming all. The
// others' ids are untouched, so every other plugin keeps working.
void refuse_id_conflicts(std::vector<std::pair<PluginRecord*, bool*>>& loadable) {
    std::map<std::string, std::vector<std::pair<PluginRecord*, bool*>>> by_id;
    for (auto& entry : loadable) by_id[entry.first->manifest->id].push_back(entry);
    for (auto& [id, claimants] : by_id) {
        if (claimants.size() < 2) continue;
        std::vector<const PluginRecord*> trusted, all;
        for (const auto& [record, ok] : claimants) {
            all.push_back(record);
            if (record->trust == TrustState::trusted) trusted.push_back(record);
        }
        for (auto& [record, ok] : claimants) {
            const std::string who = fmt::format("plugin '{}' ({})", id, record->path.filename().string());
            if (trusted.size() == 1) {
                if (record == trusted.front()) continue;
                record->error = fmt::format("{}: not loaded: plugin id '{}' belongs to the trusted file {}",
                                            who, id, trusted.front()->path.string());
            } else if (trusted.size() > 1) {
                record->error = fmt::format(
                    "{}: not loaded: plugin id '{}' is claimed by {} trusted files ({}); none of them loads "
                    "until one is removed or taken off the allow-list",
                    who, id, trusted.size(), file_list(trusted));
            } else {
                record->error = fmt::format(
                    "{}: not loaded: plugin id '{}' is claimed by {} files ({}) and none is trusted; none of "
                    "them loads until one is removed",
                    who, id, all.size(), file_list(all));
            }
            *ok = false;
        }
    }
}

}  // namespace

PluginRegistry PluginRegistry::discover(const HostConfig& config) {
    PluginRegistry registry(config);
    for (const auto& dir : config.plugin_dirs) {
        std::error_code ec;
        if (!std::filesystem::is_directory(dir, ec))
            spdlog::debug("plugin directory {} does not exist", dir.string());
    }
    std::vector<Examined> files_found;
    for (const auto& file : plugin_files(config)) files_found.push_back(registry.examine(file));
    std::vector<std::pair<PluginRecord*, bool*>> loadable;
    for (auto& f : files_found)
        if (f.loadable) loadable.emplace_back(f.record.get(), &f.loadable);
    refuse_id_conflicts(loadable);
    for (auto& f : files_found) {
        if (f.loadable)
            registry.load(f);
        else if (!f.record->error.empty())
            spdlog::debug("{}", f.record->error);
    }
    return registry;
}

std::shared_ptr<PluginRecord> PluginRegistry::add(const std::filesystem::path& path) {
    Examined file = examine(path);
    if (file.loadable)
        load(file);
    else
        spdlog::debug("{}", file.record->error);
    return file.record;
}

PluginRegistry::Examined PluginRegistry::examine(const std::filesystem::path& path) {
    Examined file;
    file.record = std::make_shared<PluginRecord>();
    PluginRecord* record = file.record.get();
    record->path = path;
    plugins_.push_back(file.record);
    const std::string name = path.filename().string();
    try {
        file.bytes = read_bytes(path);
        const std::string& bytes = file.bytes;
        record->sha256 = sha256_hex(bytes);
        auto section = read_manifest_section(bytes, path.string());
        if (!section)
            throw UserError(
                fmt::format("{}: not a Merit plugin: no manifest section {} (build it with merit_add_plugin)",
                            path.string(), MERIT_MANIFEST_SECTION));
        record->manifest = parse_manifest(*section, path.string());
        const PluginManifest& manifest = *record->manifest;
        if (const auto options = config_.plugins.find(manifest.id); options != config_.plugins.end())
            record->options = options->second;
        const std::string who = fmt::format("plugin '{}' ({})", manifest.id, name);

        // A folder others can write could hold anything next time: nothing
        // of it loads, whatever the allow-lists say.
        if (const std::string why = writable_by_others(path.parent_path(), config_.tree()); !why.empty())
            throw UserError(fmt::format("{}: not loaded: {}; refusing to load plugins from it", who, why));

        // Trust is decided before any of the plugin's code can run.
        // A refused allow-list (malformed, or writable by others) trusts
        // nothing and lets nothing load, not even with allow_untrusted.
        try {
            if (!allow_) allow_ = AllowList::load(config_.allow_lists, config_.tree());
        } catch (const UserError& e) {
            throw UserError(fmt::format("{}: not loaded: {}", who, e.what()));
        }
        if (allow_->contains(record->sha256)) {
            record->trust = TrustState::trusted;
            record->trusted_by = allow_->trusted_by(record->sha256);
        } else if (config_.allow_untrusted) {
            record->trust = TrustState::untrusted_allowed;
            record->trusted_by = "allow_untrusted";
        } else {
            record->trust = TrustState::untrusted_refused;
            throw UserError(
                fmt::format("{}: not loaded: SHA-256 {} is not on the allow-list", who, record->sha256));
        }
        // What the loader would pull in with it is part of what is trusted:
        // read from the hashed bytes, checked before the loader sees them.
        try {
            check_dependencies(read_elf_dynamic(bytes, path.string()), path.parent_path(),
                               allow_->pins(record->sha256), who);
        } catch (const UserError& e) {
            const std::string text = e.what();
            if (text.rfind(who, 0) == 0) throw;
            throw UserError(fmt::format("{}: not loaded: {}", who, text));
        }
        if (manifest.api_major != MERIT_API_MAJOR || manifest.api_minor > MERIT_API_MINOR)
            throw UserError(
                fmt::format("{}: not loaded: it needs plugin API {}.{}, this host provides {}.{}{}", who,
                            manifest.api_major, manifest.api_minor, MERIT_API_MAJOR, MERIT_API_MINOR,
                            manifest.api_major != MERIT_API_MAJOR
                                ? " (major versions differ: rebuild the plugin with a matching SDK)"
                                : " (a newer minor than this host: upgrade Merit)"));
        file.loadable = true;
    } catch (const std::exception& e) {
        record->loaded = false;
        record->error = e.what();
    }
    return file;
}

void PluginRegistry::load(Examined& file) {
    PluginRecord* record = file.record.get();
    const std::string& bytes = file.bytes;
    const std::string name = record->path.filename().string();
    try {
        const PluginManifest& manifest = *record->manifest;
        const std::string who = fmt::format("plugin '{}' ({})", manifest.id, name);
        for (const auto& other : plugins_)
            if (other.get() != record && other->loaded && other->manifest &&
                other->manifest->id == manifest.id)
                throw UserError(fmt::format("{}: not loaded: plugin id '{}' is already loaded from {}", who,
                                            manifest.id, other->path.string()));

        // In process, the host loads the code and reads its tables; isolated,
        // a sandboxed child does and describes them.
        std::shared_ptr<boost::dll::shared_library> library;
        const merit_plugin* entry = nullptr;
        PluginCode code;
        auto reason = [&](const UserError& e) {
            const std::string text = e.what();
            return text.rfind(who, 0) == 0 ? e : UserError(fmt::format("{}: not loaded: {}", who, text));
        };
        if (record->options.isolation == "process") {
            if (const std::string why = sandbox_refusal(config_); !why.empty())
                throw UserError(fmt::format("{}: not loaded: {}", who, why));
            try {
                record->image = std::make_shared<const PluginImage>(bytes, manifest.id);
                record->sandbox = sandbox_layers();
                code = describe_isolated(*record);
            } catch (const UserError& e) {
                throw reason(e);
            }
        } else {
            try {
                library = load_exact_bytes(bytes, manifest.id);
            } catch (const UserError& e) {
                throw reason(e);
            }
            if (!library->has(MERIT_ENTRY_SYMBOL))
                throw UserError(
                    fmt::format("{}: not loaded: missing entry symbol {}", who, MERIT_ENTRY_SYMBOL));
            auto& entry_fn = library->get<const merit_plugin*(const merit_host_api*)>(MERIT_ENTRY_SYMBOL);
            entry = entry_fn(host_api());
            try {
                code = read_plugin_code(entry);
            } catch (const UserError& e) {
                throw reason(e);
            }
        }
        if (code.id.empty() || manifest.id != code.id)
            throw UserError(fmt::format("{}: not loaded: the code says id '{}' but the manifest says '{}'",
                                        who, code.id, manifest.id));
        if (code.version.empty() || manifest.version != code.version)
            throw UserError(
                fmt::format("{}: not loaded: the code says version '{}' but the manifest says '{}'", who,
                            code.version, manifest.version));

        // Every component the code offers must be described by the manifest and
        // vice versa; ids are unique within a plugin.
        std::vector<Component> offered;
        std::set<std::string> ids;
        auto declare = [&](ComponentKind kind, const char* local_id) -> Component& {
            const auto* described = manifest.find(kind, local_id);
            if (!described)
                throw UserError(fmt::format("{}: not loaded: {} '{}' is not described in the manifest", who,
                                            to_string(kind), local_id));
            const std::string qualified = manifest.id + "." + local_id;
            if (!ids.insert(qualified).second)
                throw UserError(fmt::format("{}: not loaded: duplicate component id '{}'", who, qualified));
            if (components_.count(qualified))
                throw UserError(
                    fmt::format("{}: not loaded: component id '{}' is already registered", who, qualified));
            Component& c = offered.emplace_back();
            c.kind = kind;
            c.qualified_id = qualified;
            c.manifest = described;
            return c;
        };
        for (const auto& c : code.components) {
            Component& declared = declare(c.kind, c.id.c_str());
            declared.provider = c.provider;
            declared.scorer = c.scorer;
            declared.reward = c.reward;
        }
        for (const auto& described : manifest.components) {
            bool found = false;
            for (const auto& c : offered) found = found || (c.manifest == &described);
            if (!found)
                throw UserError(
                    fmt::format("{}: not loaded: the manifest describes {} '{}' but the code lacks it", who,
                                to_string(described.kind), described.id));
        }

        record->library = std::move(library);
        record->entry = entry;
        record->loaded = true;
        std::shared_ptr<const PluginRecord> keep = file.record;
        for (auto& c : offered) {
            c.plugin = keep;
            const std::string key = c.qualified_id;
            components_.emplace(key, std::move(c));
        }
        spdlog::debug("loaded plugin '{}' {} from {}", manifest.id, manifest.version, record->path.string());
    } catch (const std::exception& e) {
        record->loaded = false;
        record->error = e.what();
        // Reported by the command that needs plugins, once (see the CLI).
        spdlog::debug("{}", record->error);
    }
    file.bytes.clear();
}

const Component* PluginRegistry::find(std::string_view qualified_id) const {
    auto it = components_.find(qualified_id);
    return it == components_.end() ? nullptr : &it->second;
}

std::vector<const Component*> PluginRegistry::components() const {
    std::vector<const Component*> out;
    for (const auto& [id, c] : components_) out.push_back(&c);
    return out;
}

}  // namespace merit
