// Committee members sit on the reviews their calibration sessions cover:
// the review's object carries them, so they read it and take the flow's
// committee steps; a committee user on no such session does neither.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "calibration/calibration.hpp"
#include "pay/pay_fixture.hpp"
#include "store/audit_log.hpp"
#include "store/sqlite.hpp"
#include "workflow/review.hpp"

namespace merit::testing {
namespace {

class CalibrationReview : public PayFixture {
protected:
    // CM01's review from opening to awaiting calibration, each step by its role.
    void take_to_calibration(const ReviewKey& k) {
        as("sup1");
        open_review(db(), k);
        add_goal(db(), k, {0, "存款日均增量完成季度任务", "deposit_increment", 500000});
        review_act(db(), k, "propose_goals", {});
        as("cm01");
        review_act(db(), k, "agree_goals", {});
        review_act(db(), k, "submit_self", {.text = "完成了存款任务", .ratings = {{"efficiency", 80, ""}}});
        as("sup1");
        review_act(db(), k, "submit_scores", {.text = "业绩突出", .ratings = {{"efficiency", 88, ""}}});
        review_act(db(), k, "send_to_calibration", {});
    }
};

TEST_F(CalibrationReview, TheSessionsMembersCalibrateItsReviews) {
    store_run();  // run 1, 2026-Q2
    const ReviewKey k = ReviewKey::parse("CM01/2026-Q2");
    take_to_calibration(k);
    as("com1");
    EXPECT_NE(error_of([&] { review_act(db(), k, "calibrate", {}); }).find("they do not sit on it"),
              std::string::npos);
    as("hr");
    open_calibration(db(), {1, "2026-Q2 城南支行校准", {"SB01"}, {"com1"}});
    as("com1");
    EXPECT_EQ(read_review(db(), k).state, "awaiting_calibration");
    // The session is still open: the review is calibrated with no run to link.
    const Review calibrated = review_act(db(), k, "calibrate", {});
    EXPECT_EQ(calibrated.state, "calibrated");
    EXPECT_FALSE(calibrated.run_id);
    as("com2");
    EXPECT_NE(error_of([&] { read_review(db(), k); }).find("refused: com2 (committee)"), std::string::npos);
}

// Once its session has closed, calibrating a review links the calibrated run
// (what the interview and the statements then talk about).
TEST_F(CalibrationReview, ACalibratedReviewLinksItsSessionsCalibratedRun) {
    store_run();                              // run 1: the preliminary run
    const int64_t result = store_run(false);  // run 2: stands for the session's result
    as("hr");
    const int64_t session = open_calibration(db(), {1, "2026-Q2 城南支行校准", {"SB01"}, {"com1"}}).id;
    // What close_calibration writes when it stores the calibrated run.
    exec(db(),
         "UPDATE calibration_sessions SET state = 'closed', closed_by = 'com1', closed_at = 'now', "
         "result_run_id = " +
             std::to_string(result) + " WHERE id = " + std::to_string(session));
    EXPECT_EQ(calibrated_run_of(db(), "CM01", "2026-Q2"), result);
    EXPECT_FALSE(calibrated_run_of(db(), "CM01", "2026-Q3"));
    const ReviewKey k = ReviewKey::parse("CM01/2026-Q2");
    take_to_calibration(k);
    as("com1");
    EXPECT_EQ(review_act(db(), k, "calibrate", {}).run_id, result);
    EXPECT_EQ(boost::json::parse(read_audit(db(), 1).back().detail).at("run").as_int64(), result);
}

}  // namespace
}  // namespace merit::testing
