// Duplicate keys in one JSON object. Boost.JSON (like most readers) keeps the
// last of two equal keys without a word, so `"rate": 0.005, "rate": 5` would
// silently pay 1000 times as much; every file Merit trusts to mean what it
// says is checked with this first.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace merit {

struct DuplicateKey {
    std::string path;  // where the repeated member sits: "rewards[0].params.rate"
    size_t line = 0;   // 1-based line of the repeat
    size_t first_line = 0;
};

// Every repeated key of `text`, which must already be well-formed JSON (it
// is read after the parser accepted it). Iterative: nesting depth costs heap,
// not stack.
std::vector<DuplicateKey> duplicate_json_keys(std::string_view text);

}  // namespace merit
