// One constant indicator; id, version and component id come from the build
// (TEST_PLUGIN_ID, TEST_PLUGIN_VERSION, TEST_COMPONENT_ID) so that one source
// serves every case whose fault lies in the manifest or in a mismatch.
#include <merit/plugin.hpp>

namespace {

class Constant : public merit::IndicatorProvider {
public:
    explicit Constant(const merit::Value& params) : value_(params.get_number("value", 1.0)) {}
    void compute(merit::Context&, const merit::Scope& scope, merit::ColumnRef out) override {
        for (size_t i = 0; i < scope.size(); ++i) out.set(i, value_);
    }

private:
    double value_;
};

}  // namespace

MERIT_PLUGIN(TEST_PLUGIN_ID, TEST_PLUGIN_VERSION) {
    plugin.provider<Constant>(TEST_COMPONENT_ID);
}
