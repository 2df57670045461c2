#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "report/scheme_labels.hpp"

namespace merit::report {
namespace {

constexpr const char* kScheme = R"({"scheme":"s","title":"方案","period_type":"month",
  "dimensions":[{"id":"results","name":"业绩","weight":100,"indicators":[
    {"id":"sales_completion","name":"销售完成率","weight":100,"scorer_params":{"floor":0.6,"full":1}}]}],
  "adjustments":[{"id":"veto","kind":"veto","name":"一票否决"}],
  "bands":[{"label":"优秀","min":90},{"label":"合格","min":0}],
  "rewards":[{"id":"bonus","name":"奖金","params":{"pool":100000,"per":"all"}}]})";

TEST(SchemeLabels, NamesInTheSchemesOrder) {
    const SchemeLabels s = parse_scheme_labels(kScheme, "test");
    EXPECT_EQ(s.title, "方案");
    ASSERT_EQ(s.dimensions.size(), 1u);
    EXPECT_EQ(s.indicator_label("sales_completion", Lang::zh), "销售完成率");
    EXPECT_EQ(s.indicator_label("sales_completion", Lang::en), "Sales completion");
    EXPECT_EQ(s.indicator_label("unknown_id", Lang::zh), "unknown_id");
    EXPECT_EQ(s.reward_label("bonus", Lang::zh), "奖金");
    EXPECT_EQ(s.bands, (std::vector<std::string>{"优秀", "合格"}));
}

TEST(SchemeLabels, ParametersAreEveryLeafWithItsPathAndOwner) {
    const SchemeLabels s = parse_scheme_labels(kScheme, "test");
    const ParameterRow* floor = nullptr;
    const ParameterRow* per = nullptr;
    for (const auto& p : s.parameters) {
        if (p.path == "dimensions[0].indicators[0].scorer_params.floor") floor = &p;
        if (p.path == "rewards[0].params.per") per = &p;
    }
    ASSERT_NE(floor, nullptr);
    EXPECT_EQ(floor->owner, "销售完成率");
    EXPECT_EQ(floor->key, "floor");
    EXPECT_DOUBLE_EQ(*floor->number, 0.6);
    ASSERT_NE(per, nullptr);
    EXPECT_EQ(per->owner, "奖金");
    EXPECT_FALSE(per->number);
    EXPECT_EQ(per->text, "all");
}

TEST(SchemeLabels, TextThatIsNotJsonNamesTheRun) {
    EXPECT_THROW(parse_scheme_labels("{not json", "run 4"), UserError);
    try {
        parse_scheme_labels("[1]", "run 4");
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()), "run 4: stored scheme is not a JSON object");
    }
}

TEST(SchemeLabels, LangMustBeZhOrEn) {
    EXPECT_EQ(parse_lang("zh"), Lang::zh);
    EXPECT_EQ(parse_lang("en"), Lang::en);
    EXPECT_THROW(parse_lang("fr"), UsageError);
}

}  // namespace
}  // namespace merit::report
