#include "report/demo_runner.hpp"

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <merit/money.hpp>

#include "common/text_width.hpp"
#include "import/importer.hpp"
#include "report/html_report.hpp"
#include "report/html_text.hpp"
#include "report/report_files.hpp"
#include "report/report_model.hpp"
#include "report/xlsx_report.hpp"

namespace merit::report {
namespace {

namespace fs = std::filesystem;

constexpr size_t kSummaryRows = 5;

// A name padded to `width` display columns (Chinese counts double).
std::string pad(const std::string& text, size_t width) {
    const size_t w = display_width(text);
    return text + std::string(w < width ? width - w : 0, ' ');
}

// The ratings in band order with their counts, then the first managers.
void print_summary(const Report& r, std::ostream& out) {
    const auto& t = r.text();
    std::map<std::string, size_t> counts;
    for (const auto& m : r.data.managers) ++counts[m.rating];
    std::string bands;
    for (const auto& band : r.scheme.bands)
        if (counts.count(band))
            bands += fmt::format("{}{} {}", bands.empty() ? "" : " · ", band, counts[band]);
    out << fmt::format("  {} · {} {} · {}\n", r.title(), r.data.managers.size(), t.managers, bands);
    for (size_t i = 0; i < r.data.managers.size() && i < kSummaryRows; ++i) {
        const auto& m = r.data.managers[i];
        out << fmt::format("  {:>3}  {} {} {:>7}  {}  {:>12}\n", m.rank, pad(m.name, 8),
                           pad(m.org_unit_name, 14), fixed2(m.total), pad(m.rating, 6),
                           yuan_grouped(m.pay_fen));
    }
    if (r.data.managers.size() > kSummaryRows)
        out << fmt::format("  ... {} more\n", r.data.managers.size() - kSummaryRows);
}

std::string file_safe(const std::string& text) {
    std::string out;
    for (const char c : text)
        out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
    return out;
}

void write_index(const std::vector<DemoRun>& runs, const DemoOutcome& outcome, const DemoOptions& options,
                 const fs::path& file) {
    const bool zh = options.lang == Lang::zh;
    std::string page = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>Merit demo</title><style>"
        "body{{font:14px/1.5 system-ui,\"Noto Sans CJK SC\",\"Microsoft "
        "YaHei\",sans-serif;margin:24px;color:#1f2933}}"
        "table{{border-collapse:collapse}}td,th{{border-bottom:1px solid #d9e2ec;padding:4px "
        "10px;text-align:left}}"
        "</style></head><body><h1>Merit demo</h1><p>{}</p><table><thead><tr><th>{}</th><th>{}</th><th>{}</th>"
        "<th>{}</th><th>HTML</th><th>XLSX</th></tr></thead><tbody>\n",
        zh ? "zh-CN" : "en",
        zh ? "每个样例数据集建一个工作区，运行每个方案，每次运行生成一份 Excel 明细和一份网页总览。"
           : "One workspace per sample set, every scheme run on it, an Excel workbook and a web overview per "
             "run.",
        zh ? "数据集" : "Sample set", zh ? "方案" : "Scheme", zh ? "考核期" : "Period",
        zh ? "人数" : "Managers");
    for (const auto& r : runs) {
        const auto html = fs::relative(r.html, file.parent_path()).generic_string();
        const auto xlsx = fs::relative(r.xlsx, file.parent_path()).generic_string();
        page += fmt::format(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a href=\"{}\">{}</a></td>"
            "<td><a href=\"{}\">{}</a></td></tr>\n",
            html_escape(r.set), html_escape(r.title), html_escape(r.period), r.managers, html_escape(html),
            html_escape(r.html.filename().string()), html_escape(xlsx),
            html_escape(r.xlsx.filename().string()));
    }
    page += "</tbody></table>";
    for (const auto* list : {&outcome.skipped, &outcome.failures})
        if (!list->empty()) {
            page += "<ul>";
            for (const auto& line : *list) page += "<li>" + html_escape(line) + "</li>";
            page += "</ul>";
        }
    page += "</body></html>\n";
    write_report_text(file, page);
}

// Removes a workspace an earlier demo left, with its SQLite side files.
void remove_workspace(const fs::path& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path.string() + suffix);
}

struct SchemeProgress {
    const DemoScheme* scheme = nullptr;
    std::vector<std::string> periods;  // planned, oldest first
    std::vector<std::string> pending;  // not yet run successfully
    std::vector<std::string> errors;   // of the latest attempt
    int64_t last_run = 0;
};

DemoRun run_and_write(Workspace& ws, const DemoSampleSet& set, const DemoScheme& scheme,
                      const std::string& period, const DemoOptions& options, const RunSchemeFunction& run) {
    const int64_t id = run(ws, scheme.file, period);
    const Report report = load_report(ws.db(), id, options.lang);
    const fs::path dir = options.out_dir / set.name;
    const std::string base = file_safe(scheme.id) + "-" + file_safe(period);
    DemoRun w{set.name,
              scheme.file,
              report.scheme.title_label(options.lang),
              period,
              id,
              report.data.managers.size(),
              dir / (base + ".xlsx"),
              dir / (base + ".html")};
    fs::create_directories(dir);
    write_xlsx(report, w.xlsx);
    write_html(report, w.html);
    return w;
}

}  // namespace

DemoOutcome run_demo(const DemoPlan& plan, const DemoOptions& options, const RunSchemeFunction& run,
                     std::ostream& out) {
    DemoOutcome outcome;
    outcome.skipped = plan.notes;
    std::vector<DemoRun>& written = outcome.written;
    fs::create_directories(options.out_dir);
    for (const auto& set : plan.sets) {
        const fs::path ws_path = options.out_dir / (set.name + ".merit");
        remove_workspace(ws_path);
        Workspace ws = Workspace::create(ws_path);
        try {
            ImportOptions import_options;
            import_directory(ws, set.dir, import_options);
        } catch (const std::exception& e) {
            outcome.failures.push_back(fmt::format("sample set {}: import failed: {}", set.name, e.what()));
            continue;
        }
        out << fmt::format("\n== {} ({}) -> {}\n", set.name, set.dir.string(), ws_path.string());
        // A scheme may read another scheme's runs of the same period (a
        // supervisor's scheme averaging the managers' results), so periods
        // that fail are tried once more after every other scheme of the set.
        std::vector<SchemeProgress> progress;
        for (const auto& scheme : set.schemes) {
            SchemeProgress p;
            p.scheme = &scheme;
            p.periods = demo_periods(ws.db(), scheme.period_type, options.max_periods);
            if (p.periods.empty())
                outcome.skipped.push_back(
                    fmt::format("skipped scheme {}: no {} period found in sample set {}",
                                scheme.file.filename().string(), scheme.period_type, set.name));
            p.pending = p.periods;
            progress.push_back(std::move(p));
        }
        for (int attempt = 0; attempt < 2; ++attempt)
            for (auto& p : progress) {
                std::vector<std::string> still_failing;
                p.errors.clear();
                for (const auto& period : p.pending) {
                    try {
                        written.push_back(run_and_write(ws, set, *p.scheme, period, options, run));
                        ++outcome.runs;
                        p.last_run = written.back().run_id;
                    } catch (const std::exception& e) {
                        still_failing.push_back(period);
                        p.errors.push_back(
                            fmt::format("{} {}: {}", p.scheme->file.filename().string(), period, e.what()));
                    }
                }
                p.pending = std::move(still_failing);
            }
        for (const auto& p : progress) {
            if (p.periods.empty()) continue;
            outcome.failures.insert(outcome.failures.end(), p.errors.begin(), p.errors.end());
            const auto& scheme = *p.scheme;
            out << fmt::format("\n{} ({}): {}\n", scheme.title.empty() ? scheme.id : scheme.title,
                               scheme.file.filename().string(), fmt::join(p.periods, ", "));
            if (p.last_run == 0) {
                out << "  no run succeeded\n";
                continue;
            }
            print_summary(load_report(ws.db(), p.last_run, options.lang), out);
            for (const auto& w : written)
                if (w.set == set.name && w.scheme_file == scheme.file)
                    out << fmt::format("  {}  {}  {}\n", w.period, w.xlsx.string(), w.html.string());
        }
    }
    outcome.index = options.out_dir / "index.html";
    write_index(written, outcome, options, outcome.index);
    return outcome;
}

}  // namespace merit::report
