// libFuzzer target: any bytes as a plugin manifest's JSON. Bad manifests are
// refused with a UserError; nothing else may escape, crash or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/errors.hpp"
#include "plugin/manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view json(reinterpret_cast<const char*>(data), size);
    try {
        const merit::PluginManifest manifest = merit::parse_manifest(json, "fuzz.json");
        // Each component's parameter specs must judge empty and null parameters.
        for (const merit::ComponentManifest& component : manifest.components) {
            (void)merit::validate_params(component, boost::json::object(), "params");
            (void)merit::validate_params(component, nullptr, "params");
        }
    } catch (const merit::UserError&) {
    }
    return 0;
}
