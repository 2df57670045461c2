// The C++ layer on a 1.1 host whose table ends before the detail services
// (a Merit 1.x released before them): each call fails with one line naming
// the service instead of calling through a field the host never filled.
#define MERIT_REQUIRES_HOST_MINOR 1
#include <gtest/gtest.h>

#include <merit/plugin.hpp>

#include <cstddef>
#include <string>

#include "plugin/host_api.hpp"

namespace {

std::string refusal(const std::function<void()>& call) {
    try {
        call();
    } catch (const merit::Error& e) {
        return e.what();
    }
    return "called";
}

TEST(SdkOlderHost, ADetailServiceBeyondTheHostsTableIsOneLineNamingIt) {
    merit_host_api older = *merit::host_api();
    older.struct_size = offsetof(merit_host_api, event_rows);  // ends after customer_values
    const merit::Context ctx(nullptr, &older);
    const auto row = [](const auto&) { return true; };
    EXPECT_EQ(refusal([&] { ctx.event_rows("visit", std::nullopt, std::nullopt, row); }),
              "event_rows is not provided by this host (it needs a newer Merit 1.x)");
    EXPECT_EQ(refusal([&] { ctx.organisation("2026-07-31"); }),
              "organisation is not provided by this host (it needs a newer Merit 1.x)");
    EXPECT_EQ(refusal([&] { ctx.holdings("2026-07-01", "2026-07-31", std::nullopt, row); }),
              "customer_holdings is not provided by this host (it needs a newer Merit 1.x)");
    EXPECT_EQ(refusal([&] {
                  ctx.customer_facts("visit", std::nullopt, std::nullopt,
                                     [](const char*, std::string_view, double) { return true; });
              }),
              "customer_facts is not provided by this host (it needs a newer Merit 1.x)");
}

TEST(SdkOlderHost, TheCurrentHostHasEveryDetailService) {
    const merit_host_api* api = merit::host_api();
    EXPECT_TRUE(MERIT_HOST_HAS(api, event_rows));
    EXPECT_TRUE(MERIT_HOST_HAS(api, organisation));
    EXPECT_TRUE(MERIT_HOST_HAS(api, customer_holdings));
    EXPECT_TRUE(MERIT_HOST_HAS(api, customer_facts));
}

}  // namespace
