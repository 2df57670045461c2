// json_text: what every `--json` output and the JSON report are written
// with. Numbers must read as plain decimals in any JSON reader (issue 23:
// Boost.JSON alone writes 1.0266977118644067E2 and 0E0).
#include "common/json_text.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace merit {
namespace {

namespace json = boost::json;

TEST(JsonText, DoublesArePlainDecimalsThatReadBackExactly) {
    EXPECT_EQ(json_text(102.66977118644067), "102.66977118644067");
    EXPECT_EQ(json_text(0.0), "0");
    EXPECT_EQ(json_text(-0.0), "0");
    EXPECT_EQ(json_text(100.0), "100");
    EXPECT_EQ(json_text(0.25), "0.25");
    EXPECT_EQ(json_text(-12.5), "-12.5");
    EXPECT_EQ(json_text(1e21), "1000000000000000000000");
    EXPECT_EQ(json_text(1.5e-7), "0.00000015");
    for (const double x : {102.66977118644067, 1.0 / 3.0, 1e-300, 4.9e-324, 1.7976931348623157e308}) {
        const std::string text = json_text(x);
        EXPECT_EQ(text.find_first_of("eE"), std::string::npos) << text;
        // strtod reads decimals exactly (Boost.JSON 1.81's parser may be off by an ulp)
        EXPECT_EQ(std::strtod(text.c_str(), nullptr), x) << text;
    }
}

TEST(JsonText, IntegersStayIntegersAndFenStayExact) {
    EXPECT_EQ(json_text(json::value(int64_t{123456789012345})), "123456789012345");
    EXPECT_EQ(json_text(json::value(std::numeric_limits<int64_t>::min())), "-9223372036854775808");
    EXPECT_EQ(json_text(json::value(std::numeric_limits<uint64_t>::max())), "18446744073709551615");
}

TEST(JsonText, NotANumberAndInfinitiesAreNull) {
    EXPECT_EQ(json_text(std::nan("")), "null");
    EXPECT_EQ(json_text(std::numeric_limits<double>::infinity()), "null");
    EXPECT_EQ(json_text(-std::numeric_limits<double>::infinity()), "null");
}

TEST(JsonText, KeysKeepTheirOrderAndStringsAreEscaped) {
    const json::value v = json::object{{"z", 1}, {"a", json::array{true, nullptr, 0.5}}, {"m", "\"é\n\x01"}};
    EXPECT_EQ(json_text(v), R"({"z":1,"a":[true,null,0.5],"m":"\"é\n\u0001"})");
    EXPECT_EQ(json_line(json::array{}), "[]\n");
    EXPECT_EQ(json::parse(json_text(v)), v);
}

}  // namespace
}  // namespace merit
