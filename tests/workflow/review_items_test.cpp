// Issue 18 point 7: results applied. A new review carries what the record of
// the period before decided for the manager (grade, honours, training,
// bottom-rank improvement, transfer) and the plan agreed in the previous
// review; drafts and superseded runs are not the record and carry nothing.
#include <gtest/gtest.h>

#include <array>
#include <optional>

#include "engine/run_lifecycle.hpp"
#include "engine/run_store.hpp"
#include "store/sqlite.hpp"
#include "workflow_fixture.hpp"

namespace merit {
namespace {

using testing::WorkflowFixture;

class ReviewItems : public WorkflowFixture {
protected:
    // A run of `period` whose rewards decided `decisions` (kind, value,
    // reason) for CM01, stored by the operator; final when `reason` is given.
    int64_t store_decisions(const std::string& period, const std::string& first, const std::string& last,
                            const std::vector<std::array<std::string, 3>>& decisions,
                            const std::optional<std::string>& reason,
                            std::optional<int64_t> supersedes = {}) {
        set_current_actor(operator_actor());
        RunResult r;
        r.info.scheme_id = "bank_quarterly";
        r.info.scheme_hash = "hash";
        r.info.scheme_json = "{}";
        r.info.period = period;
        r.info.first_day = first;
        r.info.last_day = last;
        r.info.input_fingerprint = "inputs";
        r.info.plugins_json = "[]";
        r.info.timings_json = "{}";
        int seq = 0;
        for (const auto& [kind, value, why] : decisions)
            r.decisions.push_back({"CM01", seq++, "grading", "core.grade_rule", kind, value, why});
        const int64_t id = save_run(db(), r);
        if (reason) finalize_run(db(), id, {.reason = *reason, .supersedes = supersedes});
        return id;
    }
    std::vector<std::string> items_of(const Review& r) {
        std::vector<std::string> out;
        for (const auto& i : r.items)
            out.push_back(std::to_string(i.seq) + " " + i.source + " " + i.kind + " " + i.value + " (" +
                          i.reason + ")");
        return out;
    }
};

TEST_F(ReviewItems, TheRecordOfThePeriodBeforeAndThePreviousPlanAreOnTheNewReview) {
    // Q1's record: run 1 superseded by run 2 (its grade decision corrected);
    // run 3 a draft; the year 2025 ended before Q1 too, but not before Q2.
    store_decisions("2026-Q1", "2026-01-01", "2026-03-31", {{"grade", "二级", "连续两季优秀"}}, "一季度定稿");
    store_decisions("2026-Q1", "2026-01-01", "2026-03-31",
                    {{"grade", "三级", "更正后: 一季优秀"}, {"training", "理财规划师培训", "专业能力待提升"}},
                    "更正定级", 1);
    store_decisions("2026-Q1", "2026-01-01", "2026-03-31", {{"flag", "transfer", "试算"}}, std::nullopt);
    store_decisions("2025", "2025-01-01", "2025-12-31", {{"honour", "优秀客户经理", "年度前 5%"}},
                    "年度定稿");
    // The Q1 review's agreed plan (as the flow's add_plan writes it, after the interview).
    const ReviewKey q1 = key("CM01/2026-Q1");
    as("sup1");
    const int64_t q1_id = open_review(db(), q1).id;
    exec(db(), "INSERT INTO review_plans (review_id, seq, kind, text, due) VALUES (" + std::to_string(q1_id) +
                   ", 1, 'improvement', '客户回访时效提升到48小时内', '2026-06-30')");

    const Review q2 = open_review(db(), key("CM01/2026-Q2"));
    EXPECT_EQ(items_of(q2),
              (std::vector<std::string>{
                  "1 run:2 grade 三级 (更正后: 一季优秀)", "2 run:2 training 理财规划师培训 (专业能力待提升)",
                  "3 review:CM01/2026-Q1 improvement 客户回访时效提升到48小时内 (due 2026-06-30)"}));
    // The Q1 review itself was opened after the year 2025 was final.
    EXPECT_EQ(items_of(read_review(db(), q1)),
              (std::vector<std::string>{"1 run:4 honour 优秀客户经理 (年度前 5%)"}));
    // What the audit log says the opening carried.
    const auto log = read_audit(db(), 0);
    EXPECT_EQ(log.back().action, "review.open");
    EXPECT_EQ(boost::json::parse(log.back().detail).at("items").as_int64(), 3);
}

TEST_F(ReviewItems, AManagerWithNoEarlierRecordStartsWithNoItems) {
    store_decisions("2026-Q1", "2026-01-01", "2026-03-31", {{"grade", "二级", "试算"}}, std::nullopt);
    as("sup1");
    EXPECT_TRUE(open_review(db(), key("CM01/2026-Q2")).items.empty());
}

}  // namespace
}  // namespace merit
