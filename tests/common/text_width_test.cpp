// display_width: the one width function of the terminal tables, the XLSX
// column widths, the SVG legends and the demo's summaries (issue 22: the
// engine's and the reports' copies disagreed on emoji and zero-width
// characters; the engine's, which counts both as a terminal shows them, is
// the one kept). Every figure is cells counted by hand.
#include "common/text_width.hpp"

#include <gtest/gtest.h>

namespace merit {
namespace {

TEST(TextWidth, ChineseAndFullWidthCharactersTakeTwoCells) {
    EXPECT_EQ(display_width("abc"), 3u);
    EXPECT_EQ(display_width("客户经理"), 8u);  // 4 CJK × 2
    EXPECT_EQ(display_width("薪酬(元)"), 8u);  // 3 CJK × 2 + 2 ASCII
    EXPECT_EQ(display_width("（全角）"), 8u);  // full-width brackets are wide too
    EXPECT_EQ(display_width("ＡＢ"), 4u);      // full-width Latin
    EXPECT_EQ(display_width(""), 0u);
}

TEST(TextWidth, EmojiTakeTwoCells) {
    EXPECT_EQ(display_width("👍"), 2u);      // U+1F44D
    EXPECT_EQ(display_width("🚀"), 2u);      // U+1F680, transport and map symbols
    EXPECT_EQ(display_width("🥇"), 2u);   // U+1F947, supplemental symbols
    EXPECT_EQ(display_width("☕"), 2u);      // U+2615, wide in the Basic Multilingual Plane
    EXPECT_EQ(display_width("得分👍"), 6u);  // 2 CJK × 2 + 1 emoji × 2
    EXPECT_EQ(display_width("a👍b"), 4u);    // 1 + 2 + 1
    EXPECT_EQ(display_width("☺"), 1u);      // U+263A is narrow by default (no VS16)
}

TEST(TextWidth, ZeroWidthCharactersTakeNoCell) {
    EXPECT_EQ(display_width("e\u0301"), 1u);     // e + combining acute: one "é"
    EXPECT_EQ(display_width("a\u200Bb"), 2u);    // zero-width space
    EXPECT_EQ(display_width("\uFEFF客户"), 4u);  // a byte order mark before 2 CJK
    EXPECT_EQ(display_width("👍\uFE0F"), 2u);     // variation selector 16
    EXPECT_EQ(display_width("张\u200D三"), 4u);  // zero-width joiner
    // A joined emoji sequence counts each emoji it joins: 3 × 2, the two joiners 0.
    EXPECT_EQ(display_width("👨\u200D👩\u200D👧"), 6u);
}

TEST(TextWidth, BytesThatAreNotUtf8TakeOneCellEach) {
    EXPECT_EQ(display_width("\xff"), 1u);
    EXPECT_EQ(display_width("a\xe5"), 2u);         // a lead byte cut off at the end
    EXPECT_EQ(display_width("\xe5\xae"), 2u);      // a lead byte and a stray continuation byte
    EXPECT_EQ(display_width("\xe5\xae\xa2"), 2u);  // the whole 客
}

TEST(TextWidth, Utf8PrefixNeverCutsACharacter) {
    // "客" is 3 bytes: a 4-byte limit keeps only the first character.
    EXPECT_EQ(utf8_prefix("客户", 4), "客");
    EXPECT_EQ(utf8_prefix("客户", 6), "客户");
    EXPECT_EQ(utf8_prefix("ab", 4), "ab");
    EXPECT_EQ(utf8_prefix("a👍", 4), "a");  // the emoji is 4 bytes
}

}  // namespace
}  // namespace merit
