// `merit report WS --run ID --format xlsx|html|csv|json [--out FILE | --out DIR/] [--lang zh|en]`.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>
#include <sstream>

#include "access/authorize.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "report/html_report.hpp"
#include "report/long_format.hpp"
#include "report/report_files.hpp"
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
    bool json = false;
};

void write_long(const report::Report& r, const std::string& format, std::ostream& out) {
    if (format == "csv")
        report::write_csv(r, out);
    else
        report::write_json(r, out);
}

void write_file(const report::Report& r, const std::string& format, const std::filesystem::path& file) {
    if (format == "xlsx") {
        report::write_xlsx(r, file);
    } else if (format == "html") {
        report::write_html(r, file);
    } else {
        std::ostringstream text;
        write_long(r, format, text);
        report::write_report_text(file, text.str());
    }
}

void run_report(const ReportOptions& o, const GlobalOptions& global) {
    const report::Lang lang = report::parse_lang(o.lang);
    // CSV and JSON go to stdout when no --out (or "-") is given.
    const bool to_stdout = o.out.empty() || o.out == "-";
    if (to_stdout && o.json)
        throw UsageError("--json says which file was written: give --out (--format json prints the report)");
    if (to_stdout && (o.format == "xlsx" || o.format == "html"))
        throw UsageError(fmt::format("--format {} needs --out FILE.{} (or --out DIR/)", o.format, o.format));
    const Workspace ws = global.open_workspace(o.workspace);
    require(ws.db(), current_actor(), "results.read", run_object(o.run));
    const report::Report r = report::load_report(ws.db(), o.run, lang);
    if (to_stdout) {
        write_long(r, o.format, std::cout);
        return;
    }
    const auto file = report::report_file(o.out, o.run, o.format);
    write_file(r, o.format, file);
    if (o.json)
        std::cout << json_line(
            boost::json::object{{"run", o.run}, {"format", o.format}, {"file", file.string()}});
    else
        people() << fmt::format("wrote {}\n", file.string());
}

void setup(CLI::App& app, GlobalOptions& global) {
    auto* cmd =
        app.add_subcommand("report", "Statements and overview of a stored run, for people or other systems");
    static ReportOptions options;
    cmd->add_option("WS", options.workspace, "The workspace file")->required();
    cmd->add_option("--run", options.run, "The run's id")->required();
    cmd->add_option("--format", options.format,
                    "xlsx (workbook), html (one self-contained page), csv or json (long format)")
        ->required()
        ->check(CLI::IsMember({"xlsx", "html", "csv", "json"}));
    cmd->add_option("--out", options.out,
                    "The file to write; DIR/ (or an existing directory) for DIR/run-ID.<format>; "
                    "csv and json default to stdout");
    cmd->add_option("--lang", options.lang, "Labels: zh (default, the scheme's names) or en")
        ->check(CLI::IsMember({"zh", "en"}));
    add_json_flag(cmd, options.json);
    cmd->callback([&global] { run_report(options, global); });
}

const CommandRegistrar registrar(60, &setup);

}  // namespace
}  // namespace merit
