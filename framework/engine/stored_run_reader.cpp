#include "engine/stored_run_reader.hpp"

#include <fmt/format.h>

#include "common/errors.hpp"
#include "engine/run_lifecycle.hpp"
#include "engine/run_store.hpp"
#include "period/period.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

constexpr const char* kNumericColumns[] = {"total", "base_total", "rank", "rank_in_unit", "band_index"};

void load_managers(sqlite3* db, StoredRun& run) {
    Statement st(db,
                 "SELECT manager_id, total, base_total, rank, rank_in_unit, band_index, pay_fen, rating "
                 "FROM run_managers WHERE run_id = ?1");
    st.bind(1, run.id);
    while (st.step()) {
        auto& numbers = run.numbers[st.text(0)];
        for (int c = 0; c < 5; ++c) numbers[kNumericColumns[c]] = st.optional_real(c + 1);
        numbers["pay_total"] = static_cast<double>(st.integer(6));  // fen, as result_column gives it
        run.texts[st.text(0)]["rating"] = st.text(7);
    }
}

void load_indicators(sqlite3* db, StoredRun& run) {
    Statement st(db, "SELECT manager_id, indicator, value FROM run_indicators WHERE run_id = ?1");
    st.bind(1, run.id);
    while (st.step()) run.numbers[st.text(0)][st.text(1)] = st.optional_real(2);
}

void load_decisions(sqlite3* db, StoredRun& run) {
    // In seq order, so the last decision of a kind wins.
    Statement st(
        db, "SELECT manager_id, kind, value FROM run_decisions WHERE run_id = ?1 ORDER BY manager_id, seq");
    st.bind(1, run.id);
    while (st.step()) run.texts[st.text(0)]["decision:" + st.text(1)] = st.text(2);
}

}  // namespace

std::optional<int64_t> run_to_read(sqlite3* db, std::string_view scheme_id, std::string_view period) {
    if (const auto counting = counting_run(db, scheme_id, period)) return counting;
    Statement st(db,
                 "SELECT id FROM runs WHERE scheme_name = ?1 AND period = ?2 AND status <> 'final' "
                 "AND NOT EXISTS (SELECT 1 FROM runs f WHERE f.scheme_name = ?1 AND f.period = ?2 "
                 "AND f.status = 'final') ORDER BY id DESC LIMIT 1");
    st.bind(1, scheme_id);
    st.bind(2, period);
    if (!st.step()) return std::nullopt;
    return st.integer(0);
}

std::string StoredRunReader::latest_period(const std::string& scheme, const std::string& day) {
    std::lock_guard lock(mutex_);
    Statement st(db_,
                 "SELECT period FROM runs WHERE scheme_name = ?1 AND first_day <= ?2 "
                 "GROUP BY period ORDER BY max(first_day) DESC");
    st.bind(1, scheme);
    st.bind(2, day);
    // A period whose runs are all superseded drafts cannot occur (drafts are
    // never superseded), so the first period listed has a run to read.
    return st.step() ? st.text(0) : std::string();
}

std::shared_ptr<const StoredRun> StoredRunReader::read(const std::string& scheme, const std::string& period) {
    const std::string canonical = Period::parse(period).text();
    std::lock_guard lock(mutex_);
    const auto key = std::make_pair(scheme, canonical);
    if (const auto it = loaded_.find(key); it != loaded_.end()) return it->second;
    const auto id = run_to_read(db_, scheme, canonical);
    if (!id)
        throw UserError(fmt::format("no run of scheme '{}' for {}: run that scheme for the period first",
                                    scheme, canonical));
    auto run = std::make_shared<StoredRun>();
    run->id = *id;
    run->scheme = scheme;
    run->period = canonical;
    run->standing = load_run_info(db_, *id).status == "final" ? "final" : "draft";
    load_managers(db_, *run);
    load_indicators(db_, *run);
    load_decisions(db_, *run);
    loaded_[key] = run;
    return run;
}

}  // namespace merit
