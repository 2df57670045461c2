#include "plugin/plugin_code.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <stdexcept>

#include "common/errors.hpp"
#include "plugin/host_api.hpp"

namespace merit {
namespace {

// Bounds on a description from an isolated plugin.
constexpr uint64_t kMaxComponents = 4096;
constexpr size_t kMaxIdBytes = 256;

template <typename VTable>
void check_vtable(const VTable* vtable, size_t min_size, const char* kind, const std::string& plugin) {
    if (!vtable) throw UserError(fmt::format("a null {} table", kind));
    if (vtable->struct_size < min_size)
        throw UserError(fmt::format("{} table of '{}' is too small ({} bytes, need {})", kind,
                                    vtable->id ? vtable->id : "?", vtable->struct_size, min_size));
    if (!vtable->id || !*vtable->id) throw UserError(fmt::format("a {} without an id", kind));
    if (!vtable->create || !vtable->destroy)
        throw UserError(fmt::format("{} '{}.{}' lacks create or destroy", kind, plugin, vtable->id));
}

std::string checked_id(WireReader& in, const char* what) {
    std::string text = in.text();
    if (text.size() > kMaxIdBytes)
        throw std::runtime_error(fmt::format("{} longer than {} bytes", what, kMaxIdBytes));
    for (unsigned char c : text)
        if (c < 0x20 || c == 0x7f)
            throw std::runtime_error(fmt::format("{} holds a control character", what));
    return text;
}

}  // namespace

PluginCode read_plugin_code(const merit_plugin* entry) {
    if (!entry)
        throw UserError(
            fmt::format("its entry point refused host API {}.{}", MERIT_API_MAJOR, MERIT_API_MINOR));
    if (entry->struct_size < sizeof(merit_plugin))
        throw UserError(fmt::format("plugin table too small ({} bytes, need {})", entry->struct_size,
                                    sizeof(merit_plugin)));
    if (entry->api_major != MERIT_API_MAJOR || entry->api_minor > MERIT_API_MINOR)
        throw UserError(fmt::format("built for plugin API {}.{}, this host provides {}.{}", entry->api_major,
                                    entry->api_minor, MERIT_API_MAJOR, MERIT_API_MINOR));
    PluginCode code;
    code.id = entry->id ? entry->id : "";
    code.version = entry->version ? entry->version : "";
    code.api_major = entry->api_major;
    code.api_minor = entry->api_minor;
    for (size_t i = 0; i < entry->provider_count; ++i) {
        const auto* v = entry->providers[i];
        check_vtable(v, sizeof(merit_indicator_provider), "indicator", code.id);
        if (!v->compute) throw UserError(fmt::format("indicator '{}' lacks compute", v->id));
        code.components.push_back({ComponentKind::indicator, v->id, v, nullptr, nullptr});
    }
    for (size_t i = 0; i < entry->scorer_count; ++i) {
        const auto* v = entry->scorers[i];
        check_vtable(v, sizeof(merit_scorer), "scorer", code.id);
        if (!v->score) throw UserError(fmt::format("scorer '{}' lacks score", v->id));
        code.components.push_back({ComponentKind::scorer, v->id, nullptr, v, nullptr});
    }
    for (size_t i = 0; i < entry->reward_count; ++i) {
        const auto* v = entry->rewards[i];
        check_vtable(v, sizeof(merit_reward_calculator), "reward", code.id);
        if (!v->compute) throw UserError(fmt::format("reward '{}' lacks compute", v->id));
        code.components.push_back({ComponentKind::reward, v->id, nullptr, nullptr, v});
    }
    return code;
}

PluginCode load_plugin_code(const std::string& path) {
    void* library = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char* why = ::dlerror();
        throw UserError(fmt::format("the dynamic loader refused it: {}", why ? why : "?"));
    }
    void* symbol = ::dlsym(library, MERIT_ENTRY_SYMBOL);
    if (!symbol) throw UserError(fmt::format("missing entry symbol {}", MERIT_ENTRY_SYMBOL));
    using Entry = const merit_plugin* (*)(const merit_host_api*);
    return read_plugin_code(reinterpret_cast<Entry>(symbol)(host_api()));
}

void write_plugin_code(WireWriter& out, const PluginCode& code) {
    out.text(code.id).text(code.version).u64(code.api_major).u64(code.api_minor).u64(code.components.size());
    for (const auto& c : code.components) out.u8(static_cast<uint8_t>(c.kind)).text(c.id);
}

PluginCode read_plugin_description(WireReader& in) {
    PluginCode code;
    code.id = checked_id(in, "the plugin id");
    code.version = checked_id(in, "the version");
    code.api_major = in.u64();
    code.api_minor = in.u64();
    const uint64_t count = in.u64();
    if (count > kMaxComponents)
        throw std::runtime_error(fmt::format("{} components (at most {})", count, kMaxComponents));
    for (uint64_t i = 0; i < count; ++i) {
        const uint8_t kind = in.u8();
        if (kind > static_cast<uint8_t>(ComponentKind::reward))
            throw std::runtime_error(fmt::format("component kind {}", kind));
        CodeComponent c;
        c.kind = static_cast<ComponentKind>(kind);
        c.id = checked_id(in, "a component id");
        if (c.id.empty()) throw std::runtime_error("a component without an id");
        code.components.push_back(std::move(c));
    }
    return code;
}

std::string one_line(std::string text, size_t limit) {
    if (text.size() > limit) text = text.substr(0, limit) + "...";
    for (char& c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    return text;
}

}  // namespace merit
