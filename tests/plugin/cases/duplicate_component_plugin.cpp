// test_duplicate_component: registers two different classes under the same
// component id; the host must refuse the plugin rather than pick one.
#include <merit/plugin.hpp>

namespace {

class First : public merit::IndicatorProvider {
public:
    explicit First(const merit::Value&) {}
    void compute(merit::Context&, const merit::Scope& scope, merit::ColumnRef out) override {
        for (size_t i = 0; i < scope.size(); ++i) out.set(i, 1.0);
    }
};

class Second : public merit::IndicatorProvider {
public:
    explicit Second(const merit::Value&) {}
    void compute(merit::Context&, const merit::Scope& scope, merit::ColumnRef out) override {
        for (size_t i = 0; i < scope.size(); ++i) out.set(i, 2.0);
    }
};

}  // namespace

MERIT_PLUGIN("test_duplicate_component", "1.0.0") {
    plugin.provider<First>("twice");
    plugin.provider<Second>("twice");
}
