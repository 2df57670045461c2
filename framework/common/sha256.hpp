// SHA-256 (FIPS 180-4) for plugin trust checks, digests and fingerprints; no
// crypto library needed for one well-specified hash.
#pragma once

#include <string>
#include <string_view>

namespace merit {

// Lower-case hex digest of `bytes`, with the CPU's SHA extensions where it
// has them.
std::string sha256_hex(std::string_view bytes);

// The same with the portable code on every CPU (the tests compare the two).
std::string sha256_hex_portable(std::string_view bytes);
bool sha256_uses_cpu_extensions();

}  // namespace merit
