// Scopes and scorer inputs on the wire: written from the C structs, read
// back into owning copies whose C view stays valid while the copy lives.
#pragma once

#include <merit/plugin.h>

#include <optional>
#include <string>
#include <vector>

#include "plugin/wire_format.hpp"

namespace merit {

void write_scope(WireWriter& out, const merit_scope& scope);
void write_score_input(WireWriter& out, const merit_score_input& input);

class WireScope {
public:
    explicit WireScope(WireReader& in);
    WireScope(const WireScope&) = delete;
    WireScope& operator=(const WireScope&) = delete;
    const merit_scope& get() const { return raw_; }

private:
    struct TextColumn {
        std::optional<std::vector<std::string>> texts;
        std::vector<const char*> pointers;
        const char* const* view(size_t count);
    };
    TextColumn columns_[6];
    std::optional<std::string> period_, first_day_, last_day_;
    merit_scope raw_{};
};

class WireScoreInput {
public:
    explicit WireScoreInput(WireReader& in);
    WireScoreInput(const WireScoreInput&) = delete;
    WireScoreInput& operator=(const WireScoreInput&) = delete;
    const merit_score_input& get() const { return raw_; }

private:
    std::optional<std::vector<double>> values_, targets_;
    std::optional<std::vector<unsigned char>> valid_, target_valid_;
    std::optional<std::vector<std::string>> groups_;
    std::vector<const char*> group_pointers_;
    merit_score_input raw_{};
};

}  // namespace merit
