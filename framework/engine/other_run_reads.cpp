#include "engine/other_run_reads.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "period/period.hpp"

namespace merit {
namespace {
std::string read_label(const StoredRun& run, const char* column) {
    return fmt::format("run {} ({} {}, {}): {}", run.id, run.scheme, run.period, run.standing, column);
}
}  // namespace

std::shared_ptr<const StoredRun> OtherRunReads::read_run(const char* scheme, const char* period,
                                                         const char* service) const {
    (void)service;
    if (!scheme || !*scheme) throw std::runtime_error("scheme is empty");
    if (!period || !*period) throw std::runtime_error("period is empty");
    return runs_->read(scheme, period);
}

std::string OtherRunReads::latest(merit_context&, const char* scheme, const char* on_or_before) {
    if (!scheme || !*scheme) throw std::runtime_error("scheme is empty");
    const std::string day = on_or_before ? on_or_before : "";
    if (!parse_date(day))
        throw std::runtime_error(fmt::format("on_or_before '{}' is not a date (YYYY-MM-DD)", day));
    return runs_->latest_period(scheme, day);
}

std::vector<std::string> OtherRunReads::rows_read(const char* const* ids, size_t count,
                                                  const char* service) const {
    if (!ids) {
        if (count != call_ids_.size())
            throw std::runtime_error(fmt::format("{}: the buffer holds {} rows, the call has {}", service,
                                                 count, call_ids_.size()));
        return call_ids_;
    }
    std::vector<std::string> out;
    out.reserve(count);
    for (size_t i = 0; i < count; ++i) {
        if (!ids[i]) throw std::runtime_error(fmt::format("{}: manager id {} is NULL", service, i));
        out.emplace_back(ids[i]);
    }
    return out;
}

void OtherRunReads::note_read(merit_context& ctx, const StoredRun& run, const std::string& column,
                              size_t managers) {
    const std::string label = read_label(run, column.c_str());
    if (!trace_ || !reads_noted_.insert(label).second) return;
    const std::string text =
        fmt::format("read {} of {} manager{}", label, managers, managers == 1 ? "" : "s");
    for (size_t i = 0; i < call_ids_.size(); ++i) trace_->note(ctx, i, text.c_str());
}

void OtherRunReads::column(merit_context& ctx, const char* scheme, const char* period, const char* column,
                           const char* const* ids, size_t count, double* out, unsigned char* valid) {
    const auto run = read_run(scheme, period, "run_column");
    const auto managers = rows_read(ids, count, "run_column");
    if ((!out || !valid) && !managers.empty()) throw std::runtime_error("out or valid is NULL");
    const std::string name = column ? column : "";
    if (name.empty()) throw std::runtime_error("column is empty");
    bool known = run->numbers.empty();
    for (const auto& [manager, numbers] : run->numbers)
        if (numbers.count(name)) known = true;
    if (!known)
        throw std::runtime_error(
            fmt::format("run {} ({} {}) has no column '{}'", run->id, run->scheme, run->period, name));
    for (size_t i = 0; i < managers.size(); ++i) {
        out[i] = 0;
        valid[i] = 0;
        const auto m = run->numbers.find(managers[i]);
        if (m == run->numbers.end()) continue;
        const auto v = m->second.find(name);
        if (v == m->second.end() || !v->second) continue;
        out[i] = *v->second;
        valid[i] = 1;
    }
    if (ids)
        note_read(ctx, *run, name, managers.size());
    else if (trace_)
        trace_->column(ctx, read_label(*run, name.c_str()).c_str(), out, valid);
}

void OtherRunReads::text(merit_context& ctx, const char* scheme, const char* period, const char* column,
                         const char* const* ids, size_t count, const char** out) {
    const auto run = read_run(scheme, period, "run_text");
    const auto managers = rows_read(ids, count, "run_text");
    if (!out && !managers.empty()) throw std::runtime_error("out is NULL");
    const std::string name = column ? column : "";
    if (name != "rating" && name.rfind("decision:", 0) != 0)
        throw std::runtime_error(
            fmt::format("unknown text column '{}' (known: rating, decision:<kind>)", name));
    for (size_t i = 0; i < managers.size(); ++i) {
        out[i] = nullptr;
        const auto m = run->texts.find(managers[i]);
        if (m == run->texts.end()) continue;
        const auto t = m->second.find(name);
        if (t == m->second.end() || t->second.empty()) continue;
        out[i] = t->second.c_str();  // the run stays loaded for the whole reading run
        if (!ids && trace_)
            trace_->note(ctx, i, fmt::format("{} = {}", read_label(*run, name.c_str()), t->second).c_str());
    }
    if (ids) note_read(ctx, *run, name, managers.size());
}

}  // namespace merit
