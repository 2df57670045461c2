// Every figure of one sample manager's `merit explain`, derived by hand from
// the sample CSVs. CM06 吴国栋 (高级一级, SB02, grade group senior) in 2026-Q2
// is the richest statement of the sample: deposits, new loans, fee income,
// his biggest borrower C0271 turning bad on 2026-05-12 (provision, clawback
// of the deferred Q1 bonus, joint accountability) and a rating moved down by
// the distribution limit. The Q1 run is checked too: it earns the bonus whose
// deferred part Q2 pays out.
//
// Rows that can be listed are listed in comments with their arithmetic; sums
// over hundreds of rows (deposits at every 旬 start, AUM, fees, product
// holdings) come from sample_ledger.hpp, which re-implements the contract's
// data rules on the CSV rows. The scheme's formulas are written out here,
// independently of the plugin.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <merit/money.hpp>
#include <string>

#include "banking/sample_ledger.hpp"
#include "support/merit_cli.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using banking_sample::Assignment;
using banking_sample::SampleLedger;
using banking_sample::Span;

// How explain writes numbers: `decimals` places, trailing zeros dropped
// (4 for values, scores and points; 2 in the plugin's notes).
std::string trimmed(double x, int decimals = 4) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, x);
    std::string s = buffer;
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

struct Quarter {
    std::string period, previous;
    Span days, before;
};
const Quarter kQ1{"2026-Q1", "2025-Q4", banking_sample::span("2026-01-01", "2026-03-31"),
                  banking_sample::span("2025-10-01", "2025-12-31")};
const Quarter kQ2{"2026-Q2", "2026-Q1", banking_sample::span("2026-04-01", "2026-06-30"),
                  banking_sample::span("2026-01-01", "2026-03-31")};

const char* const kLoanClasses[] = {"loan_normal", "loan_special_mention", "loan_substandard",
                                    "loan_doubtful", "loan_loss"};
const char* const kFees[] = {"fee_wealth", "fee_fund", "fee_insurance", "fee_settlement", "fee_agency"};

// Every figure of one manager's quarter, by the scheme's rules (config/banking.scheme.json).
struct Figures {
    // inputs
    double deposit_avg_now = 0, deposit_avg_before = 0, deposit_avg_increment = 0;
    double deposit_end_now = 0, deposit_end_before = 0, deposit_point_increment = 0;
    double loan_issuance = 0;
    double fee[5] = {}, intermediate_income = 0;
    double aum_end_now = 0, aum_end_before = 0, aum_growth = 0;
    int new_customers = 0, new_below = 0, tier_upgrades = 0;
    double deposits_xun = 0, loans_xun = 0, interest = 0, settlement = 0, lending_out = 0, income = 0,
           deposit_cost = 0, shortfall_cost = 0, funding_cost = 0;
    double provision_now = 0, provision_before = 0, loan_loss = 0, virtual_profit = 0;
    double expected_loss = 0, capital = 0, raroc = 0;
    double downgraded = 0, loans_held_before = 0, npl_formed_ratio = 0;
    double violations = 0;
    // indicators: value and score
    double target = 0, completion = 0, sales_score = 0;
    int churn_base = 0, churn_lost = 0;
    double churn = 0, churn_score = 0;
    int products = 0, customers = 0;
    double cross_sell = 0, cross_sell_score = 0;
    double satisfaction = 0, complaints = 0, complaint_score = 0, efficiency = 0, attitude = 0,
           problem_solving = 0;
    double admission = 0, aml = 0, credit_risk = 0;
    // weights of grade group "senior" and what each line adds
    double results_score = 0, service_score = 0, risk_score = 0;
    double results_points = 0, service_points = 0, risk_points = 0, total = 0;
};

double mean(const std::vector<double>& xs) {
    double sum = 0;
    for (double x : xs) sum += x;
    return sum / static_cast<double>(xs.size());
}

// core.linear: 0 below the floor, else 100 × min(completion, cap) ÷ full.
double linear(double x, double floor, double full, double cap) {
    return x < floor ? 0.0 : 100.0 * std::min(x, cap) / full;
}
// core.lower_is_better: 100 at best, 0 at worst, straight line between.
double lower_is_better(double x, double best, double worst) {
    return x <= best ? 100.0 : x >= worst ? 0.0 : 100.0 * (worst - x) / (worst - best);
}

Figures figures_of(const SampleLedger& ledger, const std::string& who, const Quarter& q) {
    Figures f;
    const std::vector<Assignment> book = ledger.assignments(who);
    const double days = q.days.days();
    const double year_share = days / 360.0;  // day_count 360

    // 存款日均增量: Σ_days Σ_customers share × balance(day) ÷ days, this quarter − last.
    f.deposit_avg_now = ledger.daily_average(book, "deposit", q.days);
    f.deposit_avg_before = ledger.daily_average(book, "deposit", q.before);
    f.deposit_avg_increment = f.deposit_avg_now - f.deposit_avg_before;
    // 存款时点增量: Σ share × balance on the last day, this quarter − last.
    f.deposit_end_now = ledger.end(book, "deposit", q.days.last);
    f.deposit_end_before = ledger.end(book, "deposit", q.before.last);
    f.deposit_point_increment = f.deposit_end_now - f.deposit_end_before;
    f.loan_issuance = ledger.flow(book, "loan_issued", q.days);
    for (int c = 0; c < 5; ++c) {
        f.fee[c] = ledger.flow(book, kFees[c], q.days);
        f.intermediate_income += f.fee[c];
    }
    f.aum_end_now = ledger.end(book, "aum", q.days.last);
    f.aum_end_before = ledger.end(book, "aum", q.before.last);
    f.aum_growth = (f.aum_end_now - f.aum_end_before) / f.aum_end_before * 100.0;

    // The book on the day before the quarter and on its last day.
    const banking_sample::Day opening = q.days.first - std::chrono::days{1};
    auto held_on = [&](banking_sample::Day d) {
        std::map<std::string, double> out;  // customer -> AUM
        for (const auto& a : book)
            if (a.holds(d)) out[a.customer] = ledger.customer_balance(a.customer, "aum", d);
        return out;
    };
    const auto open_book = held_on(opening), close_book = held_on(q.days.last);
    // 新增有效客户: first assigned to anyone within the quarter, on the book at its end, AUM ≥ 50,000.
    for (const auto& [customer, aum] : close_book)
        if (q.days.holds(ledger.first_assigned(customer))) ++(aum >= 50'000 ? f.new_customers : f.new_below);
    // 客户等级提升: tiers < 50k < 500k < 6M; on both books, a higher tier at the end.
    auto tier = [](double aum) { return (aum >= 50'000) + (aum >= 500'000) + (aum >= 6'000'000); };
    for (const auto& [customer, aum] : close_book)
        if (open_book.count(customer) && tier(aum) > tier(open_book.at(customer))) ++f.tier_upgrades;

    // Virtual profit (seed 001): 旬 averages of deposits and of the five loan classes.
    f.deposits_xun = ledger.xun_average(book, "deposit", q.days);
    for (const char* loan : kLoanClasses) f.loans_xun += ledger.xun_average(book, loan, q.days);
    f.interest = ledger.flow(book, "loan_interest", q.days);
    f.settlement = ledger.flow(book, "intl_settlement_income", q.days);
    f.lending_out = std::max(f.deposits_xun - f.loans_xun, 0.0) * 0.025 * year_share;
    f.income = f.interest + f.intermediate_income + f.settlement + f.lending_out;
    f.deposit_cost = f.deposits_xun * 0.015 * year_share;
    f.shortfall_cost = std::max(f.loans_xun - f.deposits_xun, 0.0) * 0.03 * year_share;
    f.funding_cost = f.deposit_cost + f.shortfall_cost;
    // Provision: substandard 30%, doubtful 50%, loss 100% of the quarter-end balances.
    auto provision = [&](banking_sample::Day d) {
        return ledger.end(book, "loan_substandard", d) * 0.30 + ledger.end(book, "loan_doubtful", d) * 0.50 +
               ledger.end(book, "loan_loss", d) * 1.00;
    };
    f.provision_now = provision(q.days.last);
    f.provision_before = provision(q.before.last);
    f.loan_loss = f.provision_now - f.provision_before;  // loan_loss_basis "change"
    f.virtual_profit = f.income - f.funding_cost - f.loan_loss;

    // RAROC: expected loss = Σ end balance × EL rate (0.5%, 3%, 30%, 50%, 100%) × days/360;
    // capital = 旬-average loans × 8%; annualised.
    const double el_rates[] = {0.005, 0.03, 0.30, 0.50, 1.00};
    for (int c = 0; c < 5; ++c)
        f.expected_loss += ledger.end(book, kLoanClasses[c], q.days.last) * el_rates[c];
    f.expected_loss *= year_share;
    f.capital = f.loans_xun * 0.08;
    f.raroc = (f.income - f.funding_cost - f.expected_loss) / f.capital / year_share * 100.0;

    // 经办贷款本季转入不良比例: loan_downgraded in the quarter, whole amounts, ÷ loans held at the
    // end of the previous quarter (whole amounts), in percent.
    f.downgraded = ledger.flow(book, "loan_downgraded", q.days, true);
    for (const char* loan : kLoanClasses) f.loans_held_before += ledger.end(book, loan, q.before.last, true);
    f.npl_formed_ratio = f.downgraded / f.loans_held_before * 100.0;
    f.violations = ledger.event_quantity(who, "violation", q.days);

    // 业绩: completion = 日均增量 ÷ task, core.linear floor 0, full 1, cap 1.2.
    f.target = ledger.target(who, "deposit_increment", q.period);
    f.completion = f.deposit_avg_increment / f.target;
    f.sales_score = linear(f.completion, 0, 1.0, 1.2);
    // 客户流失率: opening customers with AUM ≥ 10,000; lost when gone or below 10% of the opening AUM.
    for (const auto& [customer, aum] : open_book) {
        if (aum <= 0 || aum < 10'000) continue;
        ++f.churn_base;
        const auto now = close_book.find(customer);
        if (now == close_book.end() || now->second < 0.1 * aum) ++f.churn_lost;
    }
    f.churn = 100.0 * f.churn_lost / f.churn_base;
    f.churn_score = lower_is_better(f.churn, 0, 20);
    // 户均持有产品数: of card, wealth, fund, insurance, those above 0 at quarter end, per customer.
    for (const auto& [customer, aum] : close_book)
        for (const char* product : {"holds_card", "holds_wealth", "holds_fund", "holds_insurance"})
            f.products += ledger.customer_balance(customer, product, q.days.last) > 0 ? 1 : 0;
    f.customers = static_cast<int>(close_book.size());
    f.cross_sell = static_cast<double>(f.products) / f.customers;
    // threshold_bands, interpolated: 1.0 → 60, 1.6 → 100, 2.2 → 110 and flat beyond.
    const double x = f.cross_sell;
    f.cross_sell_score = x < 1.0    ? 0
                         : x >= 2.2 ? 110
                         : x >= 1.6 ? 100 + 10 * (x - 1.6) / 0.6
                                    : 60 + 40 * (x - 1.0) / 0.6;

    // 服务: rating means; problem solving supervisor 60% + peers 40%.
    f.satisfaction = mean(ledger.ratings(who, q.period, "customer", "satisfaction"));
    f.attitude = mean(ledger.ratings(who, q.period, "customer", "attitude"));
    f.efficiency = mean(ledger.ratings(who, q.period, "supervisor", "efficiency"));
    f.problem_solving = 0.6 * mean(ledger.ratings(who, q.period, "supervisor", "problem_solving")) +
                        0.4 * mean(ledger.ratings(who, q.period, "peer", "problem_solving"));
    f.complaints = ledger.event_count(who, "complaint", q.days);
    f.complaint_score = lower_is_better(f.complaints, 0, 4);
    // 风险: the compliance department's pass rates at quarter end (manager facts).
    auto pass_rate = [&](const char* metric) {
        return ledger.balance("manager", who, metric, q.days.last).value();
    };
    f.admission = pass_rate("admission_pass_rate");
    f.aml = pass_rate("aml_pass_rate");
    f.credit_risk = pass_rate("credit_risk_pass_rate");

    // Senior weights: results 45% (35/35/30), service 30% (50/20/15/7.5/7.5),
    // risk 25% (30/30/40). Ratings and pass rates score as themselves (linear, floors 60 and 80).
    f.results_score = 0.35 * f.sales_score + 0.35 * f.churn_score + 0.30 * f.cross_sell_score;
    f.service_score = 0.50 * linear(f.satisfaction, 60, 100, 100) + 0.20 * f.complaint_score +
                      0.15 * linear(f.efficiency, 60, 100, 100) + 0.075 * linear(f.attitude, 60, 100, 100) +
                      0.075 * linear(f.problem_solving, 60, 100, 100);
    f.risk_score = 0.30 * linear(f.admission, 80, 100, 100) + 0.30 * linear(f.aml, 80, 100, 100) +
                   0.40 * linear(f.credit_risk, 80, 100, 100);
    f.results_points = 0.45 * f.results_score;
    f.service_points = 0.30 * f.service_score;
    f.risk_points = 0.25 * f.risk_score;
    f.total = f.results_points + f.service_points + f.risk_points;
    return f;
}

const json::object& manager(const json::object& run, const std::string& id) {
    for (const auto& m : run.at("managers").as_array())
        if (m.at("manager_id").as_string() == id) return m.as_object();
    throw std::runtime_error("no manager " + id);
}
const json::object& row(const json::object& m, const std::string& id) {
    for (const auto& x : m.at("indicators").as_array())
        if (x.at("id").as_string() == id) return x.as_object();
    throw std::runtime_error("no indicator " + id);
}
double value(const json::object& m, const std::string& id) {
    return row(m, id).at("value").to_number<double>();
}
int64_t pay(const json::object& m, const std::string& code) {
    for (const auto& p : m.at("pay").as_array())
        if (p.at("code").as_string() == code) return p.at("amount_fen").to_number<int64_t>();
    throw std::runtime_error("no pay line " + code);
}

class SampleManagerCM06 : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        std::string pattern = (fs::temp_directory_path() / "merit-bank-cm06.XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
        const std::string ws = (dir_ / "ws.merit").string();
        const std::string scheme = std::string(MERIT_SOURCE_DIR) + "/config/banking.scheme.json";
        ASSERT_EQ(merit_test::run_merit("init " + ws).status, 0);
        ASSERT_EQ(merit_test::run_merit("import " + ws + " --dir " + std::string(MERIT_SOURCE_DIR) +
                                        "/config/samples/banking")
                      .status,
                  0);
        for (const auto& [period, out] :
             {std::pair<std::string, json::object*>{"2026-Q1", &q1_}, {"2026-Q2", &q2_}}) {
            const auto run = merit_test::run_merit("run " + ws + " --scheme " + scheme + " --period " +
                                                   period + " --json");
            ASSERT_EQ(run.status, 0) << run.text;
            *out = json::parse(run.text.substr(run.text.find('{'))).as_object();
        }
        const auto explained = merit_test::run_merit("explain " + ws + " --run 2 --manager CM06");
        ASSERT_EQ(explained.status, 0) << explained.text;
        explain_ = explained.text;
        ledger_ = new SampleLedger("banking");
        hand_q1_ = figures_of(*ledger_, "CM06", kQ1);
        hand_q2_ = figures_of(*ledger_, "CM06", kQ2);
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
    static inline json::object q1_, q2_;
    static inline std::string explain_;
    static inline SampleLedger* ledger_ = nullptr;
    static inline Figures hand_q1_, hand_q2_;
};

// CM06's loans, every row of facts.csv (owner share 1 for each):
//   C0267 normal 1,142,000 from 2025-10-01, 1,485,000 from 2026-05-17 (+343,000 issued)
//   C0271 normal 3,000,000 from 2025-10-01; on 2026-05-12 normal 0, substandard 2,400,000,
//         doubtful 600,000, loan_downgraded 3,000,000
//   C0279 normal 6,961,000   C0288 normal 2,142,000   C0291 normal 3,204,000
//   C0282 normal 5,406,000, 7,028,000 from 2026-05-15 (+1,622,000 issued)
//   C0285 (his from 2026-05-17) normal 9,050,000 issued 2026-05-17
TEST_F(SampleManagerCM06, LoansInterestAndSettlementListedRowByRow) {
    // Q1 and Q4: 1,142,000 + 3,000,000 + 6,961,000 + 5,406,000 + 2,142,000 + 3,204,000 = 21,855,000
    // every day, so every 旬 average is 21,855,000.
    EXPECT_NEAR(hand_q1_.loans_xun, 21'855'000.0, 1e-6);
    EXPECT_NEAR(hand_q1_.loans_held_before, 21'855'000.0, 1e-6);
    EXPECT_NEAR(hand_q2_.loans_held_before, 21'855'000.0, 1e-6);
    // Q2's nine 旬: Apr 1–10 … May 1–10 (4 旬) 21,855,000; May 11–20 (10 days) adds C0282's
    // 1,622,000 on 6 days (15–20), C0267's 343,000 and C0285's 9,050,000 on 4 days (17–20):
    //   21,855,000 + (1,622,000 × 6 + 343,000 × 4 + 9,050,000 × 4) / 10 = 26,585,400;
    // May 21–31 and June (4 旬): 21,855,000 + 1,622,000 + 343,000 + 9,050,000 = 32,870,000.
    // C0271's move between classes leaves its 3,000,000 in the sum.
    EXPECT_NEAR(hand_q2_.loans_xun, (4 * 21'855'000.0 + 26'585'400.0 + 4 * 32'870'000.0) / 9, 1e-6);
    EXPECT_NEAR(hand_q2_.loans_xun, 27'276'155.5556, 1e-4);
    // Issued in Q2: 343,000 + 1,622,000 + 9,050,000 = 11,015,000; nothing in Q1.
    EXPECT_NEAR(hand_q2_.loan_issuance, 11'015'000.0, 1e-6);
    EXPECT_EQ(hand_q1_.loan_issuance, 0.0);
    // Interest, monthly on the 21st: C0267 4,139.75, C0271 10,875, C0279 25,233.62, C0282 19,596.75,
    // C0288 7,764.75, C0291 11,614.50 = 79,224.37 a month; C0285 32,806.25 from May 21.
    //   Q1: 3 × 79,224.37 = 237,673.11;  Q2: 237,673.11 + 2 × 32,806.25 = 303,285.61
    EXPECT_NEAR(hand_q1_.interest, 237'673.11, 1e-6);
    EXPECT_NEAR(hand_q2_.interest, 303'285.61, 1e-6);
    // International settlement: Q1 C0267 1,186.93 + C0279 3,156.32 + 2,634.10 + C0282 3,058.17 = 10,035.52;
    // Q2 C0267 861.80 + C0271 3,216.75 + C0279 7,455.16 + 6,376.45 + C0282 2,609.74 + 2,291.58
    //    + C0285 3,082.54 + C0288 1,277.04 = 27,171.06
    EXPECT_NEAR(hand_q1_.settlement, 10'035.52, 1e-6);
    EXPECT_NEAR(hand_q2_.settlement, 27'171.06, 1e-6);
    // Provision at the end of Q2: 2,400,000 × 30% + 600,000 × 50% = 1,020,000; none before.
    EXPECT_NEAR(hand_q2_.provision_now, 1'020'000.0, 1e-6);
    EXPECT_EQ(hand_q2_.provision_before, 0.0);
    EXPECT_EQ(hand_q1_.provision_now, 0.0);
    // Expected loss at the end of Q2: normal 1,485,000 + 6,961,000 + 7,028,000 + 9,050,000
    // + 2,142,000 + 3,204,000 = 29,870,000 × 0.5% = 149,350; + 720,000 + 300,000 = 1,169,350 × 91/360.
    EXPECT_NEAR(hand_q2_.expected_loss, 1'169'350.0 * 91 / 360, 1e-6);
    // Turned bad in Q2: C0271's 3,000,000 ÷ 21,855,000 = 13.7268%.
    EXPECT_NEAR(hand_q2_.npl_formed_ratio, 3'000'000.0 / 21'855'000.0 * 100, 1e-9);
    EXPECT_EQ(hand_q1_.downgraded, 0.0);
}

// Ratings (ratings.csv), pass rates (manager facts) and tasks (targets.csv), every row.
TEST_F(SampleManagerCM06, RatingsPassRatesAndTasksListedRowByRow) {
    // Q2: customers satisfaction 90, 91, 85 → 88.6667; attitude 87, 90, 84 → 87; supervisor efficiency 84;
    // problem solving supervisor 91, peers 94 and 86 → 0.6 × 91 + 0.4 × 90 = 90.6.
    EXPECT_NEAR(hand_q2_.satisfaction, 266.0 / 3, 1e-12);
    EXPECT_EQ(hand_q2_.attitude, 87.0);
    EXPECT_EQ(hand_q2_.efficiency, 84.0);
    EXPECT_NEAR(hand_q2_.problem_solving, 90.6, 1e-12);
    // Q1: satisfaction 85, 91, 85 → 87; attitude 89, 84, 85 → 86; efficiency 89;
    // problem solving 0.6 × 93 + 0.4 × (87 + 93) / 2 = 91.8.
    EXPECT_EQ(hand_q1_.satisfaction, 87.0);
    EXPECT_EQ(hand_q1_.attitude, 86.0);
    EXPECT_EQ(hand_q1_.efficiency, 89.0);
    EXPECT_NEAR(hand_q1_.problem_solving, 91.8, 1e-12);
    // Pass rates on 2026-06-30: 98.4, 97.1, 80.0; on 2026-03-31: 93.3, 93.0, 95.1.
    EXPECT_EQ(hand_q2_.admission, 98.4);
    EXPECT_EQ(hand_q2_.aml, 97.1);
    EXPECT_EQ(hand_q2_.credit_risk, 80.0);
    EXPECT_EQ(hand_q1_.admission, 93.3);
    // Tasks: 2,259,000 in Q1, 6,778,000 in Q2. No complaint, no violation in either quarter.
    EXPECT_EQ(hand_q1_.target, 2'259'000.0);
    EXPECT_EQ(hand_q2_.target, 6'778'000.0);
    EXPECT_EQ(hand_q2_.complaints + hand_q1_.complaints + hand_q2_.violations + hand_q1_.violations, 0.0);
}

// Every input and indicator of both quarters as stored by the runs.
TEST_F(SampleManagerCM06, EveryValueScoreAndContributionOfBothQuartersMatchesTheHandFigures) {
    for (const auto& [run, f] : {std::pair{&q1_, &hand_q1_}, std::pair{&q2_, &hand_q2_}}) {
        const auto& m = manager(*run, "CM06");
        auto near = [](double a, double b) { return std::abs(a - b) <= 1e-7 * std::max(1.0, std::abs(b)); };
        EXPECT_PRED2(near, value(m, "deposit_avg_increment"), f->deposit_avg_increment);
        EXPECT_PRED2(near, value(m, "deposit_point_increment"), f->deposit_point_increment);
        EXPECT_PRED2(near, value(m, "loan_issuance"), f->loan_issuance);
        EXPECT_PRED2(near, value(m, "intermediate_income"), f->intermediate_income);
        EXPECT_PRED2(near, value(m, "aum_growth"), f->aum_growth);
        EXPECT_EQ(value(m, "new_customers"), f->new_customers);
        EXPECT_EQ(value(m, "tier_upgrades"), f->tier_upgrades);
        EXPECT_PRED2(near, value(m, "virtual_profit"), f->virtual_profit);
        EXPECT_PRED2(near, value(m, "raroc"), f->raroc);
        EXPECT_PRED2(near, value(m, "npl_formed_ratio"), f->npl_formed_ratio);
        EXPECT_EQ(value(m, "violations"), 0.0);
        const std::pair<const char*, double> values[] = {
            {"sales_completion", f->completion}, {"customer_maintenance", f->churn},
            {"referral_quality", f->cross_sell}, {"satisfaction", f->satisfaction},
            {"complaint_rate", f->complaints},   {"service_efficiency", f->efficiency},
            {"service_attitude", f->attitude},   {"problem_solving", f->problem_solving},
            {"admission_pass", f->admission},    {"aml_pass", f->aml},
            {"credit_risk_pass", f->credit_risk}};
        for (const auto& [id, expected] : values) EXPECT_PRED2(near, value(m, id), expected) << id;
        EXPECT_PRED2(near, row(m, "sales_completion").at("score").to_number<double>(), f->sales_score);
        EXPECT_PRED2(near, row(m, "referral_quality").at("score").to_number<double>(), f->cross_sell_score);
        // Risk managers have their own scheme (banking-risk): no zero-weight co-signed NPL row here.
        EXPECT_THROW(row(m, "cosigned_npl"), std::runtime_error);
        EXPECT_PRED2(near, m.at("base_total").to_number<double>(), f->total);
        EXPECT_PRED2(near, m.at("total").to_number<double>(), f->total);
    }
}

// The 2026-Q2 explain, line by line.
TEST_F(SampleManagerCM06, ExplainOfQ2ShowsEveryInputFigure) {
    const Figures& f = hand_q2_;
    expect_line("grade 高级一级 (weights of grade group senior)");
    // Deposits: 52 customers' balances at each 旬 start (about 15% missing, carried forward).
    expect_line("deposit_avg_increment 存款日均增量(较上季) = " + trimmed(f.deposit_avg_increment) + " 元");
    expect_line("deposit increment = " + trimmed(f.deposit_avg_now, 2) + " − " +
                trimmed(f.deposit_avg_before, 2) + " (2026-Q1) = " + trimmed(f.deposit_avg_increment, 2));
    expect_line("deposit_point_increment 存款时点增量(较上季末) = " + trimmed(f.deposit_point_increment) +
                " 元");
    expect_line("deposit increment = " + trimmed(f.deposit_end_now, 2) + " − " +
                trimmed(f.deposit_end_before, 2) + " (2026-Q1) = " + trimmed(f.deposit_point_increment, 2));
    expect_line("loan_issuance 贷款投放额 = 11015000 元");
    expect_line("intermediate_income 中间业务收入 = " + trimmed(f.intermediate_income) + " 元");
    expect_line("intermediate income = wealth " + trimmed(f.fee[0], 2) + " + fund " + trimmed(f.fee[1], 2) +
                " + insurance " + trimmed(f.fee[2], 2) + " + settlement " + trimmed(f.fee[3], 2) +
                " + agency " + trimmed(f.fee[4], 2) + " = " + trimmed(f.intermediate_income, 2));
    expect_line("aum_growth 客户AUM增长率 = " + trimmed(f.aum_growth) + " %");
    expect_line("AUM growth = (" + trimmed(f.aum_end_now, 2) + " − " + trimmed(f.aum_end_before, 2) + ") / " +
                trimmed(f.aum_end_before, 2) + " = " + trimmed(f.aum_growth) + "%");
    expect_line("new_customers 新增有效客户(AUM≥5万) = " + std::to_string(f.new_customers) + " 户");
    expect_line("new customers 2026-04-01..2026-06-30: " + std::to_string(f.new_customers) +
                " with aum >= 50000, " + std::to_string(f.new_below) + " below");
    expect_line("tier_upgrades 客户等级提升数 = " + std::to_string(f.tier_upgrades) + " 户");
    // Virtual profit over 91 days, day count 360.
    expect_line("lending-out income = max(deposits " + trimmed(f.deposits_xun, 2) +
                " − loans 27276155.56, 0) × "
                "2.5% × 91/360 = " +
                trimmed(f.lending_out, 2));
    expect_line("business income = interest 303285.61 + intermediate " + trimmed(f.intermediate_income, 2) +
                " + settlement 27171.06 + lending-out " + trimmed(f.lending_out, 2) + " = " +
                trimmed(f.income, 2));
    expect_line("deposit cost = " + trimmed(f.deposits_xun, 2) +
                " × 1.5% × 91/360 = " + trimmed(f.deposit_cost, 2));
    // Deposits exceed loans: no shortfall to borrow at 3%.
    EXPECT_GT(f.deposits_xun, f.loans_xun);
    expect_line("shortfall cost = max(loans 27276155.56 − deposits " + trimmed(f.deposits_xun, 2) +
                ", 0) × 3% × 91/360 = 0");
    expect_line("provision = 2400000×30% + 600000×50% + 0×100% = 1020000");
    expect_line("provision 2026-Q1 = 0×30% + 0×50% + 0×100% = 0");
    expect_line("loan loss = provision 1020000 − previous provision 0 = 1020000");
    EXPECT_LT(f.virtual_profit, 0);  // the provision outweighs the quarter's income
    expect_line("virtual_profit 虚拟利润 = " + trimmed(f.virtual_profit) + " 元");
    expect_line("virtual profit = income " + trimmed(f.income, 2) + " − funding cost " +
                trimmed(f.funding_cost, 2) + " − loan loss 1020000 = " + trimmed(f.virtual_profit, 2));
    expect_line("expected loss = Σ class balance × EL rate × 91/360 = " + trimmed(f.expected_loss, 2));
    expect_line("economic capital = " + trimmed(f.capital));
    expect_line("raroc RAROC(年化) = " + trimmed(f.raroc) + " %");
    expect_line("loans held at the end of 2026-Q1 = 21855000");
    expect_line("turned non-performing 3000000 / loans held 21855000 = " + trimmed(f.npl_formed_ratio) + "%");
    expect_line("violations 合规违规次数 = 0 次");
}

TEST_F(SampleManagerCM06, ExplainOfQ2ShowsEveryScoreWeightAndPoint) {
    const Figures& f = hand_q2_;
    // 业绩 45%: completion 6,402,991.59 ÷ 6,778,000 = 0.9447 → 94.4673; no customer of the 45 held on
    // 2026-03-31 with AUM ≥ 10,000 was lost → 100; 135 products / 52 customers = 2.5962 ≥ 2.2 → 110.
    EXPECT_EQ(f.churn_base, 45);
    EXPECT_EQ(f.churn_lost, 0);
    EXPECT_EQ(f.products, 135);
    EXPECT_EQ(f.customers, 52);
    EXPECT_EQ(f.cross_sell_score, 110.0);
    expect_line("100 × min(" + trimmed(f.completion) + ", cap 1.2) ÷ full 1 = " + trimmed(f.sales_score));
    expect_line("45% x 35% x " + trimmed(f.sales_score) + " = " + trimmed(0.45 * 0.35 * f.sales_score));
    expect_line("churn = 0 lost / 45 held on 2026-03-31 = 0%");
    expect_line("45% x 35% x 100 = 15.75");
    expect_line("cross-sell = 135 products / 52 customers = " + trimmed(f.cross_sell));
    expect_line("45% x 30% x 110 = 14.85");
    // No zero-weight row: the co-signed NPL ratio belongs to the risk managers' scheme.
    EXPECT_EQ(explain_.find("45% x 0% x"), std::string::npos);
    expect_line("dimension score " + trimmed(f.results_score) + " x 45% = " + trimmed(f.results_points));
    // 服务 30%: 88.6667 × 50%, no complaint 100 × 20%, 84 × 15%, 87 × 7.5%, 90.6 × 7.5%.
    expect_line("30% x 50% x 88.6667 = 13.3");
    expect_line("30% x 20% x 100 = 6");
    expect_line("30% x 15% x 84 = 3.78");
    expect_line("30% x 7.5% x 87 = 1.9575");
    expect_line("30% x 7.5% x 90.6 = 2.0385");
    //   0.5 × 88.6667 + 0.2 × 100 + 0.15 × 84 + 0.075 × 87 + 0.075 × 90.6 = 90.2533
    expect_line("dimension score 90.2533 x 30% = 27.076");
    EXPECT_NEAR(f.service_points, 27.076, 1e-9);
    // 风险 25%: 98.4 × 30% + 97.1 × 30% + 80 × 40% = 90.65 → 22.6625.
    expect_line("25% x 30% x 98.4 = 7.38");
    expect_line("25% x 30% x 97.1 = 7.2825");
    expect_line("25% x 40% x 80 = 8");
    expect_line("dimension score 90.65 x 25% = 22.6625");
    EXPECT_NEAR(f.risk_points, 22.6625, 1e-9);
    // Total 45.4786 + 27.076 + 22.6625 = 95.2171; no veto.
    expect_line("= " + trimmed(f.total) + " (base total " + trimmed(f.total) + ")");
    expect_line("adjustments\n  none\ntotal: " + trimmed(f.total) + "\n");
    EXPECT_NEAR(f.total, 95.2171, 1e-4);
}

// 95.2171 ≥ 90 is 优秀, and 优秀 is limited to 20% of the 30 customer managers in scope, 6 (risk
// managers are rated in their own scheme, banking-risk). Five totals are higher (CM02 102.1925,
// CM17 101.7582, CM14 98.374, CM05 98.084, CM03 97.3712), so CM06 is number 6 and stays 优秀; CM07
// (90.9643 ≥ 90) is number 7 and moves down to 良好.
TEST_F(SampleManagerCM06, TheDistributionLimitKeepsTheSixthTotalAboveNinetyAndMovesTheSeventhDown) {
    const auto& managers = q2_.at("managers").as_array();
    ASSERT_EQ(managers.size(), 30u);
    int higher = 0, higher_in_unit = 0, in_unit = 0;
    for (const auto& m : managers) {
        EXPECT_EQ(m.at("role").as_string(), "customer_manager");
        // CM06 itself is left out: its stored total equals the hand figure only to 1e-9.
        const bool above =
            m.at("manager_id").as_string() != "CM06" && m.at("total").to_number<double>() > hand_q2_.total;
        higher += above;
        if (m.at("org_unit_id").as_string() == "SB02") {
            ++in_unit;
            higher_in_unit += above;
        }
    }
    EXPECT_EQ(higher, 5);
    EXPECT_EQ(30 / 5, 6);  // 20% of 30
    const auto& m = manager(q2_, "CM06");
    EXPECT_EQ(m.at("rating").as_string(), "优秀");
    EXPECT_EQ(m.at("rank").to_number<int>(), higher + 1);
    expect_line("rating: 优秀 (band 0): total " + trimmed(hand_q2_.total) + " >= 90 (优秀)\n");
    expect_line("rank: 6 of 30 overall; " + std::to_string(higher_in_unit + 1) + " of " +
                std::to_string(in_unit) + " in SB02");
    const auto& seventh = manager(q2_, "CM07");
    EXPECT_EQ(seventh.at("rank").to_number<int>(), 7);
    EXPECT_EQ(seventh.at("rating").as_string(), "良好");
    EXPECT_NE(std::string(seventh.at("band_reason").as_string())
                  .find("moved from 优秀 to 良好: distribution[0] allows 6 of 30 (20%) in scope all, this is "
                        "number 7 by total then id"),
              std::string::npos)
        << seventh.at("band_reason").as_string();
}

// Pay, every fen. Q1 earns the bonus; Q2 pays its first deferred instalment less the clawback.
TEST_F(SampleManagerCM06, EveryFenOfBothQuartersPay) {
    // Q1: total 89.27 ≥ 60 and virtual profit > 0: bonus 3% of it; 30% of the bonus held back.
    ASSERT_GE(hand_q1_.total, 60.0);
    ASSERT_GT(hand_q1_.virtual_profit, 0.0);
    const int64_t q1_bonus = merit::to_fen(hand_q1_.virtual_profit * 0.03);  // 282,412.66 × 3% = 8,472.38
    const int64_t q1_hold = merit::to_fen(merit::to_yuan(q1_bonus) * 0.30);  // 8,472.38 × 30% = 2,541.71
    EXPECT_EQ(q1_bonus, 847'238);
    EXPECT_EQ(q1_hold, 254'171);
    const auto& q1 = manager(q1_, "CM06");
    EXPECT_EQ(pay(q1, "vp_bonus"), q1_bonus);
    EXPECT_EQ(pay(q1, "deferred_hold"), -q1_hold);
    EXPECT_EQ(pay(q1, "base_pay"), 1'560'000);  // 高级一级 5,200 × 3 months
    EXPECT_EQ(q1.at("pay_fen").to_number<int64_t>(), q1_bonus - q1_hold + 1'560'000);

    // Instalments of 254,171 fen over three quarters: 84,723 each, the 2 fen left over in the first:
    // 84,725 + 84,723 + 84,723.
    const int64_t first = 84'725, later = 84'723;
    EXPECT_EQ(first + 2 * later, q1_hold);
    // Q2 clawback: 13.7268% (the ratio in percent × 0.01) of each outstanding instalment:
    //   84,725 × 0.137268 → 11,630 fen; 84,723 × 0.137268 → 11,630 fen (each rounded to the fen).
    const double fraction = hand_q2_.npl_formed_ratio * 0.01;
    const int64_t lost_first = merit::to_fen(merit::to_yuan(first) * fraction);
    const int64_t lost_later = merit::to_fen(merit::to_yuan(later) * fraction);
    EXPECT_EQ(lost_first, 11'630);
    EXPECT_EQ(lost_later, 11'630);
    const int64_t released = first - lost_first;            // 73,095
    const int64_t forfeited = lost_first + 2 * lost_later;  // 34,890
    const int64_t carried = 2 * (later - lost_later);       // 146,186 still deferred

    // Joint accountability: min(8,000, 500 × 1 case + 0.1% × 3,000,000) = 3,500 yuan.
    const int64_t penalty = merit::to_fen(std::min(8'000.0, 500.0 * 1 + 0.001 * 3'000'000));
    EXPECT_EQ(penalty, 350'000);
    const int64_t base = merit::to_fen(5'200.0 * 3);

    const auto& q2 = manager(q2_, "CM06");
    EXPECT_EQ(pay(q2, "vp_bonus"), 0);  // negative virtual profit
    EXPECT_EQ(pay(q2, "deferred_release"), released);
    EXPECT_EQ(pay(q2, "ja_manager"), -penalty);
    EXPECT_EQ(pay(q2, "base_pay"), base);
    const int64_t total = released - penalty + base;  // 73,095 − 350,000 + 1,560,000 = 1,283,095
    EXPECT_EQ(total, 1'283'095);
    EXPECT_EQ(q2.at("pay_fen").to_number<int64_t>(), total);

    expect_line("虚拟利润奖金 (banking.virtual_profit_bonus): 0.00 yuan — virtual profit " +
                trimmed(hand_q2_.virtual_profit, 2) + " <= 0: no bonus");
    expect_line("递延奖金发放 (core.deferred): " + merit::format_yuan(released) +
                " yuan — instalment due " + merit::format_yuan(first) + " of deferred balance " +
                merit::format_yuan(q1_hold) + " after clawback of " + trimmed(fraction * 100) + "% (" +
                merit::format_yuan(forfeited) + " forfeited): paid " + merit::format_yuan(released));
    expect_line(
        "连带问责(客户经理) (banking.joint_accountability): -3500.00 yuan — as customer manager: 1 × (500 × "
        "1 "
        "cases + 0.1% × 3000000) = 3500 → −3500.00 yuan");
    expect_line(
        "等级底薪 (banking.grade_ladder): 15600.00 yuan — 高级一级 5200 yuan/month × 3 months = 15600.00 "
        "yuan");
    expect_line(
        "pay total: 0.00 + 730.95 - 3500.00 + 15600.00 = 12830.95 yuan (1283095 fen; stored 1283095 fen)");
    expect_line("clawback -> " + merit::format_yuan(forfeited) + " (deferred)");
    expect_line("joint_accountability -> 1 cases / 3000000 yuan (joint_accountability)");
    expect_line("deferred balance: " + merit::format_yuan(q1_hold) + " − forfeited " +
                merit::format_yuan(forfeited) + " − paid " + merit::format_yuan(released) +
                " + held 0.00 = " + merit::format_yuan(carried));
    // 优秀 is the promotion band: one grade up from 高级一级 (the bad loan costs pay, not the rating).
    expect_line("grade -> 资深 (base_pay): rated 优秀: proposed one grade up from 高级一级");
}

}  // namespace
