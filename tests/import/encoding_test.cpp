// Files in the encodings Chinese organisations' systems write (UTF-8 with and
// without a BOM, GBK, GB18030, UTF-16 with a BOM) import to the same rows;
// a file in none of them is refused with the likeliest encoding and the flag.
#include <gtest/gtest.h>

#include "import/importer.hpp"
#include "import/scratch_workspace.hpp"
#include "import/text_encoding.hpp"

namespace merit {
namespace {

using testing::ScratchWorkspace;

// The data set: a branch 营业部 and its manager 王芳.
const std::string kOrgUtf8 = "id,name,kind\r\nB1,营业部,branch\r\n";
const std::string kManagersUtf8 = "id,name,org_unit_id\r\nM1,王芳,B1\r\n";
// The same in GBK (= GB18030 for these characters), bytes as Excel writes them.
const std::string kOrgGbk = "id,name,kind\r\nB1,\xD3\xAA\xD2\xB5\xB2\xBF,branch\r\n";
const std::string kManagersGbk = "id,name,org_unit_id\r\nM1,\xCD\xF5\xB7\xBC,B1\r\n";

// UTF-8 to UTF-16 (BMP only, enough for the data set), with its BOM.
std::string utf16(const std::string& utf8, bool little_endian) {
    std::string out = little_endian ? std::string("\xFF\xFE", 2) : std::string("\xFE\xFF", 2);
    for (size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        uint32_t code;
        if (c < 0x80) {
            code = c, i += 1;
        } else if ((c & 0xE0) == 0xC0) {
            code = ((c & 0x1Fu) << 6) | (utf8[i + 1] & 0x3F), i += 2;
        } else {
            code = ((c & 0x0Fu) << 12) | ((utf8[i + 1] & 0x3Fu) << 6) | (utf8[i + 2] & 0x3F), i += 3;
        }
        const char hi = static_cast<char>(code >> 8), lo = static_cast<char>(code & 0xFF);
        out += little_endian ? std::string{lo, hi} : std::string{hi, lo};
    }
    return out;
}

std::string workspace_after(const std::string& org, const std::string& managers,
                            std::optional<std::string> encoding = std::nullopt) {
    ScratchWorkspace s;
    ImportOptions options;
    options.encoding = std::move(encoding);
    import_files(s.ws(), {s.write("org_units.csv", org), s.write("managers.csv", managers)}, options);
    return s.dump("SELECT id, name, kind FROM org_units") +
           s.dump("SELECT id, name, org_unit_id FROM managers");
}

std::string import_problem(const std::string& name, const std::string& bytes,
                           std::optional<std::string> encoding = std::nullopt) {
    ScratchWorkspace s;
    ImportOptions options;
    options.encoding = std::move(encoding);
    try {
        import_files(s.ws(), {s.write(name, bytes)}, options);
    } catch (const ImportError& e) {
        EXPECT_EQ(s.dump("SELECT count(*) FROM org_units"), "0\n");
        return e.what();
    }
    return "imported";
}

TEST(Encodings, EveryDetectedEncodingGivesTheSameWorkspace) {
    const std::string expected = "B1|营业部|branch\nM1|王芳|B1\n";
    EXPECT_EQ(workspace_after(kOrgUtf8, kManagersUtf8), expected);
    EXPECT_EQ(workspace_after("\xEF\xBB\xBF" + kOrgUtf8, "\xEF\xBB\xBF" + kManagersUtf8), expected);
    EXPECT_EQ(workspace_after(kOrgGbk, kManagersGbk), expected);             // detected
    EXPECT_EQ(workspace_after(kOrgGbk, kManagersGbk, "GBK"), expected);      // told
    EXPECT_EQ(workspace_after(kOrgGbk, kManagersGbk, "gb18030"), expected);  // told, any case
    EXPECT_EQ(workspace_after(utf16(kOrgUtf8, true), utf16(kManagersUtf8, true)), expected);
    EXPECT_EQ(workspace_after(utf16(kOrgUtf8, false), utf16(kManagersUtf8, false)), expected);
}

TEST(Encodings, Gb18030FourByteCharactersBeyondGbkAreRead) {
    // U+20000 𠀀 (CJK Extension B) exists only in GB18030: 95 32 82 36.
    ScratchWorkspace s;
    import_files(s.ws(), {s.write("org_units.csv", "id,name\nB1,\xCD\xF5\x95\x32\x82\x36\n")}, {});
    EXPECT_EQ(s.dump("SELECT name FROM org_units"), "王𠀀\n");
}

TEST(Encodings, Latin1FileGetsTheLikeliestEncodingAndTheFlag) {
    // "Café Zoë" in Latin-1: 0xE9 and 0xEB alone between ASCII letters.
    const std::string latin1 = "id,name\nB1,Caf\xE9 Zo\xEB\n";
    const std::string problem = import_problem("org_units.csv", latin1);
    EXPECT_TRUE(problem.ends_with(
        "/org_units.csv:2: row: not UTF-8, UTF-16 or GB18030/GBK (byte 0xE9); it looks like "
        "Windows-1252 (Latin-1): import it with --encoding WINDOWS-1252"))
        << problem;
}

TEST(Encodings, TheHintedFlagImportsTheLatin1File) {
    ScratchWorkspace s;
    ImportOptions options;
    options.encoding = "WINDOWS-1252";
    import_files(s.ws(), {s.write("org_units.csv", "id,name\nB1,Caf\xE9 Zo\xEB\n")}, options);
    EXPECT_EQ(s.dump("SELECT name FROM org_units"), "Café Zoë\n");
}

TEST(Encodings, AnUnknownEncodingNameOrBytesItLacksAreOneLine) {
    EXPECT_NE(import_problem("org_units.csv", kOrgUtf8, "KLINGON")
                  .find("--encoding 'KLINGON': not an encoding this system knows"),
              std::string::npos);
    // 0xFF is no GBK byte: named with its line (2).
    const std::string problem = import_problem("org_units.csv", "id,name\nB1,\xFF\xFF\n", "GBK");
    EXPECT_NE(problem.find("org_units.csv:2: row: not GBK (byte 0xFF at offset 11)"), std::string::npos)
        << problem;
}

TEST(Encodings, Utf8IsNotCopied) {
    DecodedText decoded;
    const std::string bytes = kOrgUtf8;
    ASSERT_FALSE(decode_text(bytes, std::nullopt, decoded));
    EXPECT_EQ(decoded.encoding, "UTF-8");
    EXPECT_EQ(decoded.text.data(), bytes.data());  // a view into the input: no conversion ran
    EXPECT_TRUE(decoded.converted.empty());
}

TEST(Encodings, Latin1LettersThatPairUpAreNotTakenForGbk) {
    // "Müller" has FC 6C, a well-formed GBK pair, but outside GB2312's plane.
    EXPECT_FALSE(looks_like_gb18030("M\xFCller,D\xFCsseldorf\n"));
    EXPECT_TRUE(looks_like_gb18030("\xD3\xAA\xD2\xB5\xB2\xBF"));
}

}  // namespace
}  // namespace merit
