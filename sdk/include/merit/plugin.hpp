// merit/plugin.hpp — header-only C++ layer over merit/plugin.h.
//
// A plugin author writes ordinary classes and one registration block:
//
//   class Visits : public merit::IndicatorProvider {
//   public:
//       explicit Visits(const merit::Value& params) : kind_(params.get_string("kind", "visit")) {}
//       void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
//           auto counts = ctx.events(scope, {.kind = kind_});
//           for (size_t i = 0; i < scope.size(); ++i) out.set(i, counts[i]);
//       }
//   private:
//       std::string kind_;
//   };
//
//   MERIT_PLUGIN("acme", "1.0.0") {
//       plugin.provider<Visits>("visits");
//   }
//
// Every call into the plugin is wrapped: an exception becomes a clean error
// that the host reports naming plugin and component; nothing unwinds across
// the C boundary.
#pragma once

#include <merit/plugin.h>
#include <merit/money.hpp>

#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace merit {

// Thrown by plugin code for any failure; its text is what the user reads.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

namespace detail {
inline const merit_host_api*& host_table() {
    static const merit_host_api* table = nullptr;
    return table;
}
// A host service failed and has already recorded its message.
struct HostFailure {};
}  // namespace detail

// ---------------------------------------------------------------------------
// Value: a read-only view of a parameter tree or an SQL cell.
// ---------------------------------------------------------------------------
class Value {
public:
    Value() = default;
    Value(const merit_value* value, std::string path) : v_(value), path_(std::move(path)) {}

    const std::string& path() const { return path_; }
    bool is_null() const { return !v_ || v_->kind == MERIT_VALUE_NULL; }
    bool is_number() const { return v_ && v_->kind == MERIT_VALUE_NUMBER; }
    bool is_string() const { return v_ && v_->kind == MERIT_VALUE_STRING; }
    bool is_bool() const { return v_ && v_->kind == MERIT_VALUE_BOOL; }
    bool is_array() const { return v_ && v_->kind == MERIT_VALUE_ARRAY; }
    bool is_object() const { return v_ && v_->kind == MERIT_VALUE_OBJECT; }

    double number() const {
        expect(MERIT_VALUE_NUMBER, "a number");
        return v_->number;
    }
    std::string string() const {
        expect(MERIT_VALUE_STRING, "a string");
        return v_->string ? v_->string : "";
    }
    bool boolean() const {
        expect(MERIT_VALUE_BOOL, "true or false");
        return v_->boolean != 0;
    }
    size_t size() const { return (is_array() || is_object()) ? v_->count : 0; }

    // Array element.
    Value operator[](size_t index) const {
        expect(MERIT_VALUE_ARRAY, "an array");
        if (index >= v_->count) fail("has no element " + std::to_string(index));
        return Value(&v_->items[index], path_ + "[" + std::to_string(index) + "]");
    }
    // Object member; a missing key gives a null Value.
    Value operator[](std::string_view key) const {
        if (!is_object()) return Value(nullptr, path_ + "." + std::string(key));
        for (size_t i = 0; i < v_->count; ++i)
            if (key == v_->keys[i]) return Value(&v_->items[i], path_ + "." + std::string(key));
        return Value(nullptr, path_ + "." + std::string(key));
    }
    bool has(std::string_view key) const { return !(*this)[key].is_null(); }
    std::string key(size_t index) const {
        expect(MERIT_VALUE_OBJECT, "an object");
        if (index >= v_->count) fail("has no member " + std::to_string(index));
        return v_->keys[index];
    }
    Value item(size_t index) const {
        if (!is_array() && !is_object()) fail("must be an array or an object");
        if (index >= v_->count) fail("has no element " + std::to_string(index));
        const std::string sub = is_object() ? path_ + "." + std::string(v_->keys[index])
                                            : path_ + "[" + std::to_string(index) + "]";
        return Value(&v_->items[index], sub);
    }
    Value require(std::string_view key) const {
        Value member = (*this)[key];
        if (member.is_null()) throw Error(member.path() + ": required");
        return member;
    }
    double get_number(std::string_view key, double fallback) const {
        Value member = (*this)[key];
        return member.is_null() ? fallback : member.number();
    }
    std::string get_string(std::string_view key, std::string fallback) const {
        Value member = (*this)[key];
        return member.is_null() ? fallback : member.string();
    }
    bool get_bool(std::string_view key, bool fallback) const {
        Value member = (*this)[key];
        return member.is_null() ? fallback : member.boolean();
    }
    const merit_value* raw() const { return v_; }

    [[noreturn]] void fail(const std::string& what) const { throw Error(path_ + ": " + what); }

private:
    void expect(merit_value_kind kind, const char* what) const {
        if (!v_ || v_->kind != kind) fail(std::string("must be ") + what);
    }
    const merit_value* v_ = nullptr;
    std::string path_;
};

// ---------------------------------------------------------------------------
// Scope and columns.
// ---------------------------------------------------------------------------
class Scope {
public:
    explicit Scope(const merit_scope* scope) : s_(scope) {}
    size_t size() const { return s_->count; }
    std::string_view manager_id(size_t i) const { return s_->manager_ids[i]; }
    std::string_view org_unit_id(size_t i) const { return s_->org_unit_ids[i]; }
    std::string_view role(size_t i) const { return s_->roles[i]; }
    std::string_view grade(size_t i) const { return s_->grades[i]; }
    std::string_view hired_on(size_t i) const { return s_->hired_on[i]; }
    std::string_view status(size_t i) const { return s_->statuses[i]; }
    std::string_view period() const { return s_->period; }
    std::string_view first_day() const { return s_->first_day; }
    std::string_view last_day() const { return s_->last_day; }
    const merit_scope* raw() const { return s_; }

private:
    const merit_scope* s_;
};

// An owned column of nullable numbers.
struct Column {
    std::vector<double> values;
    std::vector<unsigned char> valid;

    Column() = default;
    explicit Column(size_t n) : values(n, 0.0), valid(n, 0) {}
    size_t size() const { return values.size(); }
    bool has(size_t i) const { return valid[i] != 0; }
    double value_or(size_t i, double fallback) const { return valid[i] ? values[i] : fallback; }
    void set(size_t i, double v) {
        values[i] = v;
        valid[i] = 1;
    }
};

// The host-owned output column of a provider.
class ColumnRef {
public:
    ColumnRef(double* values, unsigned char* valid, size_t n) : values_(values), valid_(valid), n_(n) {}
    size_t size() const { return n_; }
    void set(size_t i, double v) {
        values_[i] = v;
        valid_[i] = 1;
    }
    void clear(size_t i) { valid_[i] = 0; }
    void assign(const Column& column) {
        for (size_t i = 0; i < n_; ++i) {
            values_[i] = column.values[i];
            valid_[i] = column.valid[i];
        }
    }

private:
    double* values_;
    unsigned char* valid_;
    size_t n_;
};

struct FactQuery {
    std::string metric{};
    merit_aggregation aggregation = MERIT_AGG_SUM;
    merit_fact_source source = MERIT_SOURCE_CUSTOMERS;
    std::optional<std::string> period{};           // default: the run's period
    std::optional<std::string> segment{};          // comma-separated segments
    std::optional<std::string> assignment_role{};  // default: owner and co_owner
    bool use_shares = true;
};

struct EventQuery {
    std::optional<std::string> kind{};  // default: every kind
    merit_event_measure measure = MERIT_EVENT_COUNT;
    std::optional<std::string> period{};
};

struct PeriodInfo {
    std::string text;
    std::string first_day;
    std::string last_day;
};

// Rows of the 1.1 detail services (plugin.h event_rows, organisation,
// customer_holdings); the views are valid during the callback only.
struct EventRow {
    std::string_view manager_id, date, ref, note;
    double quantity = 1;
    std::optional<double> amount;
};
struct OrgUnitRow {
    std::string id, name, parent_id, kind;  // parent_id "" for a root
};
struct OrgManagerRow {
    std::string id, name, org_unit_id, role, grade, status, hired_on;  // hired_on "" when not known
};
// The organisation as of a day: units and managers, each in id order.
struct OrgChart {
    std::vector<OrgUnitRow> units;
    std::vector<OrgManagerRow> managers;
};
struct HoldingRow {
    std::string_view customer_id, manager_id, role, segment;
    double share = 1;
    std::string_view first_day, last_day;  // the days of the window it held
    double value = 0;                      // the metric's facts dated in them
    size_t fact_count = 0;
};
// A window's open end.
using OptionalDay = std::optional<std::string>;

using SqlParam = std::variant<std::nullptr_t, double, std::string>;

class Row {
public:
    Row(size_t n, const char* const* names, const merit_value* cells) : n_(n), names_(names), cells_(cells) {}
    size_t size() const { return n_; }
    std::string_view name(size_t i) const { return names_[i]; }
    Value operator[](size_t i) const { return Value(&cells_[i], std::string("row.") + names_[i]); }

private:
    size_t n_;
    const char* const* names_;
    const merit_value* cells_;
};

// ---------------------------------------------------------------------------
// Context: the host's services for the current call.
// ---------------------------------------------------------------------------
class Context {
public:
    Context(merit_context* ctx, const merit_host_api* api) : ctx_(ctx), api_(api) {}

    void log(merit_log_level level, const std::string& message) const {
        api_->log(ctx_, level, message.c_str());
    }
    void info(const std::string& message) const { log(MERIT_LOG_INFO, message); }
    void warn(const std::string& message) const { log(MERIT_LOG_WARN, message); }

    void trace(const std::string& name, const Column& column) const {
        if (MERIT_HOST_HAS(api_, trace_column_n))
            api_->trace_column_n(ctx_, name.c_str(), column.values.data(), column.valid.data(),
                                 column.size());
        else
            api_->trace_column(ctx_, name.c_str(), column.values.data(), column.valid.data());
    }
    void trace(const std::string& name, const std::vector<double>& values) const {
        if (MERIT_HOST_HAS(api_, trace_column_n))
            api_->trace_column_n(ctx_, name.c_str(), values.data(), nullptr, values.size());
        else
            api_->trace_column(ctx_, name.c_str(), values.data(), nullptr);
    }
    void note(size_t row, const std::string& text) const { api_->trace_note(ctx_, row, text.c_str()); }

    PeriodInfo shift(const std::string& period, int offset, bool year_ago = false) const {
        char text[64] = {0}, first[11] = {0}, last[11] = {0};
        check(api_->period_shift(ctx_, period.c_str(), offset, year_ago ? 1 : 0, text, sizeof text, first,
                                 last));
        return {text, first, last};
    }
    PeriodInfo previous(const std::string& period) const { return shift(period, -1, false); }
    PeriodInfo year_ago(const std::string& period) const { return shift(period, 0, true); }

    Column facts(const Scope& scope, const FactQuery& q) const {
        merit_fact_query raw{};
        raw.struct_size = sizeof raw;
        raw.metric = q.metric.c_str();
        raw.aggregation = q.aggregation;
        raw.source = q.source;
        raw.period = q.period ? q.period->c_str() : nullptr;
        raw.segment = q.segment ? q.segment->c_str() : nullptr;
        raw.assignment_role = q.assignment_role ? q.assignment_role->c_str() : nullptr;
        raw.use_shares = q.use_shares ? 1 : 0;
        Column out(scope.size());
        if (MERIT_HOST_HAS(api_, fact_aggregate_n))
            check(api_->fact_aggregate_n(ctx_, scope.raw(), &raw, out.values.data(), out.valid.data(),
                                         out.size()));
        else
            check(api_->fact_aggregate(ctx_, scope.raw(), &raw, out.values.data(), out.valid.data()));
        return out;
    }
    std::vector<double> events(const Scope& scope, const EventQuery& q) const {
        merit_event_query raw{};
        raw.struct_size = sizeof raw;
        raw.kind = q.kind ? q.kind->c_str() : nullptr;
        raw.measure = q.measure;
        raw.period = q.period ? q.period->c_str() : nullptr;
        std::vector<double> out(scope.size(), 0.0);
        if (MERIT_HOST_HAS(api_, event_aggregate_n))
            check(api_->event_aggregate_n(ctx_, scope.raw(), &raw, out.data(), out.size()));
        else
            check(api_->event_aggregate(ctx_, scope.raw(), &raw, out.data()));
        return out;
    }
    Column targets(const Scope& scope, const std::string& indicator,
                   const std::optional<std::string>& period = std::nullopt) const {
        Column out(scope.size());
        const char* p = period ? period->c_str() : nullptr;
        if (MERIT_HOST_HAS(api_, target_values_n))
            check(api_->target_values_n(ctx_, scope.raw(), indicator.c_str(), p, out.values.data(),
                                        out.valid.data(), out.size()));
        else
            check(api_->target_values(ctx_, scope.raw(), indicator.c_str(), p, out.values.data(),
                                      out.valid.data()));
        return out;
    }
    Column ratings(const Scope& scope, const std::optional<std::string>& rater_role,
                   const std::optional<std::string>& item = std::nullopt,
                   const std::optional<std::string>& period = std::nullopt) const {
        Column out(scope.size());
        const char* role = rater_role ? rater_role->c_str() : nullptr;
        const char* it = item ? item->c_str() : nullptr;
        const char* p = period ? period->c_str() : nullptr;
        if (MERIT_HOST_HAS(api_, rating_average_n))
            check(api_->rating_average_n(ctx_, scope.raw(), role, it, p, out.values.data(), out.valid.data(),
                                         out.size()));
        else
            check(api_->rating_average(ctx_, scope.raw(), role, it, p, out.values.data(), out.valid.data()));
        return out;
    }
    // Read-only SQL; `on_row` returns false to stop early.
    void query(const std::string& sql, const std::vector<SqlParam>& params,
               const std::function<bool(const Row&)>& on_row) const {
        std::vector<merit_value> raw(params.size());
        for (size_t i = 0; i < params.size(); ++i) {
            raw[i] = merit_value{};
            if (auto* d = std::get_if<double>(&params[i])) {
                raw[i].kind = MERIT_VALUE_NUMBER;
                raw[i].number = *d;
            } else if (auto* s = std::get_if<std::string>(&params[i])) {
                raw[i].kind = MERIT_VALUE_STRING;
                raw[i].string = s->c_str();
            } else {
                raw[i].kind = MERIT_VALUE_NULL;
            }
        }
        struct Trampoline {
            const std::function<bool(const Row&)>* fn;
            static int call(void* user, size_t n, const char* const* names, const merit_value* cells) {
                auto* self = static_cast<Trampoline*>(user);
                return (*self->fn)(Row(n, names, cells)) ? 0 : 1;
            }
        } trampoline{&on_row};
        check(api_->query(ctx_, sql.c_str(), raw.data(), raw.size(), &Trampoline::call, &trampoline));
    }

    Column result(const std::string& name, size_t n) const {
        Column out(n);
        if (MERIT_HOST_HAS(api_, result_column_n))
            check(api_->result_column_n(ctx_, name.c_str(), out.values.data(), out.valid.data(), n));
        else
            check(api_->result_column(ctx_, name.c_str(), out.values.data(), out.valid.data()));
        return out;
    }
    std::vector<std::string> result_text(const std::string& name, size_t n) const {
        std::vector<const char*> raw(n, nullptr);
        if (MERIT_HOST_HAS(api_, result_text_n))
            check(api_->result_text_n(ctx_, name.c_str(), raw.data(), n));
        else
            check(api_->result_text(ctx_, name.c_str(), raw.data()));
        std::vector<std::string> out(n);
        for (size_t i = 0; i < n; ++i) out[i] = raw[i] ? raw[i] : "";
        return out;
    }
    void pay(size_t row, const std::string& code, const std::string& label, int64_t amount_fen,
             const std::string& basis) const {
        check(api_->emit_pay(ctx_, row, code.c_str(), label.c_str(), amount_fen, basis.c_str()));
    }
    void decision(size_t row, const std::string& kind, const std::string& value,
                  const std::string& reason) const {
        check(api_->emit_decision(ctx_, row, kind.c_str(), value.c_str(), reason.c_str()));
    }
    Column state(const std::string& key, size_t n) const {
        Column out(n);
        if (MERIT_HOST_HAS(api_, state_read_n))
            check(api_->state_read_n(ctx_, key.c_str(), out.values.data(), out.valid.data(), n));
        else
            check(api_->state_read(ctx_, key.c_str(), out.values.data(), out.valid.data()));
        return out;
    }
    void save_state(const std::string& key, const Column& column) const {
        if (MERIT_HOST_HAS(api_, state_write_n))
            check(api_->state_write_n(ctx_, key.c_str(), column.values.data(), column.valid.data(),
                                      column.size()));
        else
            check(api_->state_write(ctx_, key.c_str(), column.values.data(), column.valid.data()));
    }

    // --- 1.1: results of other runs (merit/plugin.h explains which run is
    // read). Using one needs `#define MERIT_REQUIRES_HOST_MINOR 1` before
    // the include, so that a 1.0 host refuses the plugin at load time
    // instead of failing a run; the static_assert says so at compile time.
    template <int Needed = 1>
    std::string run_latest(const std::string& scheme, const std::string& on_or_before) const {
        static_assert(MERIT_REQUIRES_HOST_MINOR >= Needed,
                      "run_latest is plugin API 1.1: #define MERIT_REQUIRES_HOST_MINOR 1 before the include");
        char period[64] = {0};
        check(api_->run_latest(ctx_, scheme.c_str(), on_or_before.c_str(), period, sizeof period));
        return period;
    }
    // Each customer's latest value of `metric` on or before `day`, in
    // customer-id order (plugin.h customer_values); `on_value` returns
    // false to stop.
    template <int Needed = 1>
    void customer_values(const std::string& metric, const std::string& day,
                         const std::function<bool(const char* customer_id, double value)>& on_value) const {
        static_assert(
            MERIT_REQUIRES_HOST_MINOR >= Needed,
            "customer_values is plugin API 1.1: #define MERIT_REQUIRES_HOST_MINOR 1 before the include");
        struct Trampoline {
            const std::function<bool(const char*, double)>* fn;
            static int call(void* user, const char* id, double value) {
                return (*static_cast<Trampoline*>(user)->fn)(id, value) ? 0 : 1;
            }
        } trampoline{&on_value};
        check(api_->customer_values(ctx_, metric.c_str(), day.c_str(), &Trampoline::call, &trampoline));
    }

    // Every event of `kind` dated in the window (NULL ends open), of every
    // manager, in (manager, date, ref) order (plugin.h event_rows).
    template <int Needed = 1>
    void event_rows(const std::string& kind, const OptionalDay& first_day, const OptionalDay& last_day,
                    const std::function<bool(const EventRow&)>& on_row) const {
        static_assert(MERIT_REQUIRES_HOST_MINOR >= Needed,
                      "event_rows is plugin API 1.1: #define MERIT_REQUIRES_HOST_MINOR 1 before the include");
        require_service(MERIT_HOST_HAS(api_, event_rows), "event_rows");
        struct Trampoline {
            const std::function<bool(const EventRow&)>* fn;
            static int call(void* user, const merit_event_row* r) {
                EventRow row{r->manager_id, r->date, r->ref, r->note, r->quantity, std::nullopt};
                if (r->has_amount) row.amount = r->amount;
                return (*static_cast<Trampoline*>(user)->fn)(row) ? 0 : 1;
            }
        } trampoline{&on_row};
        check(api_->event_rows(ctx_, kind.c_str(), first_day ? first_day->c_str() : nullptr,
                               last_day ? last_day->c_str() : nullptr, &Trampoline::call, &trampoline));
    }
    // The org units and managers as of `day` (plugin.h organisation).
    template <int Needed = 1>
    OrgChart organisation(const std::string& day) const {
        static_assert(
            MERIT_REQUIRES_HOST_MINOR >= Needed,
            "organisation is plugin API 1.1: #define MERIT_REQUIRES_HOST_MINOR 1 before the include");
        require_service(MERIT_HOST_HAS(api_, organisation), "organisation");
        struct Collect {
            OrgChart chart;
            static int unit(void* user, const merit_org_unit_row* u) {
                static_cast<Collect*>(user)->chart.units.push_back({u->id, u->name, u->parent_id, u->kind});
                return 0;
            }
            static int manager(void* user, const merit_org_manager_row* m) {
                static_cast<Collect*>(user)->chart.managers.push_back(
                    {m->id, m->name, m->org_unit_id, m->role, m->grade, m->status, m->hired_on});
                return 0;
            }
        } collect;
        check(api_->organisation(ctx_, day.c_str(), &Collect::unit, &Collect::manager, &collect));
        return std::move(collect.chart);
    }
    // Every dated assignment valid in [first_day, last_day], clipped to it,
    // with the sum of `metric`'s facts on its days when a metric is given
    // (plugin.h customer_holdings); `role` nullopt is owner and co_owner.
    template <int Needed = 1>
    void holdings(const std::string& first_day, const std::string& last_day,
                  const std::optional<std::string>& metric,
                  const std::function<bool(const HoldingRow&)>& on_row,
                  const std::optional<std::string>& role = std::nullopt) const {
        static_assert(
            MERIT_REQUIRES_HOST_MINOR >= Needed,
            "customer_holdings is plugin API 1.1: #define MERIT_REQUIRES_HOST_MINOR 1 before the include");
        require_service(MERIT_HOST_HAS(api_, customer_holdings), "customer_holdings");
        struct Trampoline {
            const std::function<bool(const HoldingRow&)>* fn;
            static int call(void* user, const merit_holding_row* h) {
                const HoldingRow row{h->customer_id, h->manager_id, h->role,  h->segment,   h->share,
                                     h->first_day,   h->last_day,   h->value, h->fact_count};
                return (*static_cast<Trampoline*>(user)->fn)(row) ? 0 : 1;
            }
        } trampoline{&on_row};
        check(api_->customer_holdings(ctx_, metric ? metric->c_str() : nullptr, first_day.c_str(),
                                      last_day.c_str(), role ? role->c_str() : nullptr, &Trampoline::call,
                                      &trampoline));
    }
    // Every customer fact of `metric` dated in the window (NULL ends open),
    // in (customer, date) order (plugin.h customer_facts).
    template <int Needed = 1>
    void customer_facts(const std::string& metric, const OptionalDay& first_day, const OptionalDay& last_day,
                        const std::function<bool(const char* customer_id, std::string_view date,
                                                 double value)>& on_fact) const {
        static_assert(
            MERIT_REQUIRES_HOST_MINOR >= Needed,
            "customer_facts is plugin API 1.1: #define MERIT_REQUIRES_HOST_MINOR 1 before the include");
        require_service(MERIT_HOST_HAS(api_, customer_facts), "customer_facts");
        struct Trampoline {
            const std::function<bool(const char*, std::string_view, double)>* fn;
            static int call(void* user, const char* id, const char* date, double value) {
                return (*static_cast<Trampoline*>(user)->fn)(id, date, value) ? 0 : 1;
            }
        } trampoline{&on_fact};
        check(api_->customer_facts(ctx_, metric.c_str(), first_day ? first_day->c_str() : nullptr,
                                   last_day ? last_day->c_str() : nullptr, &Trampoline::call, &trampoline));
    }

    // The call's managers (n rows), or the managers named.
    template <int Needed = 1>
    Column run_column(const std::string& scheme, const std::string& period, const std::string& column,
                      size_t n) const {
        static_assert(MERIT_REQUIRES_HOST_MINOR >= Needed,
                      "run_column is plugin API 1.1: #define MERIT_REQUIRES_HOST_MINOR 1 before the include");
        Column out(n);
        check(api_->run_column(ctx_, scheme.c_str(), period.c_str(), column.c_str(), nullptr,
                               out.values.data(), out.valid.data(), n));
        return out;
    }
    template <int Needed = 1>
    Column run_column(const std::string& scheme, const std::string& period, const std::string& column,
                      const std::vector<std::string>& manager_ids) const {
        static_assert(MERIT_REQUIRES_HOST_MINOR >= Needed,
                      "run_column is plugin API 1.1: #define MERIT_REQUIRES_HOST_MINOR 1 before the include");
        const auto ids = c_strings(manager_ids);
        Column out(ids.size());
        check(api_->run_column(ctx_, scheme.c_str(), period.c_str(), column.c_str(), ids.data(),
                               out.values.data(), out.valid.data(), ids.size()));
        return out;
    }
    // std::nullopt where the manager has no such text in that run.
    template <int Needed = 1>
    std::vector<std::optional<std::string>> run_text(const std::string& scheme, const std::string& period,
                                                     const std::string& column, size_t n) const {
        static_assert(MERIT_REQUIRES_HOST_MINOR >= Needed,
                      "run_text is plugin API 1.1: #define MERIT_REQUIRES_HOST_MINOR 1 before the include");
        std::vector<const char*> raw(n, nullptr);
        check(api_->run_text(ctx_, scheme.c_str(), period.c_str(), column.c_str(), nullptr, raw.data(), n));
        return optional_strings(raw);
    }
    template <int Needed = 1>
    std::vector<std::optional<std::string>> run_text(const std::string& scheme, const std::string& period,
                                                     const std::string& column,
                                                     const std::vector<std::string>& manager_ids) const {
        static_assert(MERIT_REQUIRES_HOST_MINOR >= Needed,
                      "run_text is plugin API 1.1: #define MERIT_REQUIRES_HOST_MINOR 1 before the include");
        const auto ids = c_strings(manager_ids);
        std::vector<const char*> raw(ids.size(), nullptr);
        check(api_->run_text(ctx_, scheme.c_str(), period.c_str(), column.c_str(), ids.data(), raw.data(),
                             ids.size()));
        return optional_strings(raw);
    }

    merit_context* raw() const { return ctx_; }
    const merit_host_api* api() const { return api_; }

private:
    static void check(merit_status status) {
        if (status != MERIT_OK) throw detail::HostFailure{};
    }
    // A 1.1 service this host's table does not reach (a 1.1 host older
    // than the service): a plain error naming it.
    static void require_service(bool present, const char* name) {
        if (!present)
            throw Error(std::string(name) + " is not provided by this host (it needs a newer Merit 1.x)");
    }
    static std::vector<const char*> c_strings(const std::vector<std::string>& texts) {
        std::vector<const char*> out;
        out.reserve(texts.size());
        for (const auto& t : texts) out.push_back(t.c_str());
        return out;
    }
    static std::vector<std::optional<std::string>> optional_strings(const std::vector<const char*>& raw) {
        std::vector<std::optional<std::string>> out(raw.size());
        for (size_t i = 0; i < raw.size(); ++i)
            if (raw[i]) out[i] = raw[i];
        return out;
    }
    merit_context* ctx_;
    const merit_host_api* api_;
};

// ---------------------------------------------------------------------------
// Component base classes. Constructors take the parameters and throw
// merit::Error to reject them.
// ---------------------------------------------------------------------------
class IndicatorProvider {
public:
    virtual ~IndicatorProvider() = default;
    virtual void compute(Context& ctx, const Scope& scope, ColumnRef out) = 0;
};

struct ScoreInput {
    size_t count;
    std::span<const double> values;
    std::span<const unsigned char> valid;
    const double* targets;  // nullptr when the indicator has no target
    const unsigned char* target_valid;
    const char* const* groups;
    bool has_target(size_t i) const { return targets && target_valid && target_valid[i]; }
};

class Scorer {
public:
    virtual ~Scorer() = default;
    virtual void score(Context& ctx, const ScoreInput& input, std::span<double> out) = 0;
};

class RewardCalculator {
public:
    virtual ~RewardCalculator() = default;
    virtual void compute(Context& ctx, const Scope& scope) = 0;
};

namespace detail {

template <typename Fn>
merit_status guarded(merit_context* ctx, Fn&& fn) noexcept {
    const merit_host_api* api = host_table();
    try {
        fn();
        return MERIT_OK;
    } catch (const HostFailure&) {
        return MERIT_ERROR;
    } catch (const std::exception& e) {
        api->set_error(ctx, e.what());
    } catch (...) {
        api->set_error(ctx, "unknown exception");
    }
    return MERIT_ERROR;
}

template <typename T>
void* create(merit_context* ctx, const merit_value* params) noexcept {
    T* instance = nullptr;
    const merit_status status = guarded(ctx, [&] { instance = new T(Value(params, "params")); });
    return status == MERIT_OK ? instance : nullptr;
}

template <typename T>
void destroy(void* instance) noexcept {
    delete static_cast<T*>(instance);
}

template <typename T>
merit_status compute_indicator(void* instance, merit_context* ctx, const merit_scope* scope, double* out,
                               unsigned char* valid) noexcept {
    return guarded(ctx, [&] {
        Context context(ctx, host_table());
        // Every row starts as a deliberate null: a C++ provider sets the rows
        // that have a value (the host refuses rows nobody wrote, plugin.h).
        for (size_t i = 0; i < scope->count; ++i) {
            out[i] = 0.0;
            valid[i] = 0;
        }
        static_cast<T*>(instance)->compute(context, Scope(scope), ColumnRef(out, valid, scope->count));
    });
}

template <typename T>
merit_status compute_score(void* instance, merit_context* ctx, const merit_score_input* input,
                           double* out) noexcept {
    return guarded(ctx, [&] {
        Context context(ctx, host_table());
        ScoreInput in{input->count,
                      std::span<const double>(input->values, input->count),
                      std::span<const unsigned char>(input->valid, input->count),
                      input->targets,
                      input->target_valid,
                      input->groups};
        static_cast<T*>(instance)->score(context, in, std::span<double>(out, input->count));
    });
}

template <typename T>
merit_status compute_reward(void* instance, merit_context* ctx, const merit_scope* scope) noexcept {
    return guarded(ctx, [&] {
        Context context(ctx, host_table());
        static_cast<T*>(instance)->compute(context, Scope(scope));
    });
}

}  // namespace detail

// Collects the components a plugin offers; used inside MERIT_PLUGIN. Each
// registration gets its own vtable (one class may serve under several ids);
// the deques keep every table at a stable address for the plugin's lifetime.
class PluginBuilder {
public:
    template <typename T>
    void provider(const char* id) {
        providers_.push_back(&provider_tables_.emplace_back(
            merit_indicator_provider{sizeof(merit_indicator_provider), id, &detail::create<T>,
                                     &detail::compute_indicator<T>, &detail::destroy<T>}));
    }
    template <typename T>
    void scorer(const char* id) {
        scorers_.push_back(&scorer_tables_.emplace_back(merit_scorer{
            sizeof(merit_scorer), id, &detail::create<T>, &detail::compute_score<T>, &detail::destroy<T>}));
    }
    template <typename T>
    void reward(const char* id) {
        rewards_.push_back(&reward_tables_.emplace_back(
            merit_reward_calculator{sizeof(merit_reward_calculator), id, &detail::create<T>,
                                    &detail::compute_reward<T>, &detail::destroy<T>}));
    }

    const merit_plugin* finish(const char* id, const char* version) {
        plugin_ = merit_plugin{};
        plugin_.struct_size = sizeof(merit_plugin);
        plugin_.api_major = MERIT_API_MAJOR;
        plugin_.api_minor = MERIT_REQUIRES_HOST_MINOR;
        plugin_.id = id;
        plugin_.version = version;
        plugin_.provider_count = providers_.size();
        plugin_.providers = providers_.data();
        plugin_.scorer_count = scorers_.size();
        plugin_.scorers = scorers_.data();
        plugin_.reward_count = rewards_.size();
        plugin_.rewards = rewards_.data();
        return &plugin_;
    }

private:
    std::deque<merit_indicator_provider> provider_tables_;
    std::deque<merit_scorer> scorer_tables_;
    std::deque<merit_reward_calculator> reward_tables_;
    std::vector<const merit_indicator_provider*> providers_;
    std::vector<const merit_scorer*> scorers_;
    std::vector<const merit_reward_calculator*> rewards_;
    merit_plugin plugin_{};
};

namespace detail {
// A function, not an inline comparison: with MERIT_REQUIRES_HOST_MINOR 0 the compiler
// would warn that an unsigned "< 0" is always false.
inline bool host_minor_too_old(unsigned host_minor, unsigned needed = MERIT_REQUIRES_HOST_MINOR) {
    return host_minor < needed;
}

inline const merit_plugin* entry(const merit_host_api* host, const char* id, const char* version,
                                 void (*register_components)(PluginBuilder&)) noexcept {
    if (!host || host->api_major != MERIT_API_MAJOR || host_minor_too_old(host->api_minor)) return nullptr;
    host_table() = host;
    try {
        static PluginBuilder builder;
        static const merit_plugin* plugin = [&] {
            register_components(builder);
            return builder.finish(id, version);
        }();
        return plugin;
    } catch (...) {
        return nullptr;
    }
}
}  // namespace detail

}  // namespace merit

// The registration block. Use once per plugin:
//   MERIT_PLUGIN("acme", "1.2.0") { plugin.provider<MyIndicator>("my_indicator"); }
#define MERIT_PLUGIN(ID, VERSION)                                                                \
    static void merit_register_components(::merit::PluginBuilder& plugin);                       \
    extern "C" MERIT_EXPORT const merit_plugin* merit_plugin_entry(const merit_host_api* host) { \
        return ::merit::detail::entry(host, ID, VERSION, &merit_register_components);            \
    }                                                                                            \
    static void merit_register_components(::merit::PluginBuilder& plugin)
