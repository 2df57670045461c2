// csv_field / csv_row: the one CSV writer of results --format csv, the
// long-format report and the payroll file (issue 22: two quoters before).
#include "common/csv.hpp"

#include <gtest/gtest.h>

namespace merit {
namespace {

TEST(CsvWriter, QuotesOnlyWhatRfc4180Requires) {
    EXPECT_EQ(csv_field("plain"), "plain");
    EXPECT_EQ(csv_field("客户经理"), "客户经理");
    EXPECT_EQ(csv_field(""), "");
    EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_field("line\nbreak"), "\"line\nbreak\"");
    EXPECT_EQ(csv_field("cr\r"), "\"cr\r\"");
    // Quotes are doubled inside the quoted field.
    EXPECT_EQ(csv_field("李四, \"Li, Si\""), "\"李四, \"\"Li, Si\"\"\"");
    EXPECT_EQ(csv_field("\""), "\"\"\"\"");
}

TEST(CsvWriter, ARowJoinsQuotedFieldsAndEndsTheLine) {
    EXPECT_EQ(csv_row({"1", "a,b", "", "x"}), "1,\"a,b\",,x\n");
    EXPECT_EQ(csv_row({}), "\n");
}

}  // namespace
}  // namespace merit
