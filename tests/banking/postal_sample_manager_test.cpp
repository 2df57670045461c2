// Every figure of one postal manager's `merit explain`, derived by hand from
// config/samples/postal: PS01 梁文华 in July 2026 (level 一级, the 1‰
// commission on a new high with her two July customers left out, two fines),
// and the seed's level-4 example PS04 (40 customers, 35 million yuan).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <merit/money.hpp>
#include <string>

#include "banking/sample_ledger.hpp"
#include "support/merit_cli.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using banking_sample::day;
using banking_sample::SampleLedger;

class PostalSampleManager : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        std::string pattern = (fs::temp_directory_path() / "merit-postal-ps01.XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
        ws_ = (dir_ / "ws.merit").string();
        const std::string scheme = std::string(MERIT_SOURCE_DIR) + "/config/postal.scheme.json";
        ASSERT_EQ(merit_test::run_merit("init " + ws_).status, 0);
        ASSERT_EQ(merit_test::run_merit("import " + ws_ + " --dir " + std::string(MERIT_SOURCE_DIR) +
                                        "/config/samples/postal")
                      .status,
                  0);
        // Run 1: June, run 2: July (June's run carries the balance high forward).
        for (const char* period : {"2026-06", "2026-07"})
            ASSERT_EQ(
                merit_test::run_merit("run " + ws_ + " --scheme " + scheme + " --period " + period).status,
                0);
        const auto july = merit_test::run_merit("results " + ws_ + " --run 2 --format json");
        ASSERT_EQ(july.status, 0) << july.text;
        july_ = json::parse(july.text.substr(july.text.find('{'))).as_object();
        ledger_ = new SampleLedger("postal");
    }
    static void TearDownTestSuite() {
        delete ledger_;
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    static std::string explain(const std::string& who) {
        const auto out = merit_test::run_merit("explain " + ws_ + " --run 2 --manager " + who);
        EXPECT_EQ(out.status, 0) << out.text;
        return out.text;
    }
    static void expect_has(const std::string& text, const std::string& part) {
        EXPECT_NE(text.find(part), std::string::npos) << "missing: " << part << "\n--- in ---\n" << text;
    }
    static const json::object& manager(const std::string& id) {
        for (const auto& m : july_.at("managers").as_array())
            if (m.at("manager_id").as_string() == id) return m.as_object();
        throw std::runtime_error("no manager " + id);
    }
    // Σ month-end deposits of the customers assigned to `who` on `date` (all shares are 1 in this sample).
    static double book_balance(const std::string& who, const std::string& date,
                               bool only_before_july = false) {
        double sum = 0;
        for (const auto& a : ledger_->assignments(who))
            if (a.holds(day(date)) && (!only_before_july || a.from < day("2026-07-01")))
                sum += ledger_->customer_balance(a.customer, "deposit", day(date));
        return sum;
    }
    static int customers_on_book(const std::string& who, const std::string& date, double at_least) {
        int n = 0;
        for (const auto& a : ledger_->assignments(who))
            if (a.holds(day(date)) && ledger_->customer_balance(a.customer, "deposit", day(date)) >= at_least)
                ++n;
        return n;
    }

    static inline fs::path dir_;
    static inline std::string ws_;
    static inline json::object july_;
    static inline SampleLedger* ledger_ = nullptr;
};

TEST_F(PostalSampleManager, PS01InJulyEveryPointAndFen) {
    const std::string text = explain("PS01");
    // Her book: 62 customers, all share 1, Y0061 and Y0062 won on 2026-07-08; each holds ≥ 1,000 yuan.
    EXPECT_EQ(ledger_->assignments("PS01").size(), 62u);
    EXPECT_EQ(customers_on_book("PS01", "2026-07-31", 1000), 62);
    const double july = book_balance("PS01", "2026-07-31"), june = book_balance("PS01", "2026-06-30");
    EXPECT_NEAR(july, 88'009'590.01, 1e-4);
    EXPECT_NEAR(june, 84'001'492.06, 1e-4);
    expect_has(text, "balance 管户储蓄余额(月末) = 88009590.01 元");
    expect_has(text, "deposit increment = 88009590.01 − 84001492.06 (2026-06) = 4008097.95");
    expect_has(
        text,
        "note (banking.customers_held): 62 of 62 customers on the book on 2026-07-31 hold deposit >= 1000");

    // 业绩 70%: growth 4,008,097.95 ÷ task 528,000 = 7.5911 → capped at 1.5 → 150 × 50% = 52.5 points;
    // 2 new customers with ≥ 100,000 (Y0061 1,273,279.58, Y0062 1,458,344.79) = target 2 → 100 × 30% = 21;
    // 62 customers ≥ stretch 60 → 110 × 20% = 15.4.  Dimension 0.5 × 150 + 0.3 × 100 + 0.2 × 110 = 127.
    EXPECT_EQ(ledger_->target("PS01", "balance_increment", "2026-07"), 528'000.0);
    expect_has(text, "100 × min(7.5911, cap 1.5) ÷ full 1 = 150");
    expect_has(text, "70% x 50% x 150 = 52.5");
    expect_has(text, "new customers 2026-07-01..2026-07-31: 2 with deposit >= 100000, 0 below");
    expect_has(text, "70% x 30% x 100 = 21");
    expect_has(text, "70% x 20% x 110 = 15.4");
    expect_has(text, "dimension score 127 x 70% = 88.9");
    // 日常管理 30%: no_badge 07-03 and 07-10, summary_late 07-27: 3 events, (6 − 3) / 6 → 50 × 60% = 9;
    // the centre head's revisit rating 95 → 95 × 40% = 11.4.  Dimension 0.6 × 50 + 0.4 × 95 = 68.
    const auto july_days = banking_sample::span("2026-07-01", "2026-07-31");
    EXPECT_EQ(ledger_->event_count("PS01", "no_badge", july_days), 2);
    EXPECT_EQ(ledger_->event_count("PS01", "summary_late", july_days), 1);
    EXPECT_EQ(ledger_->ratings("PS01", "2026-07", "supervisor", "revisit"), std::vector<double>{95});
    expect_has(text, "30% x 60% x 50 = 9");
    expect_has(text, "30% x 40% x 95 = 11.4");
    expect_has(text, "dimension score 68 x 30% = 20.4");
    // 88.9 + 20.4 = 109.3.
    expect_has(text, "sum of contributions: 52.5 + 21 + 15.4 + 9 + 11.4 = 109.3 (base total 109.3)");
    expect_has(text, "rating: 优秀 (band 0): total 109.3 >= 90 (优秀)");

    // Level: 62 customers ≥ 60 and 88,009,590.01 ≥ 80,000,000 → 一级, base 2,400 a month.
    expect_has(text,
               "一级 (62 customers, balance 88009590.01 yuan: meets 60 customers and 80000000 yuan): 2400 "
               "yuan/month × 1 = 2400.00 yuan");
    // Commission: existing customers' July balance 88,009,590.01 − (1,273,279.58 + 1,458,344.79)
    // = 85,277,965.64; highest earlier month end is June's 84,001,492.06 (she grew every month):
    //   (85,277,965.64 − 84,001,492.06) × 1‰ = 1,276.47357 → 1,276.47 yuan.
    const double existing = book_balance("PS01", "2026-07-31", true);
    EXPECT_NEAR(existing, 88'009'590.01 - 1'273'279.58 - 1'458'344.79, 1e-4);
    double high = 0;
    for (const char* month_end :
         {"2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30"})
        high = std::max(high, book_balance("PS01", month_end));
    EXPECT_NEAR(high, june, 1e-6);
    const int64_t commission = merit::to_fen((existing - high) * 0.001);
    EXPECT_EQ(commission, 127'647);
    expect_has(text, "(85277965.64 − earlier high 84001492.06) × 1‰ = 1276.47 yuan");
    // Fines: 1 × 50 (summary_late) + 2 × 30 (no_badge).
    expect_has(text, "1 × 50.00 yuan (summary_late) = -50.00");
    expect_has(text, "2 × 30.00 yuan (no_badge) = -60.00");
    // 2,400.00 + 1,276.47 − 50.00 − 60.00 = 3,566.47 yuan.
    const int64_t total = 240'000 + commission - 5'000 - 6'000;
    EXPECT_EQ(total, 356'647);
    EXPECT_EQ(manager("PS01").at("pay_fen").to_number<int64_t>(), total);
    expect_has(text, "= 3566.47 yuan (356647 fen; stored 356647 fen)");
}

// The seed's example: 40 customers with 30–39.99 million → level 4, 1,200 yuan a month. PS04's book
// in July: 40 customers, each ≥ 1,000 yuan, summing to 35,000,000.00 exactly.
TEST_F(PostalSampleManager, PS04IsTheSeedsLevelFourFromHerCustomerRows) {
    EXPECT_EQ(customers_on_book("PS04", "2026-07-31", 1000), 40);
    const double balance = book_balance("PS04", "2026-07-31");
    EXPECT_NEAR(balance, 35'000'000.0, 1e-4);
    // 40 < 50 (三级) but ≥ 40 and 35,000,000 ≥ 30,000,000 → 四级.
    const std::string text = explain("PS04");
    expect_has(text,
               "level -> 四级 (base_pay): 40 customers, balance 35000000 yuan: meets 40 customers and "
               "30000000 yuan");
    expect_has(text, "1200 yuan/month × 1 = 1200.00 yuan");
}

}  // namespace
