// SHA-256 against the FIPS 180-2 / NIST example messages, and against the
// checksums CMake's file(SHA256) pinned for the built-in plugins.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "common/sha256.hpp"
#include "plugin/allow_list.hpp"
#include "plugin_fixtures.hpp"

namespace merit {
namespace {

TEST(Sha256, EmptyMessage) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, Abc) {
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, TwoBlockMessage448Bits) {
    // 56 bytes: the padding no longer fits in the first block.
    EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, Message896Bits) {
    EXPECT_EQ(
        sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrl"
                   "mnopqrsmnopqrstnopqrstu"),
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

// Where the CPU has SHA extensions they compute every digest; they must agree
// with the portable code for every length around the block and padding
// boundaries and for long inputs.
TEST(Sha256, TheCpuExtensionsAgreeWithThePortableCode) {
    std::string bytes;
    uint32_t x = 2463534242u;
    for (int i = 0; i < 5000; ++i) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        bytes.push_back(static_cast<char>(x & 0xff));
    }
    for (size_t n = 0; n <= 300; ++n)
        ASSERT_EQ(sha256_hex(std::string_view(bytes).substr(0, n)),
                  sha256_hex_portable(std::string_view(bytes).substr(0, n)))
            << n << " bytes";
    EXPECT_EQ(sha256_hex(bytes), sha256_hex_portable(bytes));
    if (!sha256_uses_cpu_extensions())
        GTEST_SKIP() << "this CPU has no SHA extensions: only the portable code ran";
}

TEST(Sha256, OneMillionA) {
    EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, BlockBoundaryLengthsAreDistinct) {
    // 55, 56, 63, 64 and 65 bytes straddle the padding edge cases; a bug there
    // typically makes neighbouring lengths collide or crash.
    std::set<std::string> digests;
    for (size_t n : {55u, 56u, 63u, 64u, 65u}) digests.insert(sha256_hex(std::string(n, 'x')));
    EXPECT_EQ(digests.size(), 5u);
    EXPECT_EQ(sha256_hex(std::string(64, 'a')),
              "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST(Sha256, AgreesWithTheBuildsPinOfTheTemplatePlugin) {
    // builtin.sha256 is written by CMake's file(SHA256) at build time; the
    // host computes the same digest from the staged file.
    const auto stage = std::filesystem::path(MERIT_STAGE_DIR);
    const auto plugin = stage / "lib/merit/plugins/merit_template.so";
    const std::string digest = sha256_hex(test::read_file(plugin));
    const std::string pins = test::read_file(stage / "share/merit/config/trusted.d/builtin.sha256");
    EXPECT_NE(pins.find(digest + "  merit_template.so"), std::string::npos) << pins;
}

}  // namespace
}  // namespace merit
