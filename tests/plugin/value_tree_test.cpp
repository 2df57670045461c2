// Parameters cross the boundary as a merit_value tree built by the host
// (ValueTree) and read by plugins through merit::Value, whose errors name the
// JSON path of the offending parameter.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <merit/plugin.hpp>

#include "plugin/value_tree.hpp"

namespace merit {
namespace {

const char* kParams = R"({"weights": [1, 2.5, "x"], "name": "客户经理", "nested": {"on": true, "off": false},
                          "none": null, "big": 18446744073709551615, "negative": -3})";

std::string error_of(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const merit::Error& e) {
        return e.what();
    }
    return "no error";
}

TEST(ValueTree, MirrorsTheJsonKindsAndOrder) {
    const ValueTree tree(boost::json::parse(kParams));
    const merit_value* root = tree.root();
    ASSERT_EQ(root->kind, MERIT_VALUE_OBJECT);
    ASSERT_EQ(root->count, 6u);
    EXPECT_STREQ(root->keys[0], "weights");
    EXPECT_STREQ(root->keys[5], "negative");
    EXPECT_EQ(root->items[0].kind, MERIT_VALUE_ARRAY);
    EXPECT_EQ(root->items[0].keys, nullptr);
    EXPECT_EQ(root->items[0].items[1].number, 2.5);
    EXPECT_STREQ(root->items[1].string, "客户经理");
    EXPECT_EQ(root->items[3].kind, MERIT_VALUE_NULL);
    EXPECT_EQ(root->items[4].number, 18446744073709551615.0);
    EXPECT_EQ(root->items[5].number, -3.0);
}

TEST(ValueTree, StaysValidForDeepAndWideTrees) {
    // 200 members each holding a 3-element array: every pointer must survive
    // the growth of the storage while the tree is built.
    boost::json::object wide;
    for (int i = 0; i < 200; ++i)
        wide["k" + std::to_string(i)] = boost::json::array{i, "s" + std::to_string(i), true};
    const ValueTree tree{boost::json::value(wide)};
    const Value v(tree.root(), "params");
    EXPECT_EQ(v.size(), 200u);
    EXPECT_EQ(v["k0"][0].number(), 0.0);
    EXPECT_EQ(v["k199"][1].string(), "s199");
    EXPECT_TRUE(v["k123"][2].boolean());
}

TEST(Value, ReadsMembersAndElements) {
    const ValueTree tree(boost::json::parse(kParams));
    const Value v(tree.root(), "params");
    EXPECT_TRUE(v.is_object());
    EXPECT_EQ(v["weights"].size(), 3u);
    EXPECT_EQ(v["weights"][1].number(), 2.5);
    EXPECT_EQ(v["name"].string(), "客户经理");
    EXPECT_TRUE(v["nested"]["on"].boolean());
    EXPECT_FALSE(v.get_bool("missing", false));
    EXPECT_EQ(v.get_number("missing", 60.0), 60.0);
    EXPECT_EQ(v.get_string("missing", "visit"), "visit");
    EXPECT_TRUE(v["none"].is_null());
    EXPECT_FALSE(v.has("none"));  // a null member counts as absent
    EXPECT_TRUE(v.has("name"));
    EXPECT_EQ(v.key(2), "nested");
    EXPECT_EQ(v.item(0).path(), "params.weights");
    EXPECT_EQ(v["weights"].item(2).path(), "params.weights[2]");
}

TEST(Value, ErrorsNameTheParameterPath) {
    const ValueTree tree(boost::json::parse(kParams));
    const Value v(tree.root(), "params");
    EXPECT_EQ(error_of([&] { v["weights"][2].number(); }), "params.weights[2]: must be a number");
    EXPECT_EQ(error_of([&] { v["weights"][3]; }), "params.weights: has no element 3");
    EXPECT_EQ(error_of([&] { v.require("threshold"); }), "params.threshold: required");
    EXPECT_EQ(error_of([&] { v["nested"]["on"].string(); }), "params.nested.on: must be a string");
    EXPECT_EQ(error_of([&] { v["name"][0]; }), "params.name: must be an array");
    EXPECT_EQ(error_of([&] { v.get_number("name", 1); }), "params.name: must be a number");
    EXPECT_EQ(error_of([&] { v.key(6); }), "params: has no member 6");
    EXPECT_EQ(error_of([&] { v["weights"].key(0); }), "params.weights: must be an object");
    EXPECT_EQ(error_of([&] { v.item(6); }), "params: has no element 6");
    // A missing member of a missing member is still a clean error, not a crash.
    EXPECT_EQ(error_of([&] { v["a"]["b"].number(); }), "params.a.b: must be a number");
}

TEST(Value, AnEmptyValueIsNull) {
    const Value empty;
    EXPECT_TRUE(empty.is_null());
    EXPECT_EQ(empty.size(), 0u);
    EXPECT_FALSE(empty.has("x"));
}

}  // namespace
}  // namespace merit
