// Schemes checked against the data (issue 21 point 5): every name a scheme
// gives the data, found through the shipped plugins' manifests (refers_to),
// is checked against what the workspace has, with the closest name it has.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "plugin/host_config.hpp"
#include "scheme/data_references.hpp"
#include "scheme/scheme_parser.hpp"
#include "store/sqlite.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

namespace fs = std::filesystem;

PluginRegistry shipped_plugins() {
    return PluginRegistry::discover(
        HostConfig::load(fs::path(MERIT_STAGE_DIR) / "share/merit/config/merit.json"));
}

// An insurance agency: agents (a declared role) selling policies.
constexpr const char* kAgency = R"sql(
INSERT INTO org_units (id, name) VALUES ('B1', '营业部');
INSERT INTO roles (id, name, name_en) VALUES ('agent', '代理人', 'Agent');
INSERT INTO managers (id, name, org_unit_id, role) VALUES ('A1', '林芳', 'B1', 'agent'), ('A2', '周强', 'B1', 'agent');
INSERT INTO metrics (metric, kind) VALUES ('policies', 'flow'), ('premium', 'flow'), ('renewals', 'flow');
INSERT INTO facts (entity, entity_id, metric, date, value) VALUES
  ('manager', 'A1', 'policies', '2026-07-03', 2), ('manager', 'A2', 'policies', '2026-07-09', 1),
  ('manager', 'A1', 'premium', '2026-07-03', 5000);
INSERT INTO events (manager_id, kind, date) VALUES ('A2', 'misselling', '2026-07-10');
INSERT INTO targets (manager_id, indicator, period, value) VALUES ('A1', 'policies', '2026-07', 3);
INSERT INTO ratings (manager_id, period, rater_role, item, score) VALUES ('A1', '2026-07', 'supervisor', 'service', 80);
)sql";

// Every kind of name, each misspelt once (and fines' default-free table).
constexpr const char* kScheme = R"json({
  "scheme": "agency", "period_type": "month", "plugins": ["core"],
  "scope": {"roles": ["agnet"]},
  "inputs": [{"id": "misselling", "provider": "core.event_count", "params": {"kind": ["mis-selling", "misselling"]}}],
  "dimensions": [{"id": "d", "weight": 100, "indicators": [
    {"id": "sold", "weight": 40, "provider": "core.fact_aggregate", "params": {"metric": "policy"},
     "target": "polices", "scorer": "core.linear"},
    {"id": "done", "weight": 30, "provider": "core.target_completion",
     "params": {"metric": "premium", "target": "premiums"}, "scorer": "core.linear"},
    {"id": "rated", "weight": 30, "provider": "core.rating_average",
     "params": {"roles": {"supervisro": 1, "customer": 1}, "item": "servce"}, "scorer": "core.linear"}]}],
  "bands": [{"label": "合格", "min": 0}],
  "rewards": [{"id": "fines", "calculator": "core.fines",
               "params": {"table": {"misselling": 200, "late": 20},
                          "escalations": [{"kind": "misseling", "at_least": 2, "decision": "warning",
                                           "window": "period"}]}}]
})json";

class DataReferences : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fs::temp_directory_path() / ("merit-data-references-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        ws.emplace(Workspace::create(dir / "ws.merit"));
        exec(ws->db(), kAgency);
        ParsedScheme parsed = parse_scheme_text(kScheme, "agency.json");
        ASSERT_TRUE(parsed.problems.empty()) << parsed.problems.front();
        scheme = std::move(parsed.scheme);
    }
    void TearDown() override {
        ws.reset();
        fs::remove_all(dir);
    }
    fs::path dir;
    std::optional<Workspace> ws;
    Scheme scheme;
    PluginRegistry registry = shipped_plugins();
};

TEST(EditDistance, CountsCodePointsAndPicksTheNearestLikelyName) {
    EXPECT_EQ(edit_distance("policy", "policies"), 3u);  // y -> i, + e, + s
    EXPECT_EQ(edit_distance("mis-selling", "misselling"), 1u);
    EXPECT_EQ(edit_distance("保单件数", "保险件数"), 1u);  // one character, three bytes
    EXPECT_EQ(edit_distance("", "abc"), 3u);
    EXPECT_EQ(closest_name("policy", {"premium", "policies", "renewals"}), "policies");
    EXPECT_EQ(closest_name("保单", {"保险", "存款"}), "保险");
    // Ties go to the first; a name far from every known one has no suggestion.
    EXPECT_EQ(closest_name("ab", {"ax", "ay"}), "ax");
    EXPECT_EQ(closest_name("deposit", {"policies", "premium"}), std::nullopt);
    EXPECT_EQ(closest_name("x", {}), std::nullopt);
    EXPECT_EQ(closest_name("customer_manager", {"market_manager"}), std::nullopt);  // 7 edits: another word
    EXPECT_EQ(closest_name("deposit_daily_average", {"deposit_daily_avg"}), "deposit_daily_avg");  // 4 of 21
}

TEST_F(DataReferences, TheManifestsSayWhichParametersNameData) {
    const auto refs = scheme_data_references(scheme, registry);
    std::vector<std::string> seen;
    for (const auto& r : refs) seen.push_back(r.path + " " + r.kind + " " + r.name);
    EXPECT_EQ(seen, (std::vector<std::string>{
                        "scope.roles[0] manager_role agnet",
                        "inputs[0].params.kind[0] event_kind mis-selling",
                        "inputs[0].params.kind[1] event_kind misselling",
                        "dimensions[0].indicators[0].params.metric metric policy",
                        "dimensions[0].indicators[0].target target_indicator polices",
                        "dimensions[0].indicators[1].params.target target_indicator premiums",
                        "dimensions[0].indicators[1].params.metric metric premium",
                        "dimensions[0].indicators[2].params.roles.supervisro rater_role supervisro",
                        "dimensions[0].indicators[2].params.roles.customer rater_role customer",
                        "dimensions[0].indicators[2].params.item rating_item servce",
                        "rewards[0].params.table.misselling event_kind misselling",
                        "rewards[0].params.table.late event_kind late",
                        "rewards[0].params.escalations[0].kind event_kind misseling",
                    }));
}

TEST_F(DataReferences, EachUnseenNameIsOneWarningWithItsPathAndTheClosestName) {
    const auto warnings = data_warnings(ws->db(), scheme, registry, Period::parse("2026-07"));
    EXPECT_EQ(
        warnings,
        (std::vector<std::string>{
            "scope.roles[0]: role 'agnet' is not in the workspace (no manager holds it); closest: 'agent'",
            "inputs[0].params.kind[0]: event kind 'mis-selling' is not in the workspace (no event has "
            "it); closest: 'misselling'",
            "dimensions[0].indicators[0].params.metric: metric 'policy' is not in the workspace (no fact "
            "names it); closest: 'policies'",
            "dimensions[0].indicators[0].target: target indicator 'polices' is not in the workspace (no "
            "row of targets names it); closest: 'policies'",
            "dimensions[0].indicators[1].params.target: target indicator 'premiums' is not in the "
            "workspace (no row of targets names it)",
            "dimensions[0].indicators[2].params.roles.supervisro: rater role 'supervisro' is not in the "
            "workspace (no rating has it); closest: 'supervisor'",
            "dimensions[0].indicators[2].params.roles.customer: rater role 'customer' is not in the "
            "workspace (no rating has it)",
            "dimensions[0].indicators[2].params.item: rating item 'servce' is not in the workspace (no "
            "rating names it); closest: 'service'",
            "rewards[0].params.escalations[0].kind: event kind 'misseling' is not in the workspace (no "
            "event has it); closest: 'misselling'",
        }));
}

TEST_F(DataReferences, AnEventKindNobodyHadCountsZeroRightlyAndIsNoWarning) {
    // The postal scheme's fines list 泄露报表或客户资料 (data_leak) and the
    // sample's quarter has none: 0 for everybody is the right count, not a
    // sign of missing data. 'late' is no misspelling of 'misselling' either.
    const std::vector<DataReference> refs = {{"rewards[2].params.table.data_leak", "event_kind", "data_leak"},
                                             {"rewards[0].params.table.late", "event_kind", "late"}};
    EXPECT_EQ(unseen_reference_warnings(ws->db(), refs), std::vector<std::string>{});
    // A misspelling of a kind the workspace has is still warned about...
    EXPECT_EQ(
        unseen_reference_warnings(ws->db(), {{"inputs[0].params.kind", "event_kind", "missellng"}}),
        (std::vector<std::string>{"inputs[0].params.kind: event kind 'missellng' is not in the workspace "
                                  "(no event has it); closest: 'misselling'"}));
    // ... and so is every kind while the workspace has no event at all (the
    // events may not be imported yet).
    exec(ws->db(), "DELETE FROM events");
    EXPECT_EQ(
        unseen_reference_warnings(ws->db(), refs),
        (std::vector<std::string>{
            "rewards[2].params.table.data_leak: event kind 'data_leak' is not in the workspace (no event "
            "has it)",
            "rewards[0].params.table.late: event kind 'late' is not in the workspace (no event has it)"}));
}

TEST_F(DataReferences, AMetricDeclaredButWithoutFactsAndAPeriodWithoutFactsAreWarnedAbout) {
    const std::vector<DataReference> renewals = {{"inputs[3].params.metric", "metric", "renewals"}};
    EXPECT_EQ(unseen_reference_warnings(ws->db(), renewals),
              (std::vector<std::string>{"inputs[3].params.metric: metric 'renewals' is not in the workspace "
                                        "(metrics.csv declares it, but no fact names it)"}));
    EXPECT_EQ(empty_period_warnings(ws->db(), Period::parse("2026-07")), std::vector<std::string>{});
    EXPECT_EQ(
        empty_period_warnings(ws->db(), Period::parse("2026-08")),
        (std::vector<std::string>{"period: 2026-08 (2026-08-01..2026-08-31) has no facts in the workspace"}));
    // A quarter holding July has facts.
    EXPECT_TRUE(empty_period_warnings(ws->db(), Period::parse("2026-Q3")).empty());
    const auto warnings = data_warnings(ws->db(), scheme, registry, Period::parse("2026-08"));
    EXPECT_EQ(warnings.back(), "period: 2026-08 (2026-08-01..2026-08-31) has no facts in the workspace");
}

TEST_F(DataReferences, AManifestDefaultTheWorkspaceLacksIsWarnedAboutAsSuch) {
    // fuel.base_pay's pass_event defaults to an event kind this workspace never had.
    ParsedScheme parsed = parse_scheme_text(R"json({
      "scheme": "fuel-pay", "period_type": "month", "plugins": ["fuel"],
      "dimensions": [], "bands": [{"label": "合格", "min": 0}],
      "rewards": [{"id": "base", "calculator": "fuel.base_pay", "params": {}}]})json",
                                            "fuel.json");
    const auto refs = scheme_data_references(parsed.scheme, registry);
    ASSERT_EQ(refs.size(), 2u);
    EXPECT_EQ(refs[0].path + " " + refs[0].name, "scope.roles[0] customer_manager");  // the scope's default
    EXPECT_EQ(refs[1].path + " " + refs[1].name, "rewards[0].params.pass_event probation_pass");
    EXPECT_TRUE(refs[1].from_default);
    EXPECT_EQ(
        unseen_reference_warnings(ws->db(), refs),
        (std::vector<std::string>{
            "scope.roles[0]: role 'customer_manager' is not in the workspace (no manager holds it)",
            "rewards[0].params.pass_event: event kind 'probation_pass' is not in the workspace (no event "
            "has it) (the component's default; set the parameter to the workspace's name)"}));
}

TEST_F(DataReferences, ASchemeWhoseNamesTheWorkspaceHasGetsNoWarning) {
    ParsedScheme parsed = parse_scheme_text(R"json({
      "scheme": "agency", "period_type": "month", "plugins": ["core"], "scope": {"roles": ["agent"]},
      "dimensions": [{"id": "d", "weight": 100, "indicators": [
        {"id": "sold", "weight": 100, "provider": "core.fact_aggregate", "params": {"metric": "policies"},
         "target": "policies", "scorer": "core.linear"}]}],
      "bands": [{"label": "合格", "min": 0}]})json",
                                            "good.json");
    EXPECT_TRUE(data_warnings(ws->db(), parsed.scheme, registry, Period::parse("2026-07")).empty());
    // A scheme that reads no facts needs none in its period.
    ParsedScheme events_only = parse_scheme_text(R"json({
      "scheme": "conduct", "period_type": "month", "plugins": ["core"], "scope": {"roles": ["agent"]},
      "dimensions": [{"id": "d", "weight": 100, "indicators": [
        {"id": "n", "weight": 100, "provider": "core.event_count", "params": {"kind": "misselling"},
         "scorer": "core.linear"}]}],
      "bands": [{"label": "合格", "min": 0}]})json",
                                                 "events.json");
    EXPECT_TRUE(data_warnings(ws->db(), events_only.scheme, registry, Period::parse("2026-08")).empty());
}

}  // namespace
}  // namespace merit
