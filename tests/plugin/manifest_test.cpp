// Manifest parsing (errors name the JSON path) and the ELF section reader
// (no plugin code runs; malformed files give one-line errors).
#include <gtest/gtest.h>

#include <elf.h>

#include <boost/json/parse.hpp>
#include <cstring>
#include <random>

#include "common/errors.hpp"
#include "plugin/manifest.hpp"
#include "plugin_fixtures.hpp"

namespace merit {
namespace {

std::string parse_error(const std::string& json) {
    try {
        parse_manifest(json, "acme.so");
    } catch (const UserError& e) {
        return e.what();
    }
    return "no error";
}

const char* kValid = R"({
  "id": "acme", "version": "2.1.0", "vendor": "ACME", "api": "1.0",
  "components": [
    {"kind": "indicator", "id": "visits", "params": [
      {"name": "kind", "type": "string", "required": true, "choices": ["visit", "call"]},
      {"name": "weight", "type": "number", "default": 1, "minimum": 0, "maximum": 5}]},
    {"kind": "scorer", "id": "visits"},
    {"kind": "reward", "id": "bonus"}]})";

TEST(Manifest, ParsesAValidManifest) {
    const PluginManifest m = parse_manifest(kValid, "acme.so");
    EXPECT_EQ(m.id, "acme");
    EXPECT_EQ(m.version, "2.1.0");
    EXPECT_EQ(m.vendor, "ACME");
    EXPECT_EQ(m.api_major, 1);
    EXPECT_EQ(m.api_minor, 0);
    ASSERT_EQ(m.components.size(), 3u);
    // The same local id may serve different kinds.
    ASSERT_NE(m.find(ComponentKind::indicator, "visits"), nullptr);
    ASSERT_NE(m.find(ComponentKind::scorer, "visits"), nullptr);
    EXPECT_EQ(m.find(ComponentKind::reward, "visits"), nullptr);
    const auto& kind = m.components[0].params[0];
    EXPECT_TRUE(kind.required);
    EXPECT_EQ(kind.choices, (std::vector<std::string>{"visit", "call"}));
    EXPECT_EQ(*m.components[0].params[1].maximum, 5.0);
}

TEST(Manifest, ErrorsNameTheOriginAndJsonPath) {
    EXPECT_EQ(parse_error(R"({"version": "1", "api": "1.0", "components": []})"),
              "acme.so: manifest: $.id: required");
    EXPECT_EQ(parse_error(R"({"id": "Acme", "version": "1", "api": "1.0", "components": []})"),
              "acme.so: manifest: $.id: must match [a-z][a-z0-9_]*");
    EXPECT_EQ(parse_error(R"({"id": "acme", "version": 1, "api": "1.0", "components": []})"),
              "acme.so: manifest: $.version: must be a string");
    EXPECT_EQ(parse_error(R"({"id": "acme", "version": "1", "api": "1.0", "components": [], "extra": 1})"),
              "acme.so: manifest: $.extra: unknown key");
    EXPECT_EQ(parse_error(R"({"id": "acme", "version": "1", "api": "1.0"})"),
              "acme.so: manifest: $.components: must be an array");
    EXPECT_EQ(parse_error(R"({"id": "acme", "version": "1", "api": "1.0", "components": [
                {"kind": "indicator", "id": "a"}, {"kind": "ranker", "id": "b"}]})"),
              "acme.so: manifest: $.components[1].kind: must be indicator, scorer or reward, not 'ranker'");
    EXPECT_EQ(parse_error(R"({"id": "acme", "version": "1", "api": "1.0", "components": [
                {"kind": "indicator", "id": "a"}, {"kind": "indicator", "id": "a"}]})"),
              "acme.so: manifest: $.components[1].id: duplicate component 'a'");
    EXPECT_EQ(parse_error(R"({"id": "acme", "version": "1", "api": "1.0", "components": [
                {"kind": "scorer", "id": "s", "params": [{"name": "x", "type": "decimal"}]}]})"),
              "acme.so: manifest: $.components[0].params[0].type: unknown type 'decimal'");
    EXPECT_EQ(parse_error(R"({"id": "acme", "version": "1", "api": "1.0", "components": [
                {"kind": "scorer", "id": "s", "params": [{"name": "x", "type": "number", "minimum": "0"}]}]})"),
              "acme.so: manifest: $.components[0].params[0].minimum: must be a number");
}

// Issue 22 rule 7: an indicator whose value is a completion names the string
// parameter holding its targets.csv indicator.
TEST(Manifest, CompletionTargetNamesAStringParameterOfAnIndicator) {
    const std::string head = R"({"id": "acme", "version": "1", "api": "1.0", "components": [)";
    EXPECT_EQ(parse_error(head + R"({"kind": "indicator", "id": "c", "completion_target": "target",
                "params": [{"name": "target", "type": "string"}]}]})"),
              "no error");
    EXPECT_EQ(parse_error(head + R"({"kind": "indicator", "id": "c", "completion_target": "goal",
                "params": [{"name": "target", "type": "string"}]}]})"),
              "acme.so: manifest: $.components[0].completion_target: must name a string parameter of the "
              "component, not 'goal'");
    EXPECT_EQ(parse_error(head + R"({"kind": "indicator", "id": "c", "completion_target": "target",
                "params": [{"name": "target", "type": "number"}]}]})"),
              "acme.so: manifest: $.components[0].completion_target: must name a string parameter of the "
              "component, not 'target'");
    EXPECT_EQ(parse_error(head + R"({"kind": "reward", "id": "r", "completion_target": "target",
                "params": [{"name": "target", "type": "string"}]}]})"),
              "acme.so: manifest: $.components[0].completion_target: only an indicator's value can be a "
              "completion");
}

// Issue 21 point 5: a parameter says what data it names, and where in its
// value, so validate checks every plugin's names the same way.
TEST(Manifest, RefersToSaysWhatDataAParameterNamesAndWhere) {
    const std::string head = R"({"id": "acme", "version": "1", "api": "1.0", "components": [
        {"kind": "indicator", "id": "c", "params": [)";
    const PluginManifest m = parse_manifest(head + R"(
        {"name": "metric", "type": "string", "refers_to": "metric"},
        {"name": "weights", "type": "object", "refers_to": "event_kind", "refers_in": "keys"},
        {"name": "items", "type": "array", "refers_to": "event_kind", "refers_in": ".kind"}]}]})",
                                            "acme.so");
    const auto& params = m.components[0].params;
    EXPECT_EQ(params[0].refers_to, "metric");
    EXPECT_EQ(params[0].refers_in, "");
    EXPECT_EQ(params[1].refers_in, "keys");
    EXPECT_EQ(params[2].refers_in, ".kind");
    EXPECT_EQ(parse_error(head + R"({"name": "m", "type": "string", "refers_to": "metrics"}]}]})"),
              "acme.so: manifest: $.components[0].params[0].refers_to: must be metric, metric_prefix, "
              "event_kind, target_indicator, rating_item, rater_role or manager_role, not 'metrics'");
    EXPECT_EQ(parse_error(head + R"({"name": "m", "type": "string", "refers_in": "keys"}]}]})"),
              "acme.so: manifest: $.components[0].params[0].refers_in: needs refers_to");
    EXPECT_EQ(parse_error(
                  head + R"({"name": "m", "type": "object", "refers_to": "metric", "refers_in": "all"}]}]})"),
              "acme.so: manifest: $.components[0].params[0].refers_in: must be \"keys\", \"values\" or "
              "\".FIELD\", not 'all'");
    EXPECT_EQ(
        parse_error(head +
                    R"({"name": "m", "type": "string", "refers_to": "metric", "refers_in": "keys"}]}]})"),
        "acme.so: manifest: $.components[0].params[0].refers_in: does not fit a parameter of type string");
    EXPECT_EQ(
        parse_error(head + R"({"name": "m", "type": "number", "refers_to": "metric"}]}]})"),
        "acme.so: manifest: $.components[0].params[0].refers_in: does not fit a parameter of type number");
}

TEST(Manifest, ApiMustBeExactlyMajorDotMinor) {
    for (const char* api : {"1", "1.0.3", "1.x", "v1.0", "1.0 ", "-1.0", "123456.0"}) {
        const std::string json =
            std::string(R"({"id": "acme", "version": "1", "api": ")") + api + R"(", "components": []})";
        EXPECT_EQ(parse_error(json).rfind("acme.so: manifest: $.api: must be \"MAJOR.MINOR\"", 0), 0u)
            << api << " -> " << parse_error(json);
    }
    const std::string newer = R"({"id": "acme", "version": "1", "api": "1.9", "components": []})";
    EXPECT_EQ(parse_manifest(newer, "acme.so").api_minor, 9);
}

TEST(Manifest, InvalidJsonIsOneLineNamingTheFile) {
    const std::string error = parse_error("{\"id\": \"acme\",\n");
    EXPECT_EQ(error.rfind("acme.so: manifest is not valid JSON: ", 0), 0u) << error;
    EXPECT_EQ(error.find('\n'), std::string::npos);
    EXPECT_EQ(error.find(".hpp"), std::string::npos) << "no library source locations for users: " << error;
}

TEST(Manifest, ValidatesSchemeParametersWithTheirPath) {
    const PluginManifest m = parse_manifest(kValid, "acme.so");
    const auto& visits = *m.find(ComponentKind::indicator, "visits");
    const auto ok = boost::json::parse(R"({"kind": "call", "weight": 2})");
    EXPECT_TRUE(validate_params(visits, ok, "indicators[0].params").empty());
    const auto bad = boost::json::parse(R"({"kind": "email", "weight": 7, "colour": "red"})");
    EXPECT_EQ(validate_params(visits, bad, "indicators[0].params"),
              (std::vector<std::string>{
                  "indicators[0].params.colour: unknown parameter of visits (known: kind, weight)",
                  "indicators[0].params.kind: 'email' is not one of visit, call",
                  "indicators[0].params.weight: 7 is above the maximum 5"}));
    EXPECT_EQ(validate_params(visits, boost::json::value(nullptr), "p"),
              (std::vector<std::string>{"p.kind: required by visits"}));
}

// --- the ELF reader ---

std::string section_error(const std::string& bytes) {
    try {
        read_manifest_section(bytes, "x.so");
    } catch (const UserError& e) {
        return e.what();
    }
    return "no error";
}

// The host hands create the scheme's parameters with the manifest's
// defaults filled in: the manifest is the one place a default is written.
TEST(Manifest, DefaultsFillWhatTheSchemeLeavesOutOrSetsToNull) {
    const PluginManifest m = parse_manifest(kValid, "acme.so");
    const ComponentManifest& visits = m.components[0];
    // weight has default 1; kind has none and stays absent.
    EXPECT_EQ(with_defaults(visits, boost::json::parse(R"({"kind": "call"})")),
              boost::json::parse(R"({"kind": "call", "weight": 1})"));
    EXPECT_EQ(with_defaults(visits, boost::json::parse(R"({"weight": null})")),
              boost::json::parse(R"({"weight": 1})"));
    EXPECT_EQ(with_defaults(visits, boost::json::parse(R"({"weight": 3})")),
              boost::json::parse(R"({"weight": 3})"));
    EXPECT_EQ(with_defaults(visits, nullptr), boost::json::parse(R"({"weight": 1})"));
}

TEST(Manifest, AFormatSaysWhatAStringNames) {
    const std::string with_format = R"({"id": "acme", "version": "1.0.0", "api": "1.0", "components": [
      {"kind": "reward", "id": "bonus", "params": [
        {"name": "base", "type": "string", "format": "column"},
        {"name": "query", "type": "string", "format": "sql"}]}]})";
    const PluginManifest m = parse_manifest(with_format, "acme.so");
    EXPECT_EQ(m.components[0].params[0].format, "column");
    EXPECT_EQ(m.components[0].params[1].format, "sql");
    std::string bad = with_format;
    bad.replace(bad.find("\"sql\""), 5, "\"url\"");
    EXPECT_EQ(
        parse_error(bad),
        "acme.so: manifest: $.components[0].params[1].format: must be \"column\" or \"sql\", not 'url'");
    std::string typed = with_format;
    typed.replace(typed.find("\"string\", \"format\": \"column\""), 8, "\"number\"");
    EXPECT_EQ(
        parse_error(typed),
        "acme.so: manifest: $.components[0].params[0].format: only a string parameter can have a format");
}

TEST(ManifestSection, ReadsTheEmbeddedManifestOfABuiltPlugin) {
    const std::string bytes = test::read_file(test::test_plugin("good", "test_good"));
    const auto section = read_manifest_section(bytes, "merit_test_good.so");
    ASSERT_TRUE(section.has_value());
    const PluginManifest m = parse_manifest(*section, "merit_test_good.so");
    EXPECT_EQ(m.id, "test_good");
    EXPECT_EQ(m.version, "1.2.3");
    EXPECT_EQ(m.components.size(), 5u);
}

TEST(ManifestSection, AnElfFileWithoutTheSectionGivesNothing) {
    // The test executable itself is a (PIE) ELF file with no manifest; a
    // non-PIE build makes it ET_EXEC, which is refused as not a shared object.
    const std::string self = test::read_file("/proc/self/exe");
    try {
        EXPECT_FALSE(read_manifest_section(self, "self").has_value());
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()), "self: not a loadable plugin: not a shared object");
    }
}

TEST(ManifestSection, TruncatedFilesAreRefused) {
    const std::string good = test::read_file(test::test_plugin("good", "test_good"));
    EXPECT_EQ(section_error(good.substr(0, good.size() / 2)),
              "x.so: not a loadable plugin: truncated (section headers missing)");
    EXPECT_EQ(section_error(good.substr(0, 40)),
              "x.so: not a loadable plugin: file too short to be an ELF shared object");
    EXPECT_EQ(section_error(""), "x.so: not a loadable plugin: file too short to be an ELF shared object");
}

TEST(ManifestSection, RandomBytesAndTextAreRefused) {
    std::mt19937 random(20260701);  // fixed seed: the same bytes every run
    std::string noise(4096, '\0');
    for (auto& c : noise) c = static_cast<char>(random() & 0xff);
    EXPECT_EQ(section_error(noise), "x.so: not a loadable plugin: not an ELF file");
    std::string text = "#!/bin/sh\necho this is not a plugin\n";
    text.resize(256, ' ');
    EXPECT_EQ(section_error(text), "x.so: not a loadable plugin: not an ELF file");
}

TEST(ManifestSection, CorruptHeadersAreRefusedNotTrusted) {
    const std::string good = test::read_file(test::test_plugin("good", "test_good"));
    Elf64_Ehdr header;
    std::memcpy(&header, good.data(), sizeof header);

    std::string far_table = good;  // section table offset points past the end
    header.e_shoff = good.size() + 4096;
    std::memcpy(far_table.data(), &header, sizeof header);
    EXPECT_EQ(section_error(far_table), "x.so: not a loadable plugin: truncated (section headers missing)");

    std::memcpy(&header, good.data(), sizeof header);
    std::string bad_names = good;  // the section-name table index is out of range
    header.e_shstrndx = header.e_shnum;
    std::memcpy(bad_names.data(), &header, sizeof header);
    EXPECT_EQ(section_error(bad_names), "x.so: not a loadable plugin: corrupt section name table");

    std::memcpy(&header, good.data(), sizeof header);
    std::string thirty_two_bit = good;
    thirty_two_bit[EI_CLASS] = ELFCLASS32;
    EXPECT_EQ(section_error(thirty_two_bit),
              "x.so: not a loadable plugin: not a 64-bit little-endian ELF file");
}

}  // namespace
}  // namespace merit
