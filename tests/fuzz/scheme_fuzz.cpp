// libFuzzer target: any bytes as a scheme file, through what `merit validate`
// does: the parser, the rule checks and the component checks against the
// built-in plugins (MERIT_FUZZ_PLUGIN_DIR). Every problem must come back as a
// "JSON path: reason" line; nothing may throw, crash or leak.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "plugin/registry.hpp"
#include "scheme/scheme_parser.hpp"
#include "scheme/scheme_validator.hpp"

namespace {

const merit::PluginRegistry& registry() {
    static const merit::PluginRegistry loaded = [] {
        merit::HostConfig config;
        config.plugin_dirs = {MERIT_FUZZ_PLUGIN_DIR};
        config.allow_untrusted = true;
        merit::PluginRegistry registry = merit::PluginRegistry::discover(config);
        // Without plugins the component checks would only ever say "not loaded".
        for (const auto& plugin : registry.plugins())
            if (!plugin->loaded) {
                std::fprintf(stderr, "scheme_fuzz: %s\n", plugin->error.c_str());
                std::abort();
            }
        if (registry.components().empty()) {
            std::fprintf(stderr, "scheme_fuzz: no plugins in %s\n", MERIT_FUZZ_PLUGIN_DIR);
            std::abort();
        }
        return registry;
    }();
    return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const merit::ParsedScheme parsed = merit::parse_scheme_text(text, "fuzz.scheme.json");
    if (parsed.scheme.canonical_json.empty()) return 0;  // not JSON: one syntax problem, nothing to check
    (void)merit::check_scheme_rules(parsed.scheme);
    (void)merit::check_scheme_components(parsed.scheme, registry());
    return 0;
}
