// The review, feedback and flow commands are thin layers over the library:
// the same steps, `--json` on every listing, refusals as one line, exit 1.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "import/scratch_workspace.hpp"
#include "store/sqlite.hpp"
#include "support/merit_cli.hpp"

namespace merit {
namespace {

using merit_test::run_merit;

class ReviewCli : public ::testing::Test {
protected:
    void SetUp() override {
        exec(s.ws().db(),
             "INSERT INTO org_units (id, name) VALUES ('SB01', '城南'); "
             "INSERT INTO managers (id, name, org_unit_id) VALUES ('CM01', '赵建国', 'SB01')");
        s.close();
        ws = s.path().string();
        ASSERT_EQ(
            merit("users add " + ws + " --id sup1 --name 李强 --role supervisor --org-unit SB01").status, 0);
        ASSERT_EQ(merit("users add " + ws + " --id cm01 --name 赵建国 --role manager --manager CM01").status,
                  0);
    }
    merit_test::CliOutput merit(const std::string& args) { return run_merit(args); }
    boost::json::value json_of(const std::string& args) {
        const auto out = merit(args);
        EXPECT_EQ(out.status, 0) << out.text;
        return boost::json::parse(out.text);
    }
    testing::ScratchWorkspace s;
    std::string ws;
};

TEST_F(ReviewCli, GoalsToSupervisorScoresThroughTheCommandLine) {
    EXPECT_EQ(json_of("--as sup1 review open " + ws + " CM01/2026-Q2 --json").at("state").as_string(),
              "goals_draft");
    EXPECT_EQ(merit("--as sup1 review goal " + ws +
                    " CM01/2026-Q2 --text 存款任务 --target deposit_increment=500000")
                  .status,
              0);
    EXPECT_EQ(merit("--as sup1 review act " + ws + " CM01/2026-Q2 propose_goals").status, 0);
    EXPECT_EQ(merit("--as cm01 review act " + ws + " CM01/2026-Q2 agree_goals").status, 0);
    EXPECT_EQ(
        merit("--as cm01 review act " + ws + " CM01/2026-Q2 submit_self --text 自评 --rating efficiency=80")
            .status,
        0);
    const auto bad =
        merit("--as sup1 review act " + ws + " CM01/2026-Q2 submit_scores --text 好 --rating efficiency=1e2");
    EXPECT_EQ(bad.status, 2);
    EXPECT_EQ(bad.text, "merit: error: --rating: '1e2' is not a number (digits, '.' for decimals)\n");
    const auto scored =
        json_of("--as sup1 review act " + ws +
                " CM01/2026-Q2 submit_scores --text 业绩突出 --rating efficiency=88 --comment "
                "efficiency=办理快 --json");
    EXPECT_EQ(scored.at("state").as_string(), "supervisor_scored");
    EXPECT_EQ(scored.at("supervisor_ratings").at(0).at("comment").as_string(), "办理快");
    const auto list = json_of("--as cm01 review list " + ws + " --json");
    ASSERT_EQ(list.as_array().size(), 1u);
    const auto refused = merit("--as cm01 review act " + ws + " CM01/2026-Q2 send_to_calibration");
    EXPECT_EQ(refused.status, 1);
    EXPECT_EQ(
        refused.text,
        "merit: error: refused: cm01 (manager) may not review.send_to_calibration review:CM01/2026-Q2: only "
        "supervisor and hr_admin may\n");
    const auto text = merit("--as sup1 review show " + ws + " CM01/2026-Q2");
    EXPECT_NE(text.text.find("next: request_feedback (supervisor), send_to_calibration (supervisor)"),
              std::string::npos)
        << text.text;
}

TEST_F(ReviewCli, TheFlowIsPrintedAsDataAndReadBack) {
    const auto flow = json_of("flow show " + ws + " review --json");
    EXPECT_EQ(flow.at("transitions").as_array().size(), 31u);
    EXPECT_EQ(json_of("--as cm01 feedback inbox " + ws + " --json").as_array().size(), 0u);
    const auto minimum = merit("--as sup1 feedback minimum " + ws + " --set 4");
    EXPECT_EQ(minimum.status, 1);
    EXPECT_EQ(merit("feedback minimum " + ws).text, "feedback.min_responses = 3\n");
}

}  // namespace
}  // namespace merit
