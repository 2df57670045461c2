#include "pay/payroll_export.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "access/authorize.hpp"
#include "common/csv.hpp"
#include "common/errors.hpp"
#include "common/json_text.hpp"
#include "engine/run_lifecycle.hpp"
#include "engine/run_store.hpp"
#include "pay/pay_approval.hpp"
#include "plugin/value_checks.hpp"
#include "store/audit_log.hpp"
#include "store/sqlite.hpp"

namespace merit {
namespace {

namespace json = boost::json;

void load_rows(sqlite3* db, Payroll& p) {
    Statement managers(db,
                       "SELECT manager_id, name, org_unit_id, pay_fen FROM run_managers WHERE run_id = ?1 "
                       "ORDER BY manager_id");
    managers.bind(1, p.run_id);
    while (managers.step())
        p.rows.push_back({managers.text(0), managers.text(1), managers.text(2), {}, managers.integer(3)});
    Statement codes(db,
                    "SELECT code, min(label) FROM run_pay WHERE run_id = ?1 GROUP BY code "
                    "ORDER BY min(seq), code");
    codes.bind(1, p.run_id);
    while (codes.step()) p.codes.push_back({codes.text(0), codes.text(1)});
    Statement lines(
        db, "SELECT manager_id, code, amount_fen FROM run_pay WHERE run_id = ?1 ORDER BY manager_id, seq");
    lines.bind(1, p.run_id);
    size_t row = 0;
    while (lines.step()) {
        const std::string manager = lines.text(0);
        while (row < p.rows.size() && p.rows[row].manager_id < manager) ++row;
        if (row == p.rows.size() || p.rows[row].manager_id != manager)
            throw UserError(fmt::format("run {}: pay lines of {}, who is not in the run", p.run_id, manager));
        int64_t& fen = p.rows[row].fen_by_code[lines.text(1)];
        fen = add_fen(fen, lines.integer(2), manager);
    }
    // What payroll pays is each manager's total; it must be the sum of the
    // lines the file shows, or the file contradicts itself.
    for (const auto& r : p.rows) {
        int64_t sum = 0;
        for (const auto& [code, fen] : r.fen_by_code) sum = add_fen(sum, fen, r.manager_id);
        if (sum != r.total_fen)
            throw UserError(fmt::format("run {}: pay lines of {} sum to {} fen, its pay is {} fen", p.run_id,
                                        r.manager_id, sum, r.total_fen));
        p.total_fen = add_fen(p.total_fen, r.total_fen, "(all managers)");
    }
}

std::string csv_text(const Payroll& p) {
    std::string out = "manager_id,name";
    for (const auto& c : p.codes) out += "," + csv_field(c.code);
    out += ",total_fen\n";
    for (const auto& r : p.rows) {
        out += csv_field(r.manager_id) + "," + csv_field(r.name);
        for (const auto& c : p.codes) {
            const auto it = r.fen_by_code.find(c.code);
            out += "," + std::to_string(it == r.fen_by_code.end() ? 0 : it->second);
        }
        out += "," + std::to_string(r.total_fen) + "\n";
    }
    return out;
}

std::string json_payroll(const Payroll& p) {
    json::array codes;
    for (const auto& c : p.codes) codes.push_back(json::object{{"code", c.code}, {"label", c.label}});
    json::array managers;
    for (const auto& r : p.rows) {
        json::array lines;
        for (const auto& c : p.codes) {
            const auto it = r.fen_by_code.find(c.code);
            if (it != r.fen_by_code.end())
                lines.push_back(json::object{{"code", c.code}, {"fen", it->second}});
        }
        managers.push_back(json::object{{"manager_id", r.manager_id},
                                        {"name", r.name},
                                        {"org_unit_id", r.org_unit_id},
                                        {"lines", lines},
                                        {"total_fen", r.total_fen}});
    }
    return json_line(json::object{{"run", p.run_id},
                                  {"scheme", p.scheme_id},
                                  {"period", p.period},
                                  {"released_at", p.released_at},
                                  {"results_digest", p.results_digest},
                                  {"codes", codes},
                                  {"managers", managers},
                                  {"total_fen", p.total_fen}});
}

}  // namespace

void check_payroll_format(std::string_view format) {
    if (format != "csv" && format != "json")
        throw UserError(fmt::format("--format: '{}' is not csv or json", format));
}

Payroll export_payroll(sqlite3* db, int64_t run_id, std::string_view format,
                       const std::function<void(const std::string& text)>& deliver) {
    check_payroll_format(format);
    Transaction tx(db);
    require(db, current_actor(), "pay.export", pay_object(db, run_id));
    require_not_superseded(load_run_info(db, run_id), "export the payroll of");
    const PayApproval approval = load_pay_approval(db, run_id);
    if (approval.state != "released")
        throw UserError(fmt::format("run {}: pay is {}, not released; only released pay is exported", run_id,
                                    approval.state));
    Payroll p;
    p.run_id = run_id;
    p.released_at = approval.released_at;
    p.results_digest = approval.results_digest;
    {
        Statement st(db, "SELECT scheme_name, period FROM runs WHERE id = ?1");
        st.bind(1, run_id);
        st.step();
        p.scheme_id = st.text(0);
        p.period = st.text(1);
    }
    load_rows(db, p);
    deliver(payroll_text(p, format));
    append_audit(db, AuditRecord{"pay.export", fmt::format("run:{}", run_id),
                                 json_text(json::object{{"format", std::string(format)},
                                                        {"managers", static_cast<int64_t>(p.rows.size())},
                                                        {"total_fen", p.total_fen}}),
                                 ""});
    tx.commit();
    return p;
}

std::string payroll_text(const Payroll& payroll, std::string_view format) {
    check_payroll_format(format);
    return format == "csv" ? csv_text(payroll) : json_payroll(payroll);
}

}  // namespace merit
