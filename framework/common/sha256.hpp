// SHA-256 (FIPS 180-4) for plugin trust checks; no crypto library needed for
// one well-specified hash.
#pragma once

#include <string>
#include <string_view>

namespace merit {

// Lower-case hex digest of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace merit
