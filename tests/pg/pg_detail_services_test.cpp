// The detail services over PostgreSQL (pg_detail_services.hpp) stream what
// the workspace's services stream, row by row and in the same order, on the
// banking sample copied into a throwaway cluster.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "data/workspace_data_services.hpp"
#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "pg/pg_contract_schema.hpp"
#include "pg/pg_detail_services.hpp"
#include "store/sqlite.hpp"
#include "support/pg_cluster.hpp"

namespace merit {
namespace {

// Every row a service gave, as text; numbers kept apart to compare within
// 1e-9 relative (sums may add in another order on the server).
struct Rows {
    std::vector<std::string> text;
    std::vector<double> numbers;
};

int event_row(void* user, const merit_event_row* r) {
    auto& rows = *static_cast<Rows*>(user);
    rows.text.push_back(
        fmt::format("{}|{}|{}|{}|{}", r->manager_id, r->date, r->ref, r->note, r->has_amount));
    rows.numbers.push_back(r->quantity);
    rows.numbers.push_back(r->amount);
    return 0;
}

int customer_fact(void* user, const char* customer, const char* date, double value) {
    auto& rows = *static_cast<Rows*>(user);
    rows.text.push_back(fmt::format("{}|{}", customer, date));
    rows.numbers.push_back(value);
    return 0;
}

int customer_value(void* user, const char* customer, double value) {
    auto& rows = *static_cast<Rows*>(user);
    rows.text.push_back(customer);
    rows.numbers.push_back(value);
    return 0;
}

int org_unit(void* user, const merit_org_unit_row* u) {
    static_cast<Rows*>(user)->text.push_back(
        fmt::format("unit {}|{}|{}|{}", u->id, u->name, u->parent_id, u->kind));
    return 0;
}

int org_manager(void* user, const merit_org_manager_row* m) {
    static_cast<Rows*>(user)->text.push_back(fmt::format("manager {}|{}|{}|{}|{}|{}|{}", m->id, m->name,
                                                         m->org_unit_id, m->role, m->grade, m->status,
                                                         m->hired_on));
    return 0;
}

int holding(void* user, const merit_holding_row* h) {
    auto& rows = *static_cast<Rows*>(user);
    rows.text.push_back(fmt::format("{}|{}|{}|{}|{}|{}|{}", h->customer_id, h->manager_id, h->role,
                                    h->segment, h->first_day, h->last_day, h->fact_count));
    rows.numbers.push_back(h->share);
    rows.numbers.push_back(h->value);
    return 0;
}

void expect_same(const Rows& expected, const Rows& actual, const std::string& where, size_t& compared) {
    ASSERT_EQ(actual.text, expected.text) << where;
    ASSERT_EQ(actual.numbers.size(), expected.numbers.size()) << where;
    for (size_t i = 0; i < expected.numbers.size(); ++i) {
        const double e = expected.numbers[i], a = actual.numbers[i];
        ASSERT_LE(std::fabs(a - e), 1e-9 * std::max(std::fabs(a), std::fabs(e))) << where << " number " << i;
    }
    compared += expected.text.size();
}

std::string error_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const UserError& e) {
        return e.what();
    }
    return "no error";
}

class PgDetailServices : public testing::PgClusterTest {};

TEST_F(PgDetailServices, StreamWhatTheWorkspacesServicesStream) {
    testing::ScratchWorkspace s;
    import_directory(s.ws(), std::string(MERIT_SOURCE_DIR) + "/config/samples/banking", {});
    // A fee booked three times on one day (issue 21's repeats): customer
    // values total the day on both sides.
    import_files(
        s.ws(),
        {s.write("again/facts.csv",
                 "entity,entity_id,metric,date,value\ncustomer,C0001,fee_wealth,2026-03-30,10\n"
                 "customer,C0001,fee_wealth,2026-03-30,20\ncustomer,C0001,fee_wealth,2026-03-30,0.5\n")},
        {});
    // Terms that start later, so the organisation's rule is exercised: CM01
    // leaves on 1 April, CM02 moves in May, CM03 is known only from
    // February (before that, its first term holds).
    exec(s.ws().db(),
         "INSERT INTO manager_terms (manager_id, valid_from, org_unit_id, role, grade, status) VALUES "
         "('CM01', '2026-04-01', 'SB01', 'customer_manager', NULL, 'left'), "
         "('CM02', '2026-05-01', 'BR01', 'customer_manager', 'senior', 'active'), "
         "('CM02', '2026-03-31', 'SB01', 'risk_manager', 'senior', 'probation');"
         "UPDATE manager_terms SET valid_from = '2026-02-01' WHERE manager_id = 'CM03' AND valid_from = '';"
         "INSERT INTO manager_terms (manager_id, valid_from, org_unit_id, role, grade, status) VALUES "
         "('CM03', '2026-05-01', 'SB01', 'customer_manager', NULL, 'left')");
    cluster().create_database("detail");
    PgConnection pg(cluster().url("detail", "merit"));
    create_contract_tables(pg);
    copy_contract_tables(s.ws().db(), pg);
    sqlite3* db = s.ws().db();
    size_t compared = 0;

    const std::vector<std::pair<const char*, const char*>> windows = {{nullptr, nullptr},
                                                                      {"2026-01-01", "2026-03-31"},
                                                                      {"2026-03-16", "2026-04-15"},
                                                                      {nullptr, "2026-02-01"}};
    for (const auto& [first, last] : windows) {
        const std::string where = fmt::format("{}..{}", first ? first : "", last ? last : "");
        for (const char* kind : {"visit", "complaint", "violation", "none"}) {
            Rows expected, actual;
            WorkspaceDataServices::event_rows_of(db, kind, first, last, &event_row, &expected);
            pg_event_rows(pg, kind, first, last, &event_row, &actual);
            expect_same(expected, actual, fmt::format("event_rows {} {}", kind, where), compared);
        }
        for (const char* metric : {"deposit", "fee_wealth", "loan_issued", "none"}) {
            Rows expected, actual;
            WorkspaceDataServices::customer_facts_of(db, metric, first, last, &customer_fact, &expected);
            pg_customer_facts(pg, metric, first, last, &customer_fact, &actual);
            expect_same(expected, actual, fmt::format("customer_facts {} {}", metric, where), compared);
        }
        if (!first || !last) continue;  // holdings need both ends
        for (const char* metric : {"fee_wealth", "deposit", static_cast<const char*>(nullptr)})
            for (const char* role : {static_cast<const char*>(nullptr), "risk", "co_owner"}) {
                Rows expected, actual;
                WorkspaceDataServices::customer_holdings_of(db, metric, first, last, role, &holding,
                                                            &expected);
                pg_customer_holdings(pg, metric, first, last, role, &holding, &actual);
                expect_same(expected, actual,
                            fmt::format("customer_holdings {} {} {}", metric ? metric : "-",
                                        role ? role : "-", where),
                            compared);
            }
    }
    for (const char* day :
         {"2025-12-31", "2026-03-30", "2026-03-31", "2026-04-01", "2026-06-30", "1999-01-01"})
        for (const char* metric : {"deposit", "aum", "fee_wealth", "none"}) {
            Rows expected, actual;
            WorkspaceDataServices::customer_values_of(db, metric, day, &customer_value, &expected);
            pg_customer_values(pg, metric, day, &customer_value, &actual);
            expect_same(expected, actual, fmt::format("customer_values {} {}", metric, day), compared);
        }
    for (const char* day : {"2025-12-31", "2026-03-31", "2026-04-01", "2026-06-30", "1999-01-01"}) {
        Rows expected, actual;
        WorkspaceDataServices::organisation_of(db, day, &org_unit, &org_manager, &expected);
        pg_organisation(pg, day, &org_unit, &org_manager, &actual);
        expect_same(expected, actual, fmt::format("organisation {}", day), compared);
    }
    // The terms above did take: who CM01 and CM02 are depends on the day.
    auto manager_on = [&](const char* day, const std::string& id) {
        Rows rows;
        pg_organisation(pg, day, nullptr, &org_manager, &rows);
        for (const std::string& line : rows.text)
            if (line.starts_with("manager " + id + "|")) return line;
        return std::string("none");
    };
    EXPECT_NE(manager_on("2026-06-30", "CM01").find("|left|"), std::string::npos);
    EXPECT_EQ(manager_on("2026-03-31", "CM01").find("|left|"), std::string::npos);
    EXPECT_NE(manager_on("2026-04-15", "CM02").find("|risk_manager|"), std::string::npos);
    EXPECT_NE(manager_on("2026-05-01", "CM02").find("|BR01|"), std::string::npos);
    EXPECT_EQ(manager_on("1999-01-01", "CM03").find("|left|"), std::string::npos);
    EXPECT_NE(manager_on("2026-05-01", "CM03").find("|left|"), std::string::npos);
    std::printf("detail services: %zu rows equal\n", compared);
    EXPECT_GT(compared, 20000u);

    // The same refusals, the same messages.
    Rows ignored;
    const std::vector<std::pair<std::function<void()>, std::function<void()>>> bad = {
        {[&] { WorkspaceDataServices::event_rows_of(db, nullptr, nullptr, nullptr, &event_row, &ignored); },
         [&] { pg_event_rows(pg, nullptr, nullptr, nullptr, &event_row, &ignored); }},
        {[&] {
             WorkspaceDataServices::customer_facts_of(db, "deposit", "2026-2-1", nullptr, &customer_fact,
                                                      &ignored);
         },
         [&] { pg_customer_facts(pg, "deposit", "2026-2-1", nullptr, &customer_fact, &ignored); }},
        {[&] {
             WorkspaceDataServices::customer_holdings_of(db, "deposit", "2026-03-01", "2026-02-01", nullptr,
                                                         &holding, &ignored);
         },
         [&] {
             pg_customer_holdings(pg, "deposit", "2026-03-01", "2026-02-01", nullptr, &holding, &ignored);
         }},
        {[&] { WorkspaceDataServices::organisation_of(db, nullptr, &org_unit, &org_manager, &ignored); },
         [&] { pg_organisation(pg, nullptr, &org_unit, &org_manager, &ignored); }},
    };
    for (const auto& [columns, server] : bad) {
        const std::string expected = error_of(columns);
        EXPECT_NE(expected, "no error");
        EXPECT_EQ(error_of(server), expected);
    }
}

}  // namespace
}  // namespace merit
