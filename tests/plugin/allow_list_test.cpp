// The operator's allow-lists: sha256sum format, comments, directories of
// *.sha256 files, and one-line errors naming file and line.
#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "plugin/allow_list.hpp"
#include "plugin_fixtures.hpp"

namespace merit {
namespace {

using test::TempDir;
using test::write_file;

const std::string kHashA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const std::string kHashB = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

TEST(AllowList, ReadsHashesSkippingCommentsAndBlankLines) {
    TempDir dir;
    write_file(dir / "vendors.sha256", "# vendor plugins\n\n   \n" + kHashA +
                                           "  merit_a.so\n  # indented comment\n" + kHashB +
                                           "\tmerit_b.so\r\n");
    const AllowList list = AllowList::load({dir / "vendors.sha256"});
    EXPECT_EQ(list.size(), 2u);
    EXPECT_TRUE(list.contains(kHashA));
    EXPECT_TRUE(list.contains(kHashB));
    EXPECT_FALSE(list.contains(std::string(64, '0')));
}

TEST(AllowList, UpperCaseHexAndABareHashAreAccepted) {
    TempDir dir;
    std::string upper = kHashA;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    write_file(dir / "a.sha256", upper + "  merit_a.so\n" + kHashB + "\n");
    const AllowList list = AllowList::load({dir / "a.sha256"});
    EXPECT_TRUE(list.contains(kHashA));
    EXPECT_TRUE(list.contains(kHashB));
}

TEST(AllowList, ADirectoryContributesOnlyItsSha256Files) {
    TempDir dir;
    write_file(dir / "trusted.d/one.sha256", kHashA + "  a.so\n");
    write_file(dir / "trusted.d/README.md", "not a list: " + kHashB + "\n");
    write_file(dir / "trusted.d/two.sha256", kHashB + "  b.so\n");
    const AllowList list = AllowList::load({dir / "trusted.d"});
    EXPECT_EQ(list.size(), 2u);
    const AllowList only_readme_dir = AllowList::load({dir / "missing"});
    EXPECT_EQ(only_readme_dir.size(), 0u);
}

std::string load_error(const std::filesystem::path& file) {
    try {
        AllowList::load({file});
    } catch (const UserError& e) {
        return e.what();
    }
    return "no error";
}

TEST(AllowList, ABadLineIsAnErrorNamingFileAndLine) {
    TempDir dir;
    const auto file = dir / "bad.sha256";
    // Line 3 has a 63-digit hash.
    write_file(file, "# ok\n" + kHashA + "  a.so\n" + kHashB.substr(1) + "  b.so\n");
    EXPECT_EQ(load_error(file), file.string() + ":3: expected '<sha256>  <file name>'");
}

TEST(AllowList, NonHexDigitsAndGluedNamesAreRejected) {
    TempDir dir;
    const auto not_hex = dir / "not_hex.sha256";
    write_file(not_hex, std::string(63, 'a') + "g  a.so\n");
    EXPECT_EQ(load_error(not_hex), not_hex.string() + ":1: expected '<sha256>  <file name>'");
    const auto glued = dir / "glued.sha256";
    write_file(glued, "\n" + kHashA + "x.so\n");  // 65th character is not a separator
    EXPECT_EQ(load_error(glued), glued.string() + ":2: expected '<sha256>  <file name>'");
}

}  // namespace
}  // namespace merit
