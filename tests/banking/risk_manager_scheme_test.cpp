// The risk managers' own scheme (config/banking-risk.scheme.json) on the
// banking sample: RM02 姜海燕's 2026-Q2 score and pay worked by hand from the
// sample CSVs and the scheme's rules, then read back from `merit run --json`
// and `merit explain`.
//
// Seed 002 篇2 and 篇3: a risk manager co-signs the loans of a sub-branch
// (双签), watches the customer managers' post-loan work and shares the
// accountability when a co-signed loan goes bad (连带问责). So:
//   共签贷款质量 40%: the NPL ratio of the co-signed book, lower is better
//                     (1% or less scores 100, 15% or more 0);
//   服务质量 20%:    the customer managers' service indicators (000's weights);
//   风险管理 40%:    000's pass rates, 30% / 30% / 40%.
//
// RM02, 2026-Q2 (co-signs all 56 loans of SB02):
//   book on 2026-06-30: normal 254,424,000; C0271 substandard 2,400,000 and doubtful 600,000
//     NPL ratio = 3,000,000 / 257,424,000 = 1.16539%
//     score = 100 × (15 − 1.16539) / (15 − 1) = 98.8186          → 40% × 98.8186 = 39.5274
//   service: satisfaction (89 + 84 + 80) / 3 = 84.3333; no complaint → 100;
//     efficiency 80; attitude (86 + 83 + 81) / 3 = 83.3333;
//     problem solving 60% × 86 + 40% × (85 + 86) / 2 = 85.8
//     0.5 × 84.3333 + 0.2 × 100 + 0.15 × 80 + 0.075 × 83.3333 + 0.075 × 85.8 = 86.8517
//                                                                   → 20% × 86.8517 = 17.3703
//   risk: 0.3 × 96.1 + 0.3 × 95 + 0.4 × 93.8 = 94.85               → 40% × 94.85 = 37.94
//   total 39.5274 + 17.3703 + 37.94 = 94.8378 ≥ 90: 优秀. The scheme has no distribution
//     limit: 20% of three people is none, which would bar 优秀 altogether.
//   pay: base 4,800 yuan × 3 months = 14,400.00; joint accountability for C0271
//     (1 case, 3,000,000 yuan): 500 × 1 + 0.1% × 3,000,000 = 3,500.00 → −3,500.00;
//     total 10,900.00 yuan = 1,090,000 fen.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/json.hpp>
#include <filesystem>
#include <merit/money.hpp>
#include <string>

#include "banking/sample_ledger.hpp"
#include "support/merit_cli.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using banking_sample::SampleLedger;

const banking_sample::Span kQ2 = banking_sample::span("2026-04-01", "2026-06-30");

double mean(const std::vector<double>& xs) {
    double sum = 0;
    for (double x : xs) sum += x;
    return sum / static_cast<double>(xs.size());
}

const json::object& manager(const json::object& run, const std::string& id) {
    for (const auto& m : run.at("managers").as_array())
        if (m.at("manager_id").as_string() == id) return m.as_object();
    throw std::runtime_error("no manager " + id);
}

double number(const json::value& v) {
    return v.to_number<double>();
}

double value_of(const json::object& m, const std::string& indicator, const char* field) {
    for (const auto& x : m.at("indicators").as_array())
        if (x.at("id").as_string() == indicator) return number(x.at(field));
    throw std::runtime_error("no indicator " + indicator);
}

int64_t pay(const json::object& m, const std::string& code) {
    int64_t sum = 0;
    for (const auto& p : m.at("pay").as_array())
        if (p.at("code").as_string() == code) sum += p.at("amount_fen").to_number<int64_t>();
    return sum;
}

class RiskManagerScheme : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        std::string pattern = (fs::temp_directory_path() / "merit-bank-risk.XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
        const std::string ws = (dir_ / "ws.merit").string();
        const std::string config = std::string(MERIT_SOURCE_DIR) + "/config";
        ASSERT_EQ(merit_test::run_merit("init " + ws).status, 0);
        ASSERT_EQ(merit_test::run_merit("import " + ws + " --dir " + config + "/samples/banking").status, 0);
        const auto run = merit_test::run_merit("run " + ws + " --scheme " + config +
                                               "/banking-risk.scheme.json --period 2026-Q2 --json");
        ASSERT_EQ(run.status, 0) << run.text;
        q2_ = json::parse(run.text.substr(run.text.find('{'))).as_object();
        const auto explained = merit_test::run_merit("explain " + ws + " --run 1 --manager RM02");
        ASSERT_EQ(explained.status, 0) << explained.text;
        explain_ = explained.text;
        ledger_ = new SampleLedger("banking");
    }
    static void TearDownTestSuite() {
        delete ledger_;
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    static void expect_line(const std::string& part) {
        EXPECT_NE(explain_.find(part), std::string::npos) << "missing: " << part << "\n--- in ---\n"
                                                          << explain_;
    }
    static inline fs::path dir_;
    static inline json::object q2_;
    static inline std::string explain_;
    static inline SampleLedger* ledger_ = nullptr;
};

TEST_F(RiskManagerScheme, OnlyTheThreeRiskManagersAreInScope) {
    const auto& managers = q2_.at("managers").as_array();
    ASSERT_EQ(managers.size(), 3u);
    for (const auto& m : managers) EXPECT_EQ(m.at("role").as_string(), "risk_manager");
}

TEST_F(RiskManagerScheme, RM02sSecondQuarterByHand) {
    const SampleLedger& ledger = *ledger_;
    const auto book = ledger.assignments("RM02", "risk");
    ASSERT_EQ(book.size(), 56u);
    const double bad = ledger.end(book, "loan_substandard", kQ2.last, true) +
                       ledger.end(book, "loan_doubtful", kQ2.last, true) +
                       ledger.end(book, "loan_loss", kQ2.last, true);
    const double loans = bad + ledger.end(book, "loan_normal", kQ2.last, true) +
                         ledger.end(book, "loan_special_mention", kQ2.last, true);
    EXPECT_DOUBLE_EQ(bad, 3'000'000.0);
    EXPECT_DOUBLE_EQ(loans, 257'424'000.0);
    const double npl = bad / loans * 100;
    const double npl_score = 100 * (15 - npl) / (15 - 1);
    EXPECT_NEAR(npl_score, 98.8186, 1e-4);

    const double satisfaction = mean(ledger.ratings("RM02", "2026-Q2", "customer", "satisfaction"));
    const double attitude = mean(ledger.ratings("RM02", "2026-Q2", "customer", "attitude"));
    const double efficiency = mean(ledger.ratings("RM02", "2026-Q2", "supervisor", "efficiency"));
    const double problem_solving =
        0.6 * mean(ledger.ratings("RM02", "2026-Q2", "supervisor", "problem_solving")) +
        0.4 * mean(ledger.ratings("RM02", "2026-Q2", "peer", "problem_solving"));
    EXPECT_EQ(ledger.event_count("RM02", "complaint", kQ2), 0);
    const double service =
        0.5 * satisfaction + 0.2 * 100 + 0.15 * efficiency + 0.075 * attitude + 0.075 * problem_solving;
    EXPECT_NEAR(service, 86.8517, 1e-4);

    auto pass_rate = [&](const char* metric) {
        return ledger.balance("manager", "RM02", metric, kQ2.last).value();
    };
    const double risk = 0.3 * pass_rate("admission_pass_rate") + 0.3 * pass_rate("aml_pass_rate") +
                        0.4 * pass_rate("credit_risk_pass_rate");
    EXPECT_NEAR(risk, 94.85, 1e-9);

    const double total = 0.4 * npl_score + 0.2 * service + 0.4 * risk;
    EXPECT_NEAR(total, 94.8378, 1e-4);

    const auto& m = manager(q2_, "RM02");
    EXPECT_NEAR(value_of(m, "cosigned_npl", "value"), npl, 1e-9);
    EXPECT_NEAR(value_of(m, "cosigned_npl", "score"), npl_score, 1e-9);
    EXPECT_EQ(value_of(m, "cosigned_npl", "dimension_weight"), 40.0);
    EXPECT_EQ(value_of(m, "cosigned_npl", "weight"), 100.0);
    EXPECT_NEAR(number(m.at("total")), total, 1e-9);
    EXPECT_EQ(m.at("rating").as_string(), "优秀");
    EXPECT_EQ(m.at("grade_group").as_string(), "");
    expect_line("rating: 优秀 (band 0): total 94.8378 >= 90 (优秀)\n");
}

TEST_F(RiskManagerScheme, RM02sPayIsTheBaseLessTheJointAccountabilityForC0271) {
    const int64_t base = merit::to_fen(4'800.0 * 3);
    const int64_t penalty = merit::to_fen(500.0 * 1 + 0.001 * 3'000'000);
    const auto& m = manager(q2_, "RM02");
    EXPECT_EQ(pay(m, "base_pay"), base);
    EXPECT_EQ(pay(m, "ja_risk"), -penalty);
    EXPECT_EQ(pay(m, "ja_manager"), 0);  // a risk manager owns no customer
    EXPECT_EQ(m.at("pay_fen").to_number<int64_t>(), 1'090'000);
    EXPECT_EQ(base - penalty, 1'090'000);
}

TEST_F(RiskManagerScheme, ExplainShowsOnlyWhatCountsForARiskManager) {
    // The customer managers' inputs and zero-weight rows stay in their own scheme.
    for (const char* absent : {"sales_completion", "virtual_profit", "deposit_avg_increment", "vp_bonus",
                               "customer_maintenance", "referral_quality", "as customer manager"})
        EXPECT_EQ(explain_.find(absent), std::string::npos) << absent << "\n" << explain_;
    expect_line("NPL ratio = 3000000 / 257424000 = 1.1654%");
    expect_line("40% x 100% x 98.8186 = 39.5274");
    expect_line("dimension score 86.8517 x 20% = 17.3703");
    expect_line("dimension score 94.85 x 40% = 37.94");
    expect_line("(base total 94.8378)");
}

}  // namespace
