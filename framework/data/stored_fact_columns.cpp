#include "data/stored_fact_columns.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "store/sqlite.hpp"

namespace merit {
namespace {

static_assert(std::endian::native == std::endian::little, "the stored form is little-endian");

constexpr std::string_view kMagic = "MFC1";

template <typename T>
void put(std::string& out, T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out.append(bytes, sizeof(T));
}

// Reads from the front of `in`; false when too short.
template <typename T>
bool take(std::string_view& in, T& value) {
    if (in.size() < sizeof(T)) return false;
    std::memcpy(&value, in.data(), sizeof(T));
    in.remove_prefix(sizeof(T));
    return true;
}

}  // namespace

int64_t facts_version(sqlite3* db) {
    Statement st(db,
                 "SELECT coalesce(max(seq), 0) FROM data_version_counts WHERE table_name = 'facts' "
                 "AND inserted + updated + retracted > 0");
    st.step();
    return st.integer(0);
}

std::string serialize_fact_columns(const FactColumns& columns) {
    std::string out(kMagic);
    const size_t entities = columns.ids.size();
    size_t id_bytes = 0;
    for (const std::string& id : columns.ids) id_bytes += id.size();
    out.reserve(4 + 16 + entities * 8 + id_bytes + columns.facts.size() * 12);
    put<uint64_t>(out, entities);
    put<uint64_t>(out, columns.facts.size());
    for (size_t k = 0; k < entities; ++k) {
        put<uint32_t>(out, static_cast<uint32_t>(columns.ids[k].size()));
        put<uint32_t>(out, static_cast<uint32_t>(columns.begin[k + 1] - columns.begin[k]));
    }
    for (const std::string& id : columns.ids) out += id;
    for (const Fact& fact : columns.facts) put<int32_t>(out, fact.day);
    for (const Fact& fact : columns.facts) put<double>(out, fact.value);
    return out;
}

std::optional<FactColumns> parse_fact_columns(std::string_view in) {
    if (in.substr(0, kMagic.size()) != kMagic) return std::nullopt;
    in.remove_prefix(kMagic.size());
    uint64_t entities = 0, facts = 0;
    if (!take(in, entities) || !take(in, facts)) return std::nullopt;
    // Each entity takes 8 bytes of lengths and each fact 12: a count the
    // bytes cannot hold is refused before anything is allocated for it.
    if (entities > in.size() / 8 || facts > in.size() / 12) return std::nullopt;
    FactColumns out;
    std::vector<uint32_t> id_sizes(entities);
    out.begin.reserve(entities + 1);
    out.begin.push_back(0);
    for (uint64_t k = 0; k < entities; ++k) {
        uint32_t count = 0;
        if (!take(in, id_sizes[k]) || !take(in, count) || count == 0) return std::nullopt;
        out.begin.push_back(out.begin.back() + count);
        if (out.begin.back() > facts) return std::nullopt;
    }
    if (out.begin.back() != facts) return std::nullopt;
    out.ids.reserve(entities);
    for (uint64_t k = 0; k < entities; ++k) {
        if (in.size() < id_sizes[k]) return std::nullopt;
        out.ids.emplace_back(in.substr(0, id_sizes[k]));
        in.remove_prefix(id_sizes[k]);
        if (k > 0 && !(out.ids[k - 1] < out.ids[k])) return std::nullopt;  // each once, in order
    }
    if (in.size() != facts * 12) return std::nullopt;
    out.facts.resize(facts);
    const std::string_view days = in.substr(0, facts * 4), values = in.substr(facts * 4);
    for (uint64_t i = 0; i < facts; ++i) {
        int32_t day = 0;
        double value = 0;
        std::memcpy(&day, days.data() + i * 4, 4);
        std::memcpy(&value, values.data() + i * 8, 8);
        out.facts[i] = {day, value};
    }
    // Each entity's facts by date, as the aggregations' searches need.
    for (uint64_t k = 0; k < entities; ++k)
        if (!std::is_sorted(out.facts.begin() + static_cast<ptrdiff_t>(out.begin[k]),
                            out.facts.begin() + static_cast<ptrdiff_t>(out.begin[k + 1]),
                            [](const Fact& a, const Fact& b) { return a.day < b.day; }))
            return std::nullopt;
    return out;
}

std::optional<FactColumns> read_kept_fact_columns(sqlite3* db, std::string_view entity,
                                                  std::string_view metric, int64_t version) {
    Statement st(
        db, "SELECT columns FROM kept_fact_columns WHERE entity = ?1 AND metric = ?2 AND facts_version = ?3");
    st.bind(1, entity).bind(2, metric).bind(3, version);
    if (!st.step()) return std::nullopt;
    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(st.raw(), 0));
    const auto size = static_cast<size_t>(sqlite3_column_bytes(st.raw(), 0));
    auto columns = parse_fact_columns(std::string_view(bytes ? bytes : "", bytes ? size : 0));
    if (!columns) return std::nullopt;  // read from the facts table instead
    columns->facts_version = version;
    columns->from_table = false;
    return columns;
}

void keep_fact_columns(sqlite3* db, std::string_view entity, std::string_view metric,
                       const FactColumns& columns) {
    if (columns.facts_version <= 0) return;
    Statement drop(db,
                   "DELETE FROM kept_fact_columns WHERE entity = ?1 AND metric = ?2 AND facts_version < ?3");
    drop.bind(1, entity).bind(2, metric).bind(3, columns.facts_version);
    drop.run();
    const std::string bytes = serialize_fact_columns(columns);
    Statement keep(
        db,
        "INSERT INTO kept_fact_columns (entity, metric, facts_version, columns) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT DO NOTHING");
    keep.bind(1, entity).bind(2, metric).bind(3, columns.facts_version);
    sqlite3_bind_blob64(keep.raw(), 4, bytes.data(), bytes.size(), SQLITE_STATIC);
    keep.run();
}

}  // namespace merit
