// GET /v1/runs/{run}/report?format=xlsx|html|csv|json&lang=zh|en: the same
// files `merit report` writes, as a download.
#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "api/access.hpp"
#include "api/api_error.hpp"
#include "api/request_context.hpp"
#include "api/routes.hpp"
#include "api/scratch_dir.hpp"
#include "report/html_report.hpp"
#include "report/long_format.hpp"
#include "report/xlsx_report.hpp"

namespace merit::api {
namespace {

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

struct ReportFormat {
    const char* name;
    const char* content_type;
    const char* extension;
};

constexpr ReportFormat kFormats[] = {
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"},
    {"html", "text/html; charset=utf-8", "html"},
    {"csv", "text/csv; charset=utf-8", "csv"},
    {"json", "application/json", "json"}};

const ReportFormat& report_format(const http::Request& request) {
    const std::string name = request.query_value("format").value_or("");
    for (const ReportFormat& f : kFormats)
        if (name == f.name) return f;
    throw invalid_field("must be xlsx, html, csv or json", "format");
}

report::Lang report_lang(const http::Request& request) {
    const std::string lang = request.query_value("lang").value_or("zh");
    if (lang != "zh" && lang != "en") throw invalid_field("must be zh or en", "lang");
    return report::parse_lang(lang);
}

std::string render(const report::Report& r, const ReportFormat& format) {
    if (format.name == std::string_view("csv") || format.name == std::string_view("json")) {
        std::ostringstream out;
        if (format.name == std::string_view("csv"))
            report::write_csv(r, out);
        else
            report::write_json(r, out);
        return out.str();
    }
    if (format.name == std::string_view("html")) return report::render_html(r);
    // The XLSX writer writes a file: into a private scratch directory.
    const ScratchDir scratch;
    const auto file = scratch.path() / "report.xlsx";
    report::write_xlsx(r, file);
    return read_file(file);
}

http::Response download(RequestContext& context) {
    const int64_t run_id = context.params.id("run");
    const ReportFormat& format = report_format(context.request);
    const report::Lang lang = report_lang(context.request);
    require_action(context, "results.read", run_object(run_id));
    report::Report r = [&] {
        try {
            return report::load_report(context.db(), run_id, lang);
        } catch (const UserError& e) {
            throw not_found(e.what(), "run");
        }
    }();
    http::Response response;
    response.body = render(r, format);
    response.content_type = format.content_type;
    response.set_header("Content-Disposition",
                        fmt::format("attachment; filename=\"merit-run-{}.{}\"", run_id, format.extension));
    return response;
}

}  // namespace

void add_report_routes(Router& router) {
    router.add({"GET", "/v1/runs/{run}/report", RouteAccess::Authenticated, download});
}

}  // namespace merit::api
