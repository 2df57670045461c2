#include "engine/record_digest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <vector>

#include "common/sha256.hpp"

namespace merit {
namespace {

// Bumped when what the digest covers changes; a stored digest is verified by
// the rule its version names (run_verify.cpp).
constexpr std::string_view kRecordVersion = "merit-run-record-v1";

// One row as length-prefixed fields: "tag|5:hello|~|..." where ~ is NULL.
class Row {
public:
    explicit Row(std::string_view tag) : text_(tag) {}
    Row& add(std::string_view s) {
        fmt::format_to(std::back_inserter(text_), "|{}:{}", s.size(), s);
        return *this;
    }
    Row& add(const std::string& s) { return add(std::string_view(s)); }
    Row& add(const std::optional<std::string>& s) { return s ? add(std::string_view(*s)) : null(); }
    Row& add(int64_t n) { return add(std::string_view(std::to_string(n))); }
    Row& add(int n) { return add(static_cast<int64_t>(n)); }
    Row& add(bool b) { return add(static_cast<int64_t>(b ? 1 : 0)); }
    // Exact (17 significant digits). SQLite keeps -0.0 as 0, so it is 0 here.
    Row& add(double x) { return add(std::string_view(fmt::format("{:.17g}", x == 0 ? 0.0 : x))); }
    Row& add(const std::optional<double>& x) { return x ? add(*x) : null(); }
    std::string done() { return std::move(text_) + "\n"; }

private:
    Row& null() {
        text_ += "|~";
        return *this;
    }
    std::string text_;
};

std::string header(const RunInfo& i) {
    Row row(kRecordVersion);
    row.add(i.scheme_id).add(i.scheme_title).add(i.scheme_path).add(i.scheme_hash).add(i.scheme_json);
    row.add(i.period).add(i.first_day).add(i.last_day).add(i.created_at).add(i.input_fingerprint);
    row.add(i.plugins_json).add(i.timings_json).add(i.manager_count).add(i.results_digest);
    if (i.data_version)
        row.add(*i.data_version);  // the pinned data version (issue 15 point 4)
    else
        row.add(std::optional<std::string>());
    return row.done();
}

std::vector<std::string> rows(const RunResult& r) {
    std::vector<std::string> out;
    for (const auto& m : r.managers)
        out.push_back(Row("M")
                          .add(m.manager_id)
                          .add(m.name)
                          .add(m.org_unit_id)
                          .add(m.role)
                          .add(m.grade)
                          .add(m.status)
                          .add(m.grade_group)
                          .add(m.base_total)
                          .add(m.total)
                          .add(m.rating)
                          .add(m.band_index)
                          .add(m.band_reason)
                          .add(m.rank)
                          .add(m.rank_in_unit)
                          .add(m.vetoed)
                          .add(m.pay_fen)
                          .done());
    for (const auto& x : r.indicators)
        out.push_back(Row("I")
                          .add(x.manager_id)
                          .add(x.seq)
                          .add(x.kind)
                          .add(x.indicator)
                          .add(x.name)
                          .add(x.dimension)
                          .add(x.provider)
                          .add(x.scorer)
                          .add(x.value)
                          .add(x.target)
                          .add(x.score)
                          .add(x.dimension_weight)
                          .add(x.weight)
                          .add(x.contribution)
                          .add(x.unit)
                          .add(x.completion)
                          .done());
    for (const auto& d : r.dimensions)
        out.push_back(Row("D")
                          .add(d.manager_id)
                          .add(d.seq)
                          .add(d.dimension)
                          .add(d.name)
                          .add(d.score)
                          .add(d.weight)
                          .add(d.contribution)
                          .done());
    for (const auto& a : r.adjustments)
        out.push_back(Row("A")
                          .add(a.manager_id)
                          .add(a.seq)
                          .add(a.adjustment)
                          .add(a.kind)
                          .add(a.name)
                          .add(a.points)
                          .add(a.total_before)
                          .add(a.total_after)
                          .add(a.detail)
                          .done());
    for (const auto& p : r.pay)
        out.push_back(Row("P")
                          .add(p.manager_id)
                          .add(p.seq)
                          .add(p.reward)
                          .add(p.calculator)
                          .add(p.code)
                          .add(p.label)
                          .add(p.amount_fen)
                          .add(p.basis)
                          .done());
    for (const auto& d : r.decisions)
        out.push_back(Row("X")
                          .add(d.manager_id)
                          .add(d.seq)
                          .add(d.reward)
                          .add(d.calculator)
                          .add(d.kind)
                          .add(d.value)
                          .add(d.reason)
                          .done());
    for (const auto& t : r.trace)
        out.push_back(Row("T")
                          .add(t.manager_id)
                          .add(t.seq)
                          .add(t.step)
                          .add(t.component)
                          .add(t.name)
                          .add(t.value)
                          .add(t.text)
                          .done());
    for (const auto& s : r.state)
        out.push_back(Row("S").add(s.reward).add(s.key).add(s.manager_id).add(s.value).done());
    // A run without warnings (every run stored before they were) has no W rows.
    for (size_t i = 0; i < r.warnings.size(); ++i)
        out.push_back(
            Row("W").add(static_cast<int>(i)).add(r.warnings[i].path).add(r.warnings[i].message).done());
    return out;
}

}  // namespace

std::string record_digest(const RunResult& run) {
    std::vector<std::string> lines = rows(run);
    std::sort(lines.begin(), lines.end());
    std::string text = header(run.info);
    for (const auto& line : lines) text += line;
    return sha256_hex(text);
}

}  // namespace merit
