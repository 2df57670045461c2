// How stored worksheet values become CSV text: numbers as plain decimals
// (Excel's 15 digits, no exponent), date serials in both date systems,
// and which number formats are dates.
#include <gtest/gtest.h>

#include "import/row_locator.hpp"
#include "import/xlsx/cell_values.hpp"
#include "import/xlsx/sheet_reader.hpp"

namespace merit {
namespace {

TEST(XlsxValues, NumbersArePlainDecimalTextWithoutBinaryNoise) {
    EXPECT_EQ(plain_decimal("12709.62"), "12709.62");
    EXPECT_EQ(plain_decimal("604000"), "604000");
    EXPECT_EQ(plain_decimal("-3.5"), "-3.5");
    EXPECT_EQ(plain_decimal("1.50"), "1.5");
    EXPECT_EQ(plain_decimal("-0"), "0");
    EXPECT_EQ(plain_decimal("1.5E-3"), "0.0015");
    EXPECT_EQ(plain_decimal("1E+20"), "100000000000000000000");
    EXPECT_EQ(plain_decimal("2.5e2"), "250");
    // 0.1 + 0.2 as files store it: the 16th and 17th digits are noise.
    EXPECT_EQ(plain_decimal("0.30000000000000004"), "0.3");
    EXPECT_EQ(plain_decimal("1234.5599999999999"), "1234.56");
    EXPECT_EQ(plain_decimal("9.9999999999999999"), "10");
    // An 18-digit id typed as a number: Excel keeps 15 digits of it.
    EXPECT_EQ(plain_decimal("123456789012345678"), "123456789012346000");
    EXPECT_EQ(plain_decimal("abc"), std::nullopt);
    EXPECT_EQ(plain_decimal("1E"), std::nullopt);
    EXPECT_EQ(plain_decimal("1E400"), std::nullopt);
    EXPECT_EQ(plain_decimal(""), std::nullopt);
}

TEST(XlsxValues, DateSerialsInThe1900And1904Systems) {
    EXPECT_EQ(serial_to_date("46204", false).text, "2026-07-01");
    EXPECT_EQ(serial_to_date("46204.75", false).text, "2026-07-01");  // 18:00 on that day
    EXPECT_EQ(serial_to_date("1", false).text, "1900-01-01");
    EXPECT_EQ(serial_to_date("59", false).text, "1900-02-28");
    EXPECT_EQ(serial_to_date("61", false).text, "1900-03-01");
    EXPECT_EQ(serial_to_date("2958465", false).text, "9999-12-31");
    EXPECT_EQ(serial_to_date("60", false).problem,
              "date serial 60 is 1900-02-29, a day that did not exist (Excel's leap-year bug)");
    EXPECT_TRUE(serial_to_date("0", false).problem);
    EXPECT_TRUE(serial_to_date("-1", false).problem);
    EXPECT_TRUE(serial_to_date("2958466", false).problem);
    // 1904 system: 1462 days fewer for the same day.
    EXPECT_EQ(serial_to_date("0", true).text, "1904-01-01");
    EXPECT_EQ(serial_to_date("44742", true).text, "2026-07-01");
    EXPECT_EQ(serial_to_time("0.75").text, "18:00:00");
    EXPECT_EQ(serial_to_time("46204.5104166667").text, "12:15:00");
}

TEST(XlsxValues, WhichNumberFormatsAreDates) {
    for (int id : {14, 15, 16, 17, 22, 27, 31, 57, 58})
        EXPECT_EQ(builtin_format_shape(id), NumberShape::date) << id;
    for (int id : {18, 19, 20, 21, 45, 46, 47, 32, 55})
        EXPECT_EQ(builtin_format_shape(id), NumberShape::time) << id;
    for (int id : {0, 1, 2, 3, 4, 9, 10, 11, 49})
        EXPECT_EQ(builtin_format_shape(id), NumberShape::number) << id;
    EXPECT_EQ(format_code_shape("yyyy-mm-dd"), NumberShape::date);
    EXPECT_EQ(format_code_shape("yyyy\"年\"m\"月\"d\"日\""), NumberShape::date);
    EXPECT_EQ(format_code_shape("[$-804]yyyy年m月d日;@"), NumberShape::date);
    EXPECT_EQ(format_code_shape("m/d"), NumberShape::date);
    EXPECT_EQ(format_code_shape("yyyy/m/d h:mm"), NumberShape::date);
    EXPECT_EQ(format_code_shape("h:mm:ss"), NumberShape::time);
    EXPECT_EQ(format_code_shape("mm:ss"), NumberShape::time);
    EXPECT_EQ(format_code_shape("[h]:mm"), NumberShape::time);
    EXPECT_EQ(format_code_shape("General"), NumberShape::number);
    EXPECT_EQ(format_code_shape("0.00"), NumberShape::number);
    EXPECT_EQ(format_code_shape("#,##0.00\"元\""), NumberShape::number);
    EXPECT_EQ(format_code_shape("\"day \"0"), NumberShape::number);
    EXPECT_EQ(format_code_shape("[Red]0.00_);(0.00)"), NumberShape::number);
    EXPECT_EQ(format_code_shape("0.00E+00"), NumberShape::number);
    EXPECT_EQ(format_code_shape("@"), NumberShape::number);
}

TEST(XlsxValues, OoxmlEscapesAreDecoded) {
    EXPECT_EQ(decode_ooxml_escapes("a_x000D_b"), "a\rb");
    EXPECT_EQ(decode_ooxml_escapes("_x005F_x000D_"), "_x000D_");
    EXPECT_EQ(decode_ooxml_escapes("_x4E2D_"), "中");
    EXPECT_EQ(decode_ooxml_escapes("_xZZZZ_"), "_xZZZZ_");
}

TEST(XlsxValues, CellReferences) {
    uint32_t column = 0, row = 0;
    ASSERT_TRUE(parse_cell_reference("C17", column, row));
    EXPECT_EQ(column, 2u);
    EXPECT_EQ(row, 17u);
    ASSERT_TRUE(parse_cell_reference("XFD1048576", column, row));
    EXPECT_EQ(column, 16383u);
    EXPECT_FALSE(parse_cell_reference("XFE1", column, row));
    EXPECT_FALSE(parse_cell_reference("A0", column, row));
    EXPECT_FALSE(parse_cell_reference("A1048577", column, row));
    EXPECT_FALSE(parse_cell_reference("17", column, row));
    EXPECT_FALSE(parse_cell_reference("c17", column, row));
    EXPECT_EQ(column_letters(0), "A");
    EXPECT_EQ(column_letters(25), "Z");
    EXPECT_EQ(column_letters(26), "AA");
    EXPECT_EQ(column_letters(16383), "XFD");
    EXPECT_EQ(quoted_sheet_name("facts"), "facts");
    EXPECT_EQ(quoted_sheet_name("客户"), "客户");
    EXPECT_EQ(quoted_sheet_name("Q2 data"), "'Q2 data'");
    EXPECT_EQ(quoted_sheet_name("it's"), "'it''s'");
    EXPECT_EQ(quoted_sheet_name("2026"), "'2026'");
}

}  // namespace
}  // namespace merit
