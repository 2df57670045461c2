// End to end: both schemes run by the staged `merit` on their samples. The
// figures checked here are derived by hand from the sample CSVs (the test
// reads them and applies the rule), and `merit explain` must reconcile every
// point and every fen with the stored results.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <array>
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <merit/money.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/merit_cli.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

using Output = merit_test::CliOutput;

Output merit(const std::string& args) {
    return merit_test::run_merit(args);
}

// Rows of a sample CSV (no quoted commas in the samples), header skipped.
std::vector<std::vector<std::string>> csv(const std::string& sample, const std::string& table) {
    std::ifstream in(std::string(MERIT_SOURCE_DIR) + "/config/samples/" + sample + "/" + table + ".csv");
    std::vector<std::vector<std::string>> rows;
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ',')) cells.push_back(cell);
        if (!line.empty() && line.back() == ',') cells.push_back("");
        rows.push_back(cells);
    }
    return rows;
}

// Latest value of a customer stock metric on or before `day`, from facts.csv rows.
double balance_on(const std::vector<std::vector<std::string>>& facts, const std::string& customer,
                  const std::string& metric, const std::string& day) {
    std::string best_day;
    double value = 0;
    for (const auto& f : facts)
        if (f[0] == "customer" && f[1] == customer && f[2] == metric && f[3] <= day && f[3] >= best_day) {
            best_day = f[3];
            value = std::stod(f[4]);
        }
    return value;
}

class Workspace {
public:
    Workspace(const std::string& sample, const std::string& scheme) {
        std::string pattern = (fs::temp_directory_path() / ("merit-" + sample + ".XXXXXX")).string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        dir = pattern;
        ws = (dir / "ws.merit").string();
        this->scheme = std::string(MERIT_SOURCE_DIR) + "/config/" + scheme;
        if (merit("init " + ws).status != 0) throw std::runtime_error("init failed");
        const Output imported =
            merit("import " + ws + " --dir " + std::string(MERIT_SOURCE_DIR) + "/config/samples/" + sample);
        if (imported.status != 0) throw std::runtime_error("import failed: " + imported.text);
    }
    ~Workspace() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    // Runs the workspace's scheme, or another shipped scheme file of config/.
    json::object run(const std::string& period, const std::string& other_scheme = "") const {
        const std::string file =
            other_scheme.empty() ? scheme : std::string(MERIT_SOURCE_DIR) + "/config/" + other_scheme;
        const Output out = merit("run " + ws + " --scheme " + file + " --period " + period + " --json");
        if (out.status != 0) throw std::runtime_error("merit run failed: " + out.text);
        return json::parse(out.text.substr(out.text.find('{'))).as_object();
    }
    fs::path dir;
    std::string ws, scheme;
};

const json::object& manager(const json::object& run, const std::string& id) {
    for (const auto& m : run.at("managers").as_array())
        if (m.at("manager_id").as_string() == id) return m.as_object();
    throw std::runtime_error("no manager " + id);
}
const json::object& indicator(const json::object& m, const std::string& id) {
    for (const auto& x : m.at("indicators").as_array())
        if (x.at("id").as_string() == id) return x.as_object();
    throw std::runtime_error("no indicator " + id);
}
double number(const json::value& v) {
    return v.to_number<double>();
}
int64_t pay(const json::object& m, const std::string& code) {
    int64_t sum = 0;
    for (const auto& p : m.at("pay").as_array())
        if (p.at("code").as_string() == code) sum += p.at("amount_fen").to_number<int64_t>();
    return sum;
}
std::string decision(const json::object& m, const std::string& kind) {
    for (const auto& d : m.at("decisions").as_array())
        if (d.at("kind").as_string() == kind) return std::string(d.at("value").as_string());
    return "";
}

class BankingScheme : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        ws_ = new Workspace("banking", "banking.scheme.json");
        q1_ = ws_->run("2026-Q1");
        q2_ = ws_->run("2026-Q2");
        risk_q2_ = ws_->run("2026-Q2", "banking-risk.scheme.json");
        facts_ = csv("banking", "facts");
        assignments_ = csv("banking", "assignments");
    }
    static void TearDownTestSuite() { delete ws_; }
    // A risk manager's pay of one code in 2026-Q2 of their own scheme, run on the same workspace.
    static int64_t risk_pay(const std::string& id, const std::string& code) {
        return pay(manager(risk_q2_, id), code);
    }
    static inline Workspace* ws_ = nullptr;
    static inline json::object q1_, q2_, risk_q2_;
    static inline std::vector<std::vector<std::string>> facts_, assignments_;
};

TEST_F(BankingScheme, TheStarLeadsBothQuarters) {
    EXPECT_EQ(manager(q1_, "CM02").at("rank").to_number<int>(), 1);
    EXPECT_EQ(manager(q2_, "CM02").at("rank").to_number<int>(), 1);
    EXPECT_GT(pay(manager(q2_, "CM02"), "vp_bonus"), 0);
}

TEST_F(BankingScheme, ComplianceViolationIsAOneVoteVeto) {
    // CM09 is second in Q1; the violation of 2026-05-18 sets the Q2 total to 0: last, 不合格,
    // no virtual-profit bonus (the bonus needs a total of 60), and a proposal one grade down.
    EXPECT_EQ(manager(q1_, "CM09").at("rank").to_number<int>(), 2);
    const auto& m = manager(q2_, "CM09");
    EXPECT_TRUE(m.at("vetoed").as_bool());
    EXPECT_GT(number(m.at("base_total")), 90.0);
    EXPECT_EQ(number(m.at("total")), 0.0);
    EXPECT_EQ(m.at("rating").as_string(), "不合格");
    EXPECT_EQ(pay(m, "vp_bonus"), 0);
    EXPECT_EQ(decision(m, "grade"), "一级");
}

TEST_F(BankingScheme, WeightsDependOnTheGradeGroup) {
    // 000's indicator weights; dimension weights by group: senior 45/30/25, junior 55/25/20.
    const auto& senior = indicator(manager(q2_, "CM06"), "sales_completion");
    EXPECT_EQ(number(senior.at("dimension_weight")), 45.0);
    EXPECT_EQ(number(senior.at("weight")), 35.0);
    const auto& junior = indicator(manager(q2_, "CM15"), "sales_completion");
    EXPECT_EQ(number(junior.at("dimension_weight")), 55.0);
    EXPECT_EQ(number(junior.at("weight")), 45.0);
    // The contribution is dimension weight % × weight % × score.
    EXPECT_NEAR(number(senior.at("contribution")), 0.45 * 0.35 * number(senior.at("score")), 1e-9);
}

TEST_F(BankingScheme, SecondQuarterPaysInstalmentsAndClawsBackWhereALoanTurnedBad) {
    // Q1: 30% of CM06's virtual-profit bonus is held back in three instalments (left-over fen first).
    const auto& q1 = manager(q1_, "CM06");
    const int64_t hold = merit::to_fen(merit::to_yuan(pay(q1, "vp_bonus")) * 0.3);
    ASSERT_GT(hold, 0);
    EXPECT_EQ(pay(q1, "deferred_hold"), -hold);
    const int64_t part = hold / 3, first = hold - 2 * part;

    // Q2: C0271 (3,000,000) turned bad on 2026-05-12. The loans CM06 held at 2026-03-31, from the
    // CSVs: every customer CM06 owned that day, all five classes, whole amounts.
    double held = 0;
    for (const auto& a : assignments_)
        if (a[1] == "CM06" && (a[3] == "owner" || a[3] == "co_owner") && a[4] <= "2026-03-31" &&
            (a[5].empty() || a[5] >= "2026-03-31"))
            for (const char* metric :
                 {"loan_normal", "loan_special_mention", "loan_substandard", "loan_doubtful", "loan_loss"})
                held += balance_on(facts_, a[0], metric, "2026-03-31");
    const double fraction = 3'000'000.0 / held;  // forfeit_per_unit 0.01 × ratio in percent
    int64_t forfeited = 0;
    for (int64_t due : {first, part, part}) forfeited += merit::to_fen(merit::to_yuan(due) * fraction);
    const int64_t released = first - merit::to_fen(merit::to_yuan(first) * fraction);
    const auto& q2 = manager(q2_, "CM06");
    EXPECT_EQ(pay(q2, "deferred_release"), released);
    EXPECT_EQ(decision(q2, "clawback"), merit::format_yuan(forfeited));
    EXPECT_LT(number(indicator(q2, "virtual_profit").at("value")), 0.0);  // the provision hits the profit
    EXPECT_EQ(pay(q2, "vp_bonus"), 0);

    // The star had no bad loan: the first instalment of her Q1 deferral is paid in full.
    const int64_t star_hold = -pay(manager(q1_, "CM02"), "deferred_hold");
    EXPECT_EQ(pay(manager(q2_, "CM02"), "deferred_release"), star_hold - 2 * (star_hold / 3));
}

TEST_F(BankingScheme, JointAccountabilityPenalisesTheManagerAndTheCoSigningRiskManager) {
    // Penalty per role = min(8,000, 500 × cases + 0.1% × amount) for loans turned bad in Q2,
    // counted from loan_downgraded facts; the risk side through "risk" assignments.
    auto expected = [&](const std::string& who, const std::string& role) {
        int cases = 0;
        double amount = 0;
        for (const auto& f : facts_) {
            if (f[2] != "loan_downgraded" || f[3] < "2026-04-01" || f[3] > "2026-06-30") continue;
            for (const auto& a : assignments_)
                if (a[0] == f[1] && a[1] == who && (role == "risk" ? a[3] == "risk" : a[3] != "risk") &&
                    a[4] <= f[3] && (a[5].empty() || a[5] >= f[3])) {
                    ++cases;
                    amount += std::stod(f[4]);
                }
        }
        return -merit::to_fen(std::min(8000.0, 500.0 * cases + 0.001 * amount));
    };
    // CM06 and RM02 share C0271: 500 + 3,000 = 3,500 yuan each. The customer manager is penalised
    // here, the risk manager in the risk managers' own scheme (banking-risk).
    EXPECT_EQ(pay(manager(q2_, "CM06"), "ja_manager"), -350'000);
    EXPECT_EQ(risk_pay("RM02", "ja_risk"), -350'000);
    EXPECT_EQ(expected("CM06", "owner"), -350'000);
    EXPECT_EQ(expected("RM02", "risk"), -350'000);
    EXPECT_EQ(risk_pay("RM01", "ja_risk"), expected("RM01", "risk"));
    EXPECT_EQ(pay(manager(q1_, "CM06"), "ja_manager"), 0);  // nothing turned bad in Q1 for CM06
}

TEST_F(BankingScheme, OnlyCustomerManagersAreInTheCustomerManagersScheme) {
    // 30 customer managers (28 on the ladder, 2 trainees); the 3 risk managers have their own
    // scheme, so no row of this scheme is a zero-weight row kept for them.
    for (const auto* run : {&q1_, &q2_}) {
        ASSERT_EQ(run->at("managers").as_array().size(), 30u);
        for (const auto& m : run->at("managers").as_array()) {
            EXPECT_EQ(m.at("role").as_string(), "customer_manager");
            for (const auto& x : m.at("indicators").as_array()) {
                if (x.at("kind").as_string() == "indicator") {
                    EXPECT_GT(number(x.at("weight")), 0.0) << x.at("id").as_string();
                }
            }
        }
    }
}

TEST_F(BankingScheme, ExplainAccountsForEveryPointAndFen) {
    const Output out = merit("explain " + ws_->ws + " --run 2 --manager CM06");
    ASSERT_EQ(out.status, 0) << out.text;
    const auto& m = manager(q2_, "CM06");
    // Every indicator's contribution and every pay line appears; the sums match the stored run.
    for (const char* id : {"sales_completion", "customer_maintenance", "referral_quality", "satisfaction",
                           "complaint_rate", "service_efficiency", "service_attitude", "problem_solving",
                           "admission_pass", "aml_pass", "credit_risk_pass"})
        EXPECT_NE(out.text.find(id), std::string::npos) << id;
    for (const auto& p : m.at("pay").as_array())
        EXPECT_NE(out.text.find(std::string(p.at("basis").as_string())), std::string::npos);
    const std::string fen = std::to_string(m.at("pay_fen").to_number<int64_t>());
    EXPECT_NE(out.text.find("(" + fen + " fen; stored " + fen + " fen)"), std::string::npos) << out.text;
    double sum = 0;
    for (const auto& x : m.at("indicators").as_array()) sum += number(x.at("contribution"));
    EXPECT_NEAR(sum, number(m.at("base_total")), 1e-9);
    // Every virtual-profit term is written out.
    for (const char* term : {"lending-out income = max(deposits", "business income = interest",
                             "deposit cost = ", "shortfall cost = max(loans", "funding cost = ",
                             "provision = 2400000×30% + 600000×50%", "virtual profit = income"})
        EXPECT_NE(out.text.find(term), std::string::npos) << term;
}

class PostalScheme : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        ws_ = new Workspace("postal", "postal.scheme.json");
        june_ = ws_->run("2026-06");
        july_ = ws_->run("2026-07");
        facts_ = csv("postal", "facts");
        assignments_ = csv("postal", "assignments");
    }
    static void TearDownTestSuite() { delete ws_; }
    // Sum of a manager's customers' month-end balances; `existing_only` leaves out customers won in July.
    static double book(const std::string& who, const std::string& day, bool existing_only = false) {
        double sum = 0;
        for (const auto& a : assignments_)
            if (a[1] == who && (!existing_only || a[4] < "2026-07-01"))
                sum += balance_on(facts_, a[0], "deposit", day);
        return sum;
    }
    static inline Workspace* ws_ = nullptr;
    static inline json::object june_, july_;
    static inline std::vector<std::vector<std::string>> facts_, assignments_;
};

TEST_F(PostalScheme, FortyCustomersWithThirtyFiveMillionIsLevelFour) {
    const auto& m = manager(july_, "PS04");
    EXPECT_EQ(number(indicator(m, "customers_kept").at("value")), 40.0);
    EXPECT_NEAR(number(indicator(m, "balance").at("value")), 35'000'000.0, 1e-6);
    EXPECT_EQ(decision(m, "level"), "四级");
    EXPECT_EQ(pay(m, "base_pay"), 120'000);
}

TEST_F(PostalScheme, CommissionIsOnePerMilleOfANewHighOfExistingCustomers) {
    const std::vector<std::string> earlier{"2026-01-31", "2026-02-28", "2026-03-31",
                                           "2026-04-30", "2026-05-31", "2026-06-30"};
    for (const std::string who : {"PS01", "PS04", "PS07"}) {
        double high = 0;
        for (const auto& day : earlier) high = std::max(high, book(who, day));
        const double now = book(who, "2026-07-31", true);
        const int64_t expected = now > high ? merit::to_fen((now - high) * 0.001) : 0;
        EXPECT_EQ(pay(manager(july_, who), "high_commission"), expected) << who;
    }
    EXPECT_GT(pay(manager(july_, "PS01"), "high_commission"), 0);
    EXPECT_EQ(pay(manager(july_, "PS07"), "high_commission"), 0);  // below her March high
}

TEST_F(PostalScheme, FinesFollowTheTableAndThreeOffDutyCatchesRemoveFromThePost) {
    const auto& m = manager(july_, "PS09");
    EXPECT_EQ(pay(m, "fine:off_duty_activity"), -15'000);  // 3 × 50 yuan
    EXPECT_EQ(decision(m, "flag"), "removed_from_post");
    EXPECT_EQ(pay(manager(july_, "PS11"), "fine:training_absent"), -10'000);
}

}  // namespace
