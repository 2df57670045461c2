// The 1.1 detail services (plugin.h event_rows, organisation,
// customer_holdings, customer_facts) straight from a workspace, with every
// figure worked by hand from support/detail_workspace.hpp.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "data/workspace_data_services.hpp"
#include "support/detail_workspace.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;
using Lines = std::vector<std::string>;

std::string num(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}

class DetailServices : public ::testing::Test {
protected:
    void SetUp() override { test::write_detail_workspace(s); }

    Lines events(const char* kind, const char* first, const char* last) {
        struct Collect {
            Lines out;
            static int add(void* user, const merit_event_row* e) {
                static_cast<Collect*>(user)->out.push_back(
                    std::string(e->manager_id) + " " + e->date + " ref=" + e->ref + " note=" + e->note +
                    " q=" + num(e->quantity) + " amount=" + (e->has_amount ? num(e->amount) : "-"));
                return 0;
            }
        } collect;
        services.event_rows(kind, first, last, &Collect::add, &collect);
        return collect.out;
    }
    Lines holdings(const char* metric, const char* first, const char* last, const char* role = nullptr) {
        struct Collect {
            Lines out;
            static int add(void* user, const merit_holding_row* h) {
                static_cast<Collect*>(user)->out.push_back(
                    std::string(h->manager_id) + " " + h->customer_id + " " + h->role + " " + num(h->share) +
                    " " + h->segment + " " + h->first_day + ".." + h->last_day + " value=" + num(h->value) +
                    " facts=" + std::to_string(h->fact_count));
                return 0;
            }
        } collect;
        services.customer_holdings(metric, first, last, role, &Collect::add, &collect);
        return collect.out;
    }
    Lines facts(const char* metric, const char* first, const char* last) {
        struct Collect {
            Lines out;
            static int add(void* user, const char* id, const char* date, double value) {
                static_cast<Collect*>(user)->out.push_back(std::string(id) + " " + date + " " + num(value));
                return 0;
            }
        } collect;
        services.customer_facts(metric, first, last, &Collect::add, &collect);
        return collect.out;
    }
    Lines organisation(const char* day) {
        struct Collect {
            Lines out;
            static int unit(void* user, const merit_org_unit_row* u) {
                static_cast<Collect*>(user)->out.push_back(std::string("unit ") + u->id + " " + u->name +
                                                           " parent=" + u->parent_id + " kind=" + u->kind);
                return 0;
            }
            static int manager(void* user, const merit_org_manager_row* m) {
                static_cast<Collect*>(user)->out.push_back(
                    std::string("manager ") + m->id + " " + m->name + " " + m->org_unit_id + " " + m->role +
                    " grade=" + m->grade + " " + m->status + " hired=" + m->hired_on);
                return 0;
            }
        } collect;
        services.organisation(day, &Collect::unit, &Collect::manager, &collect);
        return collect.out;
    }
    std::string refusal(const std::function<void()>& call) {
        try {
            call();
        } catch (const std::exception& e) {
            return e.what();
        }
        return "accepted";
    }

    ScratchWorkspace s;
    WorkspaceDataServices services{s.ws()};
};

TEST_F(DetailServices, EventRowsOfOneKindInTheWindowInManagerDateRefOrder) {
    // July: C1's three phone checks (two on 07-01 told apart by ref); C2's
    // 30 June check and MM's inspection are outside the window or the kind.
    EXPECT_EQ(events("phone", "2026-07-01", "2026-07-31"),
              (Lines{"C1 2026-07-01 ref= note= q=3 amount=-", "C1 2026-07-01 ref=b note= q=2 amount=-",
                     "C1 2026-07-02 ref= note= q=1 amount=12.5"}));
    // Open ends: everything of the kind; the note is the inspected district.
    EXPECT_EQ(events("phone", nullptr, nullptr).size(), 4u);
    EXPECT_EQ(events("phone", nullptr, "2026-06-30"), (Lines{"C2 2026-06-30 ref= note= q=4 amount=-"}));
    EXPECT_EQ(events("inspection", "2026-07-03", "2026-07-03"),
              (Lines{"MM 2026-07-03 ref= note=D1 q=1 amount=-"}));
    EXPECT_EQ(events("visit", nullptr, nullptr), Lines{});
}

TEST_F(DetailServices, HoldingsAreClippedToTheWindowAndSumTheFactsOfTheDaysHeld) {
    // July, complaints: K1 held by C1 07-01..07-15 (the 07-10 complaint, 1)
    // and by C2 07-16..07-31 (07-20's 2; 08-01's 5 is outside); K2 held by
    // both all month, each with its 07-31 complaint of 3; K3's risk
    // assignment is not part of the portfolio.
    EXPECT_EQ(holdings("complaint", "2026-07-01", "2026-07-31"),
              (Lines{"C1 K1 owner 1 grocery 2026-07-01..2026-07-15 value=1 facts=1",
                     "C1 K2 owner 0.6  2026-07-01..2026-07-31 value=3 facts=1",
                     "C2 K1 owner 1 grocery 2026-07-16..2026-07-31 value=2 facts=1",
                     "C2 K2 co_owner 0.4  2026-07-01..2026-07-31 value=3 facts=1"}));
    // No metric: the days only. 07-15 is C1's last day of K1, C2's not yet.
    EXPECT_EQ(holdings(nullptr, "2026-07-15", "2026-07-15"),
              (Lines{"C1 K1 owner 1 grocery 2026-07-15..2026-07-15 value=0 facts=0",
                     "C1 K2 owner 0.6  2026-07-15..2026-07-15 value=0 facts=0",
                     "C2 K2 co_owner 0.4  2026-07-15..2026-07-15 value=0 facts=0"}));
    // One role: the risk manager's K3, with its 07-05 complaint of 4.
    EXPECT_EQ(holdings("complaint", "2026-07-01", "2026-07-31", "risk"),
              (Lines{"C2 K3 risk 1 tobacconist 2026-07-01..2026-07-31 value=4 facts=1"}));
    // Summed per manager, July's contacts: C1 1 + 3 = 4, C2 2 + 3 = 5 (K2's
    // complaint counts for both of its holders).
}

TEST_F(DetailServices, CustomerFactsOfTheWindowInCustomerDateOrder) {
    EXPECT_EQ(facts("complaint", "2026-07-01", "2026-07-31"),
              (Lines{"K1 2026-07-10 1", "K1 2026-07-20 2", "K2 2026-07-31 3", "K3 2026-07-05 4"}));
    EXPECT_EQ(facts("complaint", nullptr, "2026-07-15"), (Lines{"K1 2026-07-10 1", "K3 2026-07-05 4"}));
    EXPECT_EQ(facts("complaint", "2026-08-01", nullptr), (Lines{"K1 2026-08-01 5"}));
}

TEST_F(DetailServices, TheOrganisationAsOfADayUsesTheTermValidThen) {
    const Lines units = {"unit D1 District 1 parent=R kind=district",
                         "unit D2 District 2 parent=R kind=district", "unit R Region parent= kind=region"};
    Lines july = units;
    for (const char* m : {"manager C1 Chen D1 customer_manager grade= active hired=2026-07-15",
                          "manager C2 Du D1 customer_manager grade= active hired=",
                          "manager MM Ma R market_manager grade= active hired=2020-01-01"})
        july.push_back(m);
    EXPECT_EQ(organisation("2026-07-31"), july);
    // From 1 August C2 is in D2 and has left.
    Lines august = july;
    august[4] = "manager C2 Du D2 customer_manager grade= left hired=";
    EXPECT_EQ(organisation("2026-08-01"), august);
}

TEST_F(DetailServices, BadDaysAndWindowsAreRefusedWithOneLine) {
    EXPECT_EQ(refusal([&] { events("phone", "2026-7-1", nullptr); }),
              "first_day '2026-7-1' is not a date (YYYY-MM-DD)");
    EXPECT_EQ(refusal([&] { events("phone", "2026-07-31", "2026-07-01"); }),
              "first_day 2026-07-31 is after last_day 2026-07-01");
    EXPECT_EQ(refusal([&] { holdings("complaint", "2026-07-01", nullptr); }), "last_day is missing");
    EXPECT_EQ(refusal([&] { facts(nullptr, nullptr, nullptr); }), "metric is missing");
    EXPECT_EQ(refusal([&] { organisation("31/07/2026"); }), "day '31/07/2026' is not a date (YYYY-MM-DD)");
    EXPECT_EQ(refusal([&] { events(nullptr, nullptr, nullptr); }), "kind is missing");
}

}  // namespace
}  // namespace merit
