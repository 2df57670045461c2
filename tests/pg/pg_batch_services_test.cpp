// The batch data services pushed down to PostgreSQL (pg_batch_services.hpp)
// give what the workspace's services give, manager by manager, on the
// banking sample copied into a throwaway cluster.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "common/errors.hpp"
#include "data/workspace_data_services.hpp"
#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "pg/pg_batch_services.hpp"
#include "pg/pg_contract_schema.hpp"
#include "store/sqlite.hpp"
#include "support/pg_cluster.hpp"

namespace merit {
namespace {

class PgBatchServices : public testing::PgClusterTest {};

std::vector<std::string> distinct(sqlite3* db, const std::string& sql) {
    std::vector<std::string> out;
    Statement stmt(db, sql);
    while (stmt.step()) out.push_back(stmt.text(0));
    return out;
}

// Both columns, the same validity and values within 1e-9 relative.
void expect_same(const std::vector<double>& expected, const std::vector<double>& actual,
                 const std::vector<unsigned char>& expected_valid,
                 const std::vector<unsigned char>& actual_valid, const std::string& where, size_t& nonzero) {
    for (size_t i = 0; i < expected.size(); ++i) {
        ASSERT_EQ(actual_valid[i], expected_valid[i]) << where << " row " << i;
        const double scale = std::max(std::fabs(expected[i]), std::fabs(actual[i]));
        if (scale > 0) ++nonzero;
        ASSERT_LE(std::fabs(expected[i] - actual[i]), 1e-9 * scale) << where << " row " << i;
    }
}

TEST_F(PgBatchServices, MatchTheWorkspacesServicesOnTheBankingSample) {
    testing::ScratchWorkspace s;
    import_directory(s.ws(), std::string(MERIT_SOURCE_DIR) + "/config/samples/banking", {});
    cluster().create_database("batch");
    PgConnection pg(cluster().url("batch", "merit"));
    create_contract_tables(pg);
    copy_contract_tables(s.ws().db(), pg);
    WorkspaceDataServices services(s.ws());

    std::vector<std::string> ids = distinct(s.ws().db(), "SELECT id FROM managers ORDER BY id");
    ids.push_back("NOT-A-MANAGER");
    std::vector<const char*> pointers;
    for (const std::string& id : ids) pointers.push_back(id.c_str());
    const size_t n = ids.size();
    std::vector<std::optional<std::string>> kinds = {std::nullopt};
    for (const std::string& kind : distinct(s.ws().db(), "SELECT DISTINCT kind FROM events ORDER BY 1"))
        kinds.emplace_back(kind);
    const auto indicators = distinct(s.ws().db(), "SELECT DISTINCT indicator FROM targets ORDER BY 1");
    std::vector<std::optional<std::string>> roles = {std::nullopt}, items = {std::nullopt};
    for (const std::string& role :
         distinct(s.ws().db(), "SELECT DISTINCT rater_role FROM ratings ORDER BY 1"))
        roles.emplace_back(role);
    for (const std::string& item : distinct(s.ws().db(), "SELECT DISTINCT item FROM ratings ORDER BY 1"))
        items.emplace_back(item);

    size_t calls = 0, nonzero = 0;
    for (const char* period : {"2026-Q1", "2026-Q2", "2026-03", "2026-02-10..2026-05-20", "2026"}) {
        const merit_scope scope{sizeof(merit_scope),
                                n,
                                pointers.data(),
                                nullptr,
                                nullptr,
                                nullptr,
                                nullptr,
                                nullptr,
                                period,
                                nullptr,
                                nullptr};
        const std::vector<unsigned char> none(n, 0);
        for (const auto& kind : kinds)
            for (merit_event_measure measure :
                 {MERIT_EVENT_COUNT, MERIT_EVENT_QUANTITY, MERIT_EVENT_AMOUNT}) {
                const merit_event_query query{sizeof(merit_event_query), kind ? kind->c_str() : nullptr,
                                              measure, nullptr};
                std::vector<double> expected(n, -1), actual(n, -1);
                services.event_aggregate(scope, query, expected.data());
                pg_event_aggregate(pg, scope, query, actual.data());
                expect_same(
                    expected, actual, none, none,
                    fmt::format("events {} {} {}", period, kind.value_or("*"), static_cast<int>(measure)),
                    nonzero);
                ++calls;
            }
        for (const std::string& indicator : indicators) {
            std::vector<double> expected(n, -1), actual(n, -1);
            std::vector<unsigned char> expected_valid(n, 2), actual_valid(n, 2);
            services.target_values(scope, indicator.c_str(), nullptr, expected.data(), expected_valid.data());
            pg_target_values(pg, scope, indicator.c_str(), nullptr, actual.data(), actual_valid.data());
            expect_same(expected, actual, expected_valid, actual_valid,
                        fmt::format("targets {} {}", period, indicator), nonzero);
            ++calls;
        }
        for (const auto& role : roles)
            for (const auto& item : items) {
                std::vector<double> expected(n, -1), actual(n, -1);
                std::vector<unsigned char> expected_valid(n, 2), actual_valid(n, 2);
                const char* r = role ? role->c_str() : nullptr;
                const char* i = item ? item->c_str() : nullptr;
                services.rating_average(scope, r, i, nullptr, expected.data(), expected_valid.data());
                pg_rating_average(pg, scope, r, i, nullptr, actual.data(), actual_valid.data());
                expect_same(expected, actual, expected_valid, actual_valid,
                            fmt::format("ratings {} {} {}", period, role.value_or("*"), item.value_or("*")),
                            nonzero);
                ++calls;
            }
    }
    std::printf("batch services: %zu calls equal, %zu non-zero values\n", calls, nonzero);
    EXPECT_GT(nonzero, 1000u);

    // The same refusal, the same message.
    const merit_scope scope{
        sizeof(merit_scope), n,       pointers.data(), nullptr, nullptr, nullptr, nullptr, nullptr,
        "2026-Q1",           nullptr, nullptr};
    const merit_event_query bad{sizeof(merit_event_query), nullptr, static_cast<merit_event_measure>(3),
                                nullptr};
    std::vector<double> out(n);
    std::string expected = "no error", actual = "no error";
    try {
        services.event_aggregate(scope, bad, out.data());
    } catch (const UserError& e) {
        expected = e.what();
    }
    try {
        pg_event_aggregate(pg, scope, bad, out.data());
    } catch (const UserError& e) {
        actual = e.what();
    }
    EXPECT_EQ(actual, expected);
    EXPECT_EQ(actual, "unknown event measure 3");
}

}  // namespace
}  // namespace merit
