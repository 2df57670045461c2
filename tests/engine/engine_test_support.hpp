// Shared by the engine and scheme tests: a small workspace built with SQL, the
// enginetest plugin, and the reference scheme whose every number the tests
// compute by hand.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "common/errors.hpp"
#include "plugin/registry.hpp"
#include "store/sqlite.hpp"
#include "store/workspace.hpp"

namespace merit::testing {

inline std::filesystem::path fresh_dir(const std::string& name) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("merit-engine-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

inline PluginRegistry test_registry() {
    HostConfig config;
    config.plugin_dirs = {std::filesystem::path(MERIT_TEST_PLUGIN_DIR) / "engine"};
    config.allow_untrusted = true;
    return PluginRegistry::discover(config);
}

// Units: HQ > U1, U2. In scope: M1..M5 (customer managers, active or on
// probation). Out of scope: M6 (left) and R1 (a risk manager).
// Grades: 一级 is "senior", 三级 is "junior".
inline void fill_workspace(Workspace& ws) {
    exec(ws.db(), R"sql(
INSERT INTO org_units (id, name, parent_id, kind) VALUES
  ('HQ', '总行', NULL, 'head_office'), ('U1', '第一支行', 'HQ', 'branch'), ('U2', '第二支行', 'HQ', 'branch');
INSERT INTO managers (id, name, org_unit_id, role, grade, status) VALUES
  ('M1', '张三', 'U1', 'customer_manager', '一级', 'active'),
  ('M2', '李四', 'U1', 'customer_manager', '三级', 'active'),
  ('M3', '王五', 'U1', 'customer_manager', '一级', 'probation'),
  ('M4', '赵六', 'U2', 'customer_manager', '三级', 'active'),
  ('M5', '钱七', 'U2', 'customer_manager', '一级', 'active'),
  ('M6', '孙八', 'U2', 'customer_manager', '一级', 'left'),
  ('R1', '周九', 'U1', 'risk_manager', '一级', 'active');
INSERT INTO targets (manager_id, indicator, period, value) VALUES
  ('M1', 'sales', '2026-Q1', 100), ('M2', 'sales', '2026-Q1', 200), ('M3', 'sales', '2026-Q1', 100),
  ('M4', 'sales', '2026-Q1', 50), ('M5', 'sales', '2026-Q1', 100),
  ('M1', 'sales', '2026-Q2', 100), ('M2', 'sales', '2026-Q2', 200), ('M3', 'sales', '2026-Q2', 100),
  ('M4', 'sales', '2026-Q2', 50), ('M5', 'sales', '2026-Q2', 100);
)sql");
}

// The reference scheme (see whole_run_test.cpp for every number).
inline const char* reference_scheme() {
    return R"json({
  "scheme": "engine-test",
  "title": "引擎测试方案",
  "period_type": "quarter",
  "plugins": ["enginetest"],
  "scope": {"org_units": ["HQ"]},
  "grade_groups": {"junior": ["三级"], "senior": ["一级"]},
  "inputs": [
    {"id": "violations", "name": "违规次数", "provider": "enginetest.fixed",
     "params": {"values": {"M1": 0, "M2": 0, "M3": 1, "M4": 0, "M5": 0}}},
    {"id": "warnings", "name": "警告次数", "provider": "enginetest.fixed",
     "params": {"values": {"M1": 0, "M2": 0, "M3": 0, "M4": 0, "M5": 1}}},
    {"id": "complaints", "name": "有效投诉", "provider": "enginetest.fixed",
     "params": {"values": {"M1": 0, "M2": 3, "M3": 0, "M4": 1, "M5": 0}}}
  ],
  "dimensions": [
    {"id": "results", "name": "业绩", "weight": 60, "weights_by_grade": {"junior": 70, "senior": 50},
     "indicators": [
       {"id": "sales", "name": "销售完成率", "weight": 50, "weights_by_grade": {"junior": 60, "senior": 40},
        "provider": "enginetest.fixed",
        "params": {"values": {"M1": 95, "M2": 210, "M3": 100, "M4": 65, "M5": 120.5}},
        "target": "sales", "scorer": "enginetest.ratio", "scorer_params": {"cap": 120}},
       {"id": "profit", "name": "利润", "weight": 50, "weights_by_grade": {"junior": 40, "senior": 60},
        "provider": "enginetest.fixed",
        "params": {"values": {"M1": 90, "M2": 80, "M3": 70, "M4": 85, "M5": 92}},
        "scorer": "enginetest.identity"}
     ]},
    {"id": "quality", "name": "服务质量", "weight": 40, "weights_by_grade": {"junior": 30, "senior": 50},
     "indicators": [
       {"id": "service", "name": "服务评分", "weight": 100, "provider": "enginetest.fixed",
        "params": {"values": {"M1": 100, "M2": 90, "M3": 80, "M4": 70, "M5": 88}},
        "scorer": "enginetest.identity"}
     ]}
  ],
  "adjustments": [
    {"id": "compliance", "kind": "veto", "name": "合规一票否决",
     "when": {"indicator": "violations", "op": ">", "value": 0}, "effect": {"total": 0}},
    {"id": "warning_cap", "kind": "veto", "name": "警告封顶",
     "when": {"indicator": "warnings", "op": ">=", "value": 1}, "effect": {"max_band": "良好"}},
    {"id": "complaints", "kind": "deduction", "name": "投诉扣分",
     "indicator": "complaints", "points_per_unit": 2, "max_points": 5}
  ],
  "bands": [{"label": "优秀", "min": 90}, {"label": "良好", "min": 80},
            {"label": "合格", "min": 60}, {"label": "不合格", "min": 0}],
  "distribution": [{"band": "优秀", "max_share": 0.3, "per": "all"}],
  "rewards": [
    {"id": "performance", "name": "绩效工资", "calculator": "enginetest.per_point", "params": {"yuan_per_point": 12.345}},
    {"id": "band_bonus", "name": "等级奖", "calculator": "enginetest.band_bonus",
     "params": {"amounts": {"优秀": 1000, "良好": 500, "合格": 100}}},
    {"id": "points", "name": "累计积分", "calculator": "enginetest.accumulate"}
  ]
})json";
}

inline boost::json::value reference_json() {
    return boost::json::parse(reference_scheme());
}

inline std::filesystem::path write_scheme(const std::filesystem::path& dir, const std::string& name,
                                          const char* text) {
    const auto path = dir / name;
    std::ofstream(path) << text;
    return path;
}

inline std::filesystem::path write_scheme(const std::filesystem::path& dir, const std::string& name,
                                          const boost::json::value& json) {
    return write_scheme(dir, name, boost::json::serialize(json).c_str());
}

inline int64_t count_rows(sqlite3* db, const std::string& table) {
    Statement st(db, "SELECT COUNT(*) FROM " + table);
    st.step();
    return st.integer(0);
}

// Each test gets its own directory and a workspace holding fill_workspace(),
// with the enginetest plugin loaded.
class EngineWorkspaceTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
        ws = std::make_unique<Workspace>(Workspace::create(dir / "ws.merit"));
        fill_workspace(*ws);
    }
    std::filesystem::path dir;
    std::unique_ptr<Workspace> ws;
    PluginRegistry registry = test_registry();
};

// The same, with the reference scheme written beside the workspace.
class ReferenceSchemeTest : public EngineWorkspaceTest {
protected:
    void SetUp() override {
        EngineWorkspaceTest::SetUp();
        scheme = write_scheme(dir, "scheme.json", reference_scheme());
    }
    std::filesystem::path scheme;
};

}  // namespace merit::testing
