// test_isolation: components that take their process down (a wild write,
// an endless loop, an exit) and well-behaved ones that reach every host
// service, so the tests can compare a component in the host's process with
// the same component isolated in a child process.
#include <merit/money.hpp>
#include <merit/plugin.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

namespace {

// An address no process maps: the write faults with SIGSEGV. Hidden behind a
// volatile so the compiler cannot turn it into a trap of its own.
void wild_write() {
    volatile uintptr_t address = 16;
    *reinterpret_cast<volatile int*>(address) = 1;
}

class Segfault : public merit::IndicatorProvider {
public:
    explicit Segfault(const merit::Value&) {}
    void compute(merit::Context&, const merit::Scope&, merit::ColumnRef) override { wild_write(); }
};

class Endless : public merit::IndicatorProvider {
public:
    explicit Endless(const merit::Value&) {}
    void compute(merit::Context&, const merit::Scope&, merit::ColumnRef) override {
        volatile unsigned long spins = 0;
        for (;;) spins = spins + 1;
    }
};

class Exits : public merit::IndicatorProvider {
public:
    explicit Exits(const merit::Value&) {}
    void compute(merit::Context&, const merit::Scope&, merit::ColumnRef) override { std::_Exit(3); }
};

class CrashesInCreate : public merit::IndicatorProvider {
public:
    explicit CrashesInCreate(const merit::Value&) { wild_write(); }
    void compute(merit::Context&, const merit::Scope&, merit::ColumnRef) override {}
};

// sales (null stays null) + visits; traces both, notes row 0, logs once.
class Everything : public merit::IndicatorProvider {
public:
    explicit Everything(const merit::Value&) {}
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        const merit::Column sales = ctx.facts(scope, {.metric = "sales"});
        const std::vector<double> visits = ctx.events(scope, {.kind = "visit"});
        ctx.trace("sales", sales);
        ctx.trace("visits", visits);
        ctx.note(0, "first of " + std::to_string(scope.size()) + " in " + std::string(scope.period()));
        ctx.info("computed");
        for (size_t i = 0; i < scope.size(); ++i)
            if (sales.has(i)) out.set(i, sales.values[i] + visits[i]);
    }
};

// Every manager gets the number of rows `sql` returns.
class Sql : public merit::IndicatorProvider {
public:
    explicit Sql(const merit::Value& params) : sql_(params.require("sql").string()) {}
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        double rows = 0;
        ctx.query(sql_, {}, [&](const merit::Row&) {
            rows += 1;
            return true;
        });
        for (size_t i = 0; i < scope.size(); ++i) out.set(i, rows);
    }

private:
    std::string sql_;
};

// Reads one 1.1 detail service (params.service) with the params given and
// notes every row on row 0; each manager of the scope gets the number of
// rows that name it.
class Detail : public merit::IndicatorProvider {
public:
    explicit Detail(const merit::Value& params)
        : service_(params.require("service").string()),
          metric_(optional(params, "metric")),
          kind_(params.get_string("kind", "")),
          first_(optional(params, "first")),
          last_(optional(params, "last")),
          role_(optional(params, "role")) {}
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        std::vector<double> rows(scope.size(), 0);
        auto count = [&](std::string_view manager) {
            for (size_t i = 0; i < scope.size(); ++i)
                if (scope.manager_id(i) == manager) rows[i] += 1;
        };
        if (service_ == "event_rows") {
            ctx.event_rows(kind_, first_, last_, [&](const merit::EventRow& e) {
                count(e.manager_id);
                ctx.note(0, std::string(e.manager_id) + " " + std::string(e.date) +
                                " ref=" + std::string(e.ref) + " note=" + std::string(e.note) +
                                " q=" + num(e.quantity) + " amount=" + (e.amount ? num(*e.amount) : "-"));
                return true;
            });
        } else if (service_ == "organisation") {
            const merit::OrgChart chart = ctx.organisation(first_.value_or(""));
            for (const auto& u : chart.units)
                ctx.note(0, "unit " + u.id + " " + u.name + " parent=" + u.parent_id + " kind=" + u.kind);
            for (const auto& m : chart.managers) {
                count(m.id);
                ctx.note(0, "manager " + m.id + " " + m.name + " " + m.org_unit_id + " " + m.role +
                                " grade=" + m.grade + " " + m.status + " hired=" + m.hired_on);
            }
        } else if (service_ == "customer_holdings") {
            ctx.holdings(
                first_.value_or(""), last_.value_or(""), metric_,
                [&](const merit::HoldingRow& h) {
                    count(h.manager_id);
                    ctx.note(0, std::string(h.manager_id) + " " + std::string(h.customer_id) + " " +
                                    std::string(h.role) + " " + num(h.share) + " " + std::string(h.segment) +
                                    " " + std::string(h.first_day) + ".." + std::string(h.last_day) +
                                    " value=" + num(h.value) + " facts=" + std::to_string(h.fact_count));
                    return true;
                },
                role_);
        } else if (service_ == "customer_facts") {
            ctx.customer_facts(metric_.value_or(""), first_, last_,
                               [&](const char* customer, std::string_view date, double value) {
                                   ctx.note(
                                       0, std::string(customer) + " " + std::string(date) + " " + num(value));
                                   return true;
                               });
        } else {
            throw merit::Error("unknown service " + service_);
        }
        for (size_t i = 0; i < scope.size(); ++i) out.set(i, rows[i]);
    }

private:
    static std::optional<std::string> optional(const merit::Value& params, const char* key) {
        const merit::Value v = params[key];
        if (v.is_null()) return std::nullopt;
        return v.string();
    }
    static std::string num(double v) {
        char text[32];
        std::snprintf(text, sizeof text, "%g", v);
        return text;
    }
    std::string service_;
    std::optional<std::string> metric_;
    std::string kind_;
    std::optional<std::string> first_, last_, role_;
};

class Halves : public merit::Scorer {
public:
    explicit Halves(const merit::Value&) {}
    void score(merit::Context&, const merit::ScoreInput& input, std::span<double> out) override {
        for (size_t i = 0; i < input.count; ++i)
            out[i] =
                (input.valid[i] ? input.values[i] / 2 : 0) + (std::string(input.groups[i]) == "B2" ? 1 : 0);
    }
};

// Pays total x 100 fen plus what the previous run carried, decides the
// rating, and carries the total forward.
class Pays : public merit::RewardCalculator {
public:
    explicit Pays(const merit::Value&) {}
    void compute(merit::Context& ctx, const merit::Scope& scope) override {
        const merit::Column total = ctx.result("total", scope.size());
        const std::vector<std::string> rating = ctx.result_text("rating", scope.size());
        const merit::Column carried = ctx.state("carried", scope.size());
        for (size_t i = 0; i < scope.size(); ++i) {
            if (!total.has(i)) continue;
            const int64_t fen = merit::to_fen(total.values[i]) + static_cast<int64_t>(carried.value_or(i, 0));
            ctx.pay(i, "bonus", "Bonus", fen, "total x 100 + carried");
            ctx.decision(i, "band", rating[i], "from the rating");
            ctx.note(i, "paid");
        }
        ctx.save_state("carried", total);
    }
};

}  // namespace

MERIT_PLUGIN("test_isolation", "1.0.0") {
    plugin.provider<Segfault>("segfault");
    plugin.provider<Endless>("endless");
    plugin.provider<Exits>("exits");
    plugin.provider<CrashesInCreate>("crashes_in_create");
    plugin.provider<Everything>("everything");
    plugin.provider<Sql>("sql");
    plugin.provider<Detail>("detail");
    plugin.scorer<Halves>("halves");
    plugin.reward<Pays>("pays");
}
