// Trust covers what is loaded: the dynamic section is read from the hashed
// bytes; RUNPATH/RPATH outside the plugin's folder is refused; a library
// that is no system library must be pinned by checksum in the trust line;
// hostile ELF bytes give one line, never a crash.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <elf.h>
#include <cstring>
#include <random>

#include "common/errors.hpp"
#include "plugin/allow_list.hpp"
#include "plugin/dependency_check.hpp"
#include "plugin/elf_dynamic.hpp"
#include "plugin/registry.hpp"
#include "plugin_fixtures.hpp"

namespace merit {
namespace {

namespace fs = std::filesystem;
using test::read_file;
using test::TempDir;
using test::test_plugin;
using test::write_file;
using ::testing::Contains;
using ::testing::HasSubstr;

const fs::path kGood = test_plugin("good", "test_good");
const fs::path kRunpath = test_plugin("runpath_outside", "test_runpath_outside");
const std::string kWho = "plugin 'acme' (merit_acme.so)";

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const UserError& e) {
        return e.what();
    }
    return "no error";
}

TEST(TrustElf, TheGoodPluginNeedsOnlySystemLibrariesAndNoRunpath) {
    const ElfDynamic d = read_elf_dynamic(read_file(kGood), "good.so");
    EXPECT_THAT(d.needed, Contains("libc.so.6"));
    EXPECT_THAT(d.needed, Contains("libstdc++.so.6"));
    EXPECT_TRUE(d.search_dirs.empty());
    EXPECT_NO_THROW(check_dependencies(d, kGood.parent_path(), {}, kWho));
}

TEST(TrustElf, ARunpathIsReadFromTheBytes) {
    const ElfDynamic d = read_elf_dynamic(read_file(kRunpath), "r.so");
    EXPECT_EQ(d.search_dirs, std::vector<std::string>{"/tmp/merit-elsewhere"});
}

TEST(TrustElf, HostileBytesAreOneLineNeverACrash) {
    const std::string good = read_file(kGood);
    EXPECT_EQ(error_of([&] { read_elf_dynamic(good.substr(0, 10), "x.so"); }),
              "x.so: not a loadable ELF file: ELF header at offset 0 lies outside the file (10 bytes)");
    EXPECT_EQ(error_of([&] { read_elf_dynamic(std::string(64, 'A'), "x.so"); }),
              "x.so: not a loadable ELF file: no ELF magic");
    std::string far = good;
    const uint64_t huge = uint64_t{1} << 62;
    std::memcpy(far.data() + offsetof(Elf64_Ehdr, e_phoff), &huge, sizeof huge);
    EXPECT_THAT(error_of([&] { read_elf_dynamic(far, "x.so"); }),
                HasSubstr("x.so: not a loadable ELF file: "));
    // Every truncation and thousands of random corruptions of the headers:
    // a parse or one UserError line, nothing else.
    for (size_t n = 0; n < good.size(); n += 997) {
        try {
            read_elf_dynamic(good.substr(0, n), "t.so");
        } catch (const UserError& e) {
            EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
        }
    }
    std::mt19937 random(17);
    for (int i = 0; i < 3000; ++i) {
        std::string bytes = good;
        for (int k = 0; k < 8; ++k) bytes[random() % 4096] = static_cast<char>(random());
        try {
            read_elf_dynamic(bytes, "f.so");
        } catch (const UserError& e) {
            EXPECT_THAT(std::string(e.what()), HasSubstr("f.so: not a loadable ELF file: "));
        }
    }
}

TEST(TrustElf, RunpathsOutsideTheFolderAreRefused) {
    TempDir dir;
    const auto folder = dir / "plugins";
    for (const std::string entry :
         {"$ORIGIN/..", "$ORIGIN/../lib", "${ORIGIN}/x/../../y", "/usr/local/lib", "lib", ""}) {
        ElfDynamic d;
        d.search_dirs = {entry};
        EXPECT_EQ(error_of([&] { check_dependencies(d, folder, {}, kWho); }),
                  kWho + ": not loaded: its RUNPATH/RPATH '" + entry + "' points outside its folder " +
                      folder.string())
            << entry;
    }
    ElfDynamic inside;
    inside.search_dirs = {"$ORIGIN", "${ORIGIN}/libs", (folder / "libs").string()};
    EXPECT_NO_THROW(check_dependencies(inside, folder, {}, kWho));
}

TEST(TrustElf, APrivateLibraryMustBePinnedByChecksum) {
    TempDir dir;
    const auto folder = dir / "plugins";
    write_file(folder / "libs/libacme.so.1", "the library's bytes");
    const std::string sha = sha256_hex("the library's bytes");
    ElfDynamic d;
    d.needed = {"libc.so.6", "libacme.so.1"};
    d.search_dirs = {"$ORIGIN/libs"};
    EXPECT_EQ(error_of([&] { check_dependencies(d, folder, {}, kWho); }),
              kWho + ": not loaded: it needs libacme.so.1 from " + (folder / "libs/libacme.so.1").string() +
                  ", which is not pinned in its trust line (add 'needs=libacme.so.1:<sha256>')");
    EXPECT_NO_THROW(check_dependencies(d, folder, {{"libacme.so.1", sha}}, kWho));
    // Swapped after it was pinned: refused, naming both checksums.
    write_file(folder / "libs/libacme.so.1", "other bytes");
    EXPECT_EQ(error_of([&] {
                  check_dependencies(d, folder, {{"libacme.so.1", sha}}, kWho);
              }),
              kWho + ": not loaded: libacme.so.1 (sha256 " + sha256_hex("other bytes") +
                  ") does not match its trust line's checksum " + sha);
    // A library found nowhere cannot be checked, pinned or not.
    ElfDynamic missing;
    missing.needed = {"libnowhere.so.3"};
    EXPECT_EQ(error_of([&] { check_dependencies(missing, folder, {}, kWho); }),
              kWho +
                  ": not loaded: it needs libnowhere.so.3 (no system library), which is not pinned in "
                  "its trust line (add 'needs=libnowhere.so.3:<sha256>')");
}

TEST(TrustElf, ASystemLibraryShadowedInTheFolderNeedsAPin) {
    TempDir dir;
    const auto folder = dir / "plugins";
    write_file(folder / "libm.so.6", "not the system's libm");
    ElfDynamic d;
    d.needed = {"libm.so.6"};
    d.search_dirs = {"$ORIGIN"};
    EXPECT_THAT(error_of([&] { check_dependencies(d, folder, {}, kWho); }),
                HasSubstr("it needs libm.so.6 from " + (folder / "libm.so.6").string()));
}

TEST(TrustElf, TheTrustLineCarriesPinsAfterTheName) {
    TempDir dir;
    const std::string a(64, 'a'), b(64, 'B');
    const auto list = dir / "v.sha256";
    write_file(list, a + "  merit_acme.so  needs=libacme.so.1:" + b + "\n");
    const AllowList allow = AllowList::load({list});
    EXPECT_TRUE(allow.contains(a));
    EXPECT_EQ(allow.pins(a), (std::map<std::string, std::string>{{"libacme.so.1", std::string(64, 'b')}}));
    write_file(list, "\n" + a + "  merit_acme.so  needs=libacme.so.1\n");
    EXPECT_EQ(error_of([&] { AllowList::load({list}); }),
              list.string() + ":2: 'needs=libacme.so.1': expected 'needs=<library file name>:<sha256>'");
}

TEST(TrustElf, APluginWithARunpathOutsideItsFolderDoesNotLoad) {
    TempDir dir;
    PluginRegistry registry = PluginRegistry::discover(test::config_trusting(dir, {kRunpath}));
    const auto record = registry.add(kRunpath);
    EXPECT_FALSE(record->loaded);
    EXPECT_EQ(record->error,
              "plugin 'test_runpath_outside' (merit_test_runpath_outside.so): not loaded: its "
              "RUNPATH/RPATH '/tmp/merit-elsewhere' points outside its folder " +
                  kRunpath.parent_path().string());
}

}  // namespace
}  // namespace merit
