// libFuzzer target: any bytes as a plugin file, through the ELF reader that
// finds the ".merit_manifest" section without loading the file. A hostile file
// must be refused with a UserError, never read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/errors.hpp"
#include "plugin/manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        if (auto json = merit::read_manifest_section(bytes, "fuzz.so"))
            (void)merit::parse_manifest(*json, "fuzz.so");
    } catch (const merit::UserError&) {
    }
    return 0;
}
