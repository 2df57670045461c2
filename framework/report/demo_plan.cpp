#include "report/demo_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "period/period.hpp"
#include "store/sqlite.hpp"

namespace merit::report {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

constexpr std::string_view kSchemeSuffix = ".scheme.json";

// Reads the few fields the plan needs; an unreadable scheme is still planned
// (its run will report the problem with the JSON path).
DemoScheme read_scheme_head(const fs::path& file) {
    DemoScheme s;
    s.file = file;
    const std::string name = file.filename().string();
    s.id = name.substr(0, name.size() - kSchemeSuffix.size());
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    boost::system::error_code ec;
    const json::value v = json::parse(buffer.str(), ec);
    if (ec || !v.is_object()) return s;
    const auto& o = v.get_object();
    auto text = [&](std::string_view key) {
        const auto* f = o.if_contains(key);
        return f && f->is_string() ? std::string(f->get_string()) : std::string();
    };
    if (const auto id = text("scheme"); !id.empty()) s.id = id;
    s.title = text("title");
    s.period_type = text("period_type");
    return s;
}

bool matches_type(const Period& p, const std::string& period_type) {
    using K = Period::Kind;
    if (period_type == "month") return p.kind() == K::month;
    if (period_type == "quarter") return p.kind() == K::quarter;
    if (period_type == "half") return p.kind() == K::half;
    if (period_type == "year") return p.kind() == K::year;
    return period_type == "any" && p.kind() != K::range;
}

// The period of `period_type` that holds `day` ("any" runs by month).
Period period_holding(Date day, const std::string& period_type) {
    const std::string d = format_date(day);  // YYYY-MM-DD
    const int month = std::stoi(d.substr(5, 2));
    if (period_type == "quarter")
        return Period::parse(fmt::format("{}-Q{}", d.substr(0, 4), (month - 1) / 3 + 1));
    if (period_type == "half")
        return Period::parse(fmt::format("{}-H{}", d.substr(0, 4), month <= 6 ? 1 : 2));
    if (period_type == "year") return Period::parse(d.substr(0, 4));
    return Period::parse(d.substr(0, 7));
}

std::vector<std::string> latest(std::vector<Period> periods, size_t max_periods) {
    std::sort(periods.begin(), periods.end(),
              [](const Period& a, const Period& b) { return a.first_day() < b.first_day(); });
    periods.erase(std::unique(periods.begin(), periods.end()), periods.end());
    if (periods.size() > max_periods)
        periods.erase(periods.begin(), periods.end() - static_cast<long>(max_periods));
    std::vector<std::string> out;
    for (const auto& p : periods) out.push_back(p.text());
    return out;
}

}  // namespace

std::string sample_set_for(const std::string& scheme_stem, const std::vector<std::string>& set_names) {
    std::string best;
    for (const auto& name : set_names) {
        const bool exact = scheme_stem == name;
        const bool prefix = scheme_stem.size() > name.size() &&
                            scheme_stem.compare(0, name.size(), name) == 0 &&
                            (scheme_stem[name.size()] == '-' || scheme_stem[name.size()] == '_');
        if ((exact || prefix) && name.size() > best.size()) best = name;
    }
    return best;
}

DemoPlan plan_demo(const fs::path& config_dir) {
    DemoPlan plan;
    std::vector<std::string> set_names;
    const fs::path samples = config_dir / "samples";
    if (fs::is_directory(samples))
        for (const auto& entry : fs::directory_iterator(samples))
            if (entry.is_directory()) set_names.push_back(entry.path().filename().string());
    std::sort(set_names.begin(), set_names.end());
    if (set_names.empty()) plan.notes.push_back(fmt::format("no sample sets under {}", samples.string()));

    std::vector<fs::path> scheme_files;
    if (fs::is_directory(config_dir))
        for (const auto& entry : fs::directory_iterator(config_dir)) {
            const std::string name = entry.path().filename().string();
            if (entry.is_regular_file() && name.size() > kSchemeSuffix.size() &&
                name.ends_with(kSchemeSuffix))
                scheme_files.push_back(entry.path());
        }
    std::sort(scheme_files.begin(), scheme_files.end());
    if (scheme_files.empty())
        plan.notes.push_back(fmt::format("no *.scheme.json in {}", config_dir.string()));

    std::map<std::string, DemoSampleSet> sets;
    for (const auto& file : scheme_files) {
        const std::string name = file.filename().string();
        const std::string stem = name.substr(0, name.size() - kSchemeSuffix.size());
        const std::string set = sample_set_for(stem, set_names);
        if (set.empty()) {
            plan.notes.push_back(
                fmt::format("skipped scheme {}: no sample set {} under {}", name, stem, samples.string()));
            continue;
        }
        auto& entry = sets[set];
        entry.name = set;
        entry.dir = samples / set;
        entry.schemes.push_back(read_scheme_head(file));
    }
    for (const auto& name : set_names)
        if (!sets.count(name))
            plan.notes.push_back(fmt::format("skipped sample set {}: no scheme {}*.scheme.json in {}", name,
                                             name, config_dir.string()));
    for (auto& [name, set] : sets) plan.sets.push_back(std::move(set));
    return plan;
}

std::vector<std::string> demo_periods(sqlite3* db, const std::string& period_type, size_t max_periods) {
    std::vector<Period> from_targets;
    {
        Statement s(db, "SELECT DISTINCT period FROM targets");
        while (s.step()) {
            try {
                const Period p = Period::parse(s.text(0));
                if (matches_type(p, period_type)) from_targets.push_back(p);
            } catch (const std::exception&) {
                // a target of a custom range: not a period a scheme of this type runs for
            }
        }
    }
    if (!from_targets.empty()) return latest(std::move(from_targets), max_periods);

    // Without targets, the periods in which something happened: events where
    // the workspace has any (they mark the work being assessed), else dated
    // facts. A span from first to last date would include quiet periods, such
    // as months that hold only a customer attribute dated at the start of the
    // year, and the demo would rank managers on nothing.
    std::vector<Period> periods;
    for (const char* sql : {"SELECT DISTINCT date FROM events", "SELECT DISTINCT date FROM facts"}) {
        Statement s(db, sql);
        while (s.step())
            if (const auto day = parse_date(s.text(0))) periods.push_back(period_holding(*day, period_type));
        if (!periods.empty()) break;
    }
    return latest(std::move(periods), max_periods);
}

}  // namespace merit::report
