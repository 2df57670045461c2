// test_faulty: components that fail in the ways a real plugin can, next to
// one that works, so the tests see that one failure leaves the rest usable.
#include <merit/plugin.hpp>

#include <stdexcept>

namespace {

class Throws : public merit::IndicatorProvider {
public:
    explicit Throws(const merit::Value&) {}
    void compute(merit::Context&, const merit::Scope&, merit::ColumnRef) override {
        throw std::runtime_error("disk on fire at row 2");
    }
};

class ThrowsNonStandard : public merit::IndicatorProvider {
public:
    explicit ThrowsNonStandard(const merit::Value&) {}
    void compute(merit::Context&, const merit::Scope&, merit::ColumnRef) override { throw 42; }
};

// Rejects its parameters in the constructor, the way components should.
class NeedsLimit : public merit::IndicatorProvider {
public:
    explicit NeedsLimit(const merit::Value& params) : limit_(params.require("limit").number()) {}
    void compute(merit::Context&, const merit::Scope& scope, merit::ColumnRef out) override {
        for (size_t i = 0; i < scope.size(); ++i) out.set(i, limit_);
    }

private:
    double limit_;
};

// Asks for a run service that an indicator call does not get.
class AsksForRunResults : public merit::IndicatorProvider {
public:
    explicit AsksForRunResults(const merit::Value&) {}
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        out.assign(ctx.result("total", scope.size()));
    }
};

// Row i gets i + 1.
class Works : public merit::IndicatorProvider {
public:
    explicit Works(const merit::Value&) {}
    void compute(merit::Context&, const merit::Scope& scope, merit::ColumnRef out) override {
        for (size_t i = 0; i < scope.size(); ++i) out.set(i, static_cast<double>(i + 1));
    }
};

}  // namespace

MERIT_PLUGIN("test_faulty", "1.0.0") {
    plugin.provider<Throws>("throws");
    plugin.provider<ThrowsNonStandard>("throws_non_standard");
    plugin.provider<NeedsLimit>("needs_limit");
    plugin.provider<AsksForRunResults>("asks_for_run_results");
    plugin.provider<Works>("works");
}
