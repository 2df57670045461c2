// Duplicate keys in JSON text: each repeat with the path of its object and
// its lines; equal keys in different objects, and braces inside strings, are
// no repeat.
#include <gtest/gtest.h>

#include "common/json_duplicates.hpp"

namespace merit {
namespace {

TEST(JsonDuplicates, ARepeatedKeyIsNamedByItsPathAndLines) {
    const auto found = duplicate_json_keys(
        "{\"rewards\": [{\"id\": \"a\"}, {\"params\": {\"tiers\": [{\"rate\": 0.005,\n\"rate\": 5}]}}]}");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].path, "rewards[1].params.tiers[0].rate");
    EXPECT_EQ(found[0].first_line, 1u);
    EXPECT_EQ(found[0].line, 2u);
}

TEST(JsonDuplicates, EscapesAreDecodedBeforeKeysAreCompared) {
    // "r\u0061te" is "rate" to every JSON reader.
    const auto found = duplicate_json_keys(R"({"rate": 1, "r\u0061te": 2})");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].path, "rate");
}

TEST(JsonDuplicates, EqualKeysInDifferentObjectsAndBracesInStringsAreFine) {
    EXPECT_TRUE(
        duplicate_json_keys(R"([{"id": "a,{}[]\"x"}, {"id": "b"}, {"a": {"id": 1}, "id": 2}])").empty());
    EXPECT_TRUE(duplicate_json_keys(R"({"a": [1, 2, {"a": true}], "b": null})").empty());
}

TEST(JsonDuplicates, EveryRepeatIsReportedAndDeepNestingCostsNoStack) {
    const auto found = duplicate_json_keys(R"({"x": 1, "x": 2, "y": {"z": 1, "z": 2}, "x": 3})");
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0].path, "x");
    EXPECT_EQ(found[1].path, "y.z");
    EXPECT_EQ(found[2].path, "x");
    // 100,000 nested arrays: iterative, so no stack overflow.
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    EXPECT_TRUE(duplicate_json_keys(deep).empty());
}

}  // namespace
}  // namespace merit
