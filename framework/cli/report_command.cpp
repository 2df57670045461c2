// `merit report WS --run ID --format xlsx|html|csv|json --out PATH [--lang zh|en]`.
#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "access/authorize.hpp"
#include "cli/command.hpp"
#include "common/errors.hpp"
#include "report/html_report.hpp"
#include "report/long_format.hpp"
#include "report/xlsx_report.hpp"
#include "store/workspace.hpp"

namespace merit {
namespace {

struct ReportOptions {
    std::string workspace;
    int64_t run = 0;
    std::string format;
    std::string out;
    std::string lang = "zh";
};

// CSV and JSON go to stdout when no --out (or "-") is given.
void write_long(const report::Report& r, const ReportOptions& o) {
    auto write = [&](std::ostream& stream) {
        if (o.format == "csv")
            report::write_csv(r, stream);
        else
            report::write_json(r, stream);
    };
    if (o.out.empty() || o.out == "-") {
        write(std::cout);
        return;
    }
    std::ofstream file(o.out, std::ios::binary | std::ios::trunc);
    if (!file) throw UserError(fmt::format("{}: cannot write", o.out));
    write(file);
    file.close();
    if (!file) throw UserError(fmt::format("{}: write failed", o.out));
    std::cerr << fmt::format("wrote {}\n", o.out);
}

void run_report(const ReportOptions& o, const GlobalOptions& global) {
    const report::Lang lang = report::parse_lang(o.lang);
    if ((o.format == "xlsx" || o.format == "html") && o.out.empty())
        throw UsageError(fmt::format("--format {} needs --out", o.format));
    const Workspace ws = global.open_workspace(o.workspace);
    require(ws.db(), current_actor(), "results.read", run_object(o.run));
    const report::Report r = report::load_report(ws.db(), o.run, lang);
    if (o.format == "xlsx") {
        report::write_xlsx(r, o.out);
        std::cout << fmt::format("wrote {}\n", o.out);
    } else if (o.format == "html") {
        std::cout << fmt::format("wrote {}\n", report::write_html(r, o.out).string());
    } else {
        write_long(r, o);
    }
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd =
        app.add_subcommand("report", "Statements and overview of a stored run, for people or other systems");
    static ReportOptions options;
    cmd->add_option("WS", options.workspace, "The workspace file")->required();
    cmd->add_option("--run", options.run, "The run's id")->required();
    cmd->add_option("--format", options.format,
                    "xlsx (workbook), html (a page in DIR), csv or json (long format)")
        ->required()
        ->check(CLI::IsMember({"xlsx", "html", "csv", "json"}));
    cmd->add_option("--out", options.out, "FILE.xlsx, DIR for html, FILE for csv/json (default: stdout)");
    cmd->add_option("--lang", options.lang, "Labels: zh (default, the scheme's names) or en")
        ->check(CLI::IsMember({"zh", "en"}));
    cmd->callback([&global] { run_report(options, global); });
}

const CommandRegistrar registrar(60, &setup);

}  // namespace
}  // namespace merit
