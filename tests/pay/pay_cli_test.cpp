// `merit pay ...` on the staged binary: the same steps as the library, a
// refusal as one line with exit 1, status --json, the export to a 0600 file;
// then a dispute of the released run through the command line.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/json.hpp>
#include <fstream>

#include "pay/pay_fixture.hpp"
#include "support/merit_cli.hpp"

namespace merit::testing {
namespace {

using merit_test::run_merit;

class PayCli : public PayFixture {
protected:
    void SetUp() override {
        PayFixture::SetUp();
        store_run();
        set_current_actor(operator_actor());
        scratch().close();
        ws = scratch().path().string();
    }
    merit_test::CliOutput merit(const std::string& args) { return run_merit(args); }
    std::string ws;
};

TEST_F(PayCli, FromSubmissionToThePayrollFile) {
    EXPECT_EQ(merit("--as sup1 pay approvers " + ws + " --set hr,sup1,sup2 --required 2").status, 1);
    EXPECT_EQ(merit("--as hr pay approvers " + ws + " --set hr,sup1,sup2 --required 2").text,
              "pay.approval: 2 of hr, sup1, sup2\n");
    EXPECT_EQ(merit("--as hr pay submit " + ws + " --run 1 --reason 二季度").status, 0);
    const auto own = merit("--as hr pay approve " + ws + " --run 1");
    EXPECT_EQ(own.status, 1);
    EXPECT_EQ(
        own.text,
        "merit: error: refused: hr (hr_admin) may not pay.approve run:1: the submitter may not approve the "
        "pay they submitted (four eyes)\n");
    const auto early = merit("--as pay pay export " + ws + " --run 1 --format csv");
    EXPECT_EQ(early.status, 1);
    EXPECT_EQ(early.text,
              "merit: error: run 1: pay is submitted, not released; only released pay is exported\n");
    EXPECT_EQ(merit("--as sup1 pay approve " + ws + " --run 1 --reason 核对无误").status, 0);
    EXPECT_EQ(merit("--as sup2 pay approve " + ws + " --run 1").status, 0);
    EXPECT_EQ(merit("--as hr pay release " + ws + " --run 1").status, 0);
    const auto status = merit("--as aud pay status " + ws + " --run 1 --json");
    ASSERT_EQ(status.status, 0) << status.text;
    const auto j = boost::json::parse(status.text);
    EXPECT_EQ(j.at("state").as_string(), "released");
    EXPECT_EQ(j.at("approvals").at(0).at("user").as_string(), "sup1");
    EXPECT_EQ(j.at("approvals").at(0).at("reason").as_string(), "核对无误");
    const std::string out = (scratch().dir() / "payroll.csv").string();
    EXPECT_EQ(merit("--as pay pay export " + ws + " --run 1 --format csv --out " + out).status, 0);
    std::ifstream in(out);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_EQ(text.substr(0, text.find('\n')), "manager_id,name,PERF,DEPOSIT,PENALTY,total_fen");
    EXPECT_NE(text.find("CM06,吴国栋,50000,0,-1500,48500\n"), std::string::npos);
    struct stat st {};
    ASSERT_EQ(::stat(out.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    const auto refused = merit("--as sup1 pay export " + ws + " --run 1 --format json");
    EXPECT_EQ(
        refused.text,
        "merit: error: refused: sup1 (supervisor) may not pay.export run:1: only payroll and hr_admin may\n");
    // Released: the manager may dispute a line of it.
    const auto opened = merit("--as cm01 dispute open " + ws +
                              " --run 1 --manager CM01 --line pay:PERF --reason 未计入 --json");
    ASSERT_EQ(opened.status, 0) << opened.text;
    EXPECT_EQ(boost::json::parse(opened.text).at("state").as_string(), "open");
    EXPECT_EQ(merit("--as sup1 dispute request-info " + ws + " --dispute 1 --reason 请提供清单").status, 0);
    const auto shown = merit("--as cm01 dispute show " + ws + " --dispute 1 --json");
    ASSERT_EQ(shown.status, 0) << shown.text;
    EXPECT_EQ(boost::json::parse(shown.text).at("events").at(1).at("text").as_string(), "请提供清单");
    EXPECT_EQ(merit("--as cm02 dispute show " + ws + " --dispute 1").status, 1);
}

}  // namespace
}  // namespace merit::testing
