// The payroll file of a released run (issue 18 point 5): one row per
// manager with their id, name, the fen of each pay line code and the total,
// as CSV or JSON. Only a run whose pay is released is exported; any other
// is refused with one line naming the run and the state of its pay.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace merit {

struct PayrollRow {
    std::string manager_id;
    std::string name;
    std::string org_unit_id;
    std::map<std::string, int64_t> fen_by_code;  // a code's lines summed
    int64_t total_fen = 0;                       // = run_managers.pay_fen
};

struct PayrollCode {
    std::string code;
    std::string label;
};

struct Payroll {
    int64_t run_id = 0;
    std::string scheme_id, period, released_at, results_digest;
    std::vector<PayrollCode> codes;  // in the order the scheme's rewards write them
    std::vector<PayrollRow> rows;    // by manager id
    int64_t total_fen = 0;
};

// Authorizes `pay.export` (payroll, hr_admin), refuses a run whose pay is not
// released, checks each manager's lines sum to their pay (checked int64),
// hands the file's text (payroll_text) to `deliver` and writes one audit
// entry naming the format; when `deliver` throws, nothing is audited.
Payroll export_payroll(sqlite3* db, int64_t run_id, std::string_view format,
                       const std::function<void(const std::string& text)>& deliver);

// "csv": manager_id,name,<code>...,total_fen (fen as integers, RFC 4180
// quoting); "json": one object. Throws UserError for any other format.
std::string payroll_text(const Payroll& payroll, std::string_view format);

// Refuses a format other than csv or json (before anything is read).
void check_payroll_format(std::string_view format);

}  // namespace merit
