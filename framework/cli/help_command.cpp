// `merit help [TOPIC | COMMAND [SUBCOMMAND]] [--json]`: a command's own help,
// or where the documentation that ships with Merit is (share/merit/doc:
// CSV.md, the input files; SCHEMES.md, writing a scheme; PLUGINS.md,
// writing a plugin). `merit help csv` prints the input files' reference.
#include <fmt/format.h>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/json.hpp>
#include <iostream>

#include "cli/command.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "import/csv_reference.hpp"

namespace merit {
namespace {

struct Topic {
    const char* name;
    const char* file;  // under share/merit/doc
    const char* about;
};
constexpr Topic kTopics[] = {
    {"csv", "CSV.md", "the input files: every table, column, type, key and an example"},
    {"scheme", "SCHEMES.md", "writing a scheme: dimensions, indicators, bands, rewards"},
    {"plugins", "PLUGINS.md", "writing a plugin: the SDK, the data services, trust and isolation"},
};

// share/merit beside the running executable (../share/merit), whatever
// MERIT_CONFIG says: the documentation and samples ship with the program.
std::filesystem::path share_dir() {
    return (boost::dll::program_location().parent_path() / ".." / "share" / "merit").lexically_normal();
}

std::filesystem::path doc_dir() {
    return share_dir() / "doc";
}

const Topic* find_topic(const std::string& name) {
    for (const Topic& t : kTopics)
        if (name == t.name) return &t;
    return nullptr;
}

// The command `words` names, from the top; UsageError naming the unknown word.
const CLI::App* find_command(const CLI::App& app, const std::vector<std::string>& words) {
    const CLI::App* at = &app;
    for (const std::string& word : words) {
        const CLI::App* next = nullptr;
        for (const CLI::App* sub : at->get_subcommands({})) {
            if (sub->get_name() == word) next = sub;
        }
        if (!next)
            throw UsageError(fmt::format("help: no command or topic '{}' (merit help lists them)", word));
        at = next;
    }
    return at;
}

std::string overview(const CLI::App& app) {
    std::string out =
        "merit COMMAND --help, or merit help COMMAND, shows a command's options.\n\nCommands:\n";
    for (const CLI::App* sub : app.get_subcommands({}))
        out += fmt::format("  {:<11} {}\n", sub->get_name(), sub->get_description());
    out += fmt::format("\nDocumentation (in {}):\n", doc_dir().string());
    for (const Topic& t : kTopics) out += fmt::format("  merit help {:<8} {}: {}\n", t.name, t.file, t.about);
    return out;
}

boost::json::object json_answer(const std::string& topic, const std::string& text, const std::string& file) {
    return {{"topic", topic},
            {"text", text},
            {"file", file.empty() ? boost::json::value() : boost::json::value(file)},
            {"doc_dir", doc_dir().string()}};
}

void setup(CLI::App& app, GlobalOptions&) {
    auto* cmd = app.add_subcommand("help", "A command's help, or where Merit's documentation is");
    static std::vector<std::string> words;
    static bool as_json = false;
    cmd->add_option("TOPIC", words, "csv, scheme, plugins, or a command (and its subcommand)");
    add_json_flag(cmd, as_json);
    cmd->callback([&app] {
        std::string topic, text, file;
        if (words.empty()) {
            text = overview(app);
        } else if (const Topic* t = words.size() == 1 ? find_topic(words[0]) : nullptr) {
            topic = t->name;
            file = (doc_dir() / t->file).string();
            text = topic == "csv" ? csv_reference_markdown(share_dir() / "config" / "samples")
                                  : fmt::format("{}: {}\n", file, t->about);
        } else {
            for (const std::string& w : words) topic += (topic.empty() ? "" : " ") + w;
            text = find_command(app, words)->help();
            if (words[0] == "import") file = (doc_dir() / "CSV.md").string();
            if (words[0] == "validate" || words[0] == "run") file = (doc_dir() / "SCHEMES.md").string();
            if (words[0] == "plugins") file = (doc_dir() / "PLUGINS.md").string();
            if (!file.empty()) text += fmt::format("\nSee also {}\n", file);
        }
        std::cout << (as_json ? json_line(json_answer(topic, text, file)) : text);
    });
}

const CommandRegistrar registrar(99, &setup);

}  // namespace
}  // namespace merit
