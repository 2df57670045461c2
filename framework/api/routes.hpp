// Each routes_*.cpp adds one group of /v1 endpoints; the OpenAPI file
// (share/merit/api/openapi.json) documents every one of them, which
// tests/api checks both ways.
#pragma once

#include "api/router.hpp"

namespace merit::api {

void add_meta_routes(Router& router);         // openapi.json, health
void add_session_routes(Router& router);      // login, logout, who am I
void add_workspace_routes(Router& router);    // summary, managers, org units
void add_run_routes(Router& router);          // runs, results, statements, explain, diff, finalize
void add_report_routes(Router& router);       // XLSX/HTML/CSV/JSON downloads
void add_job_routes(Router& router);          // imports, job state
void add_audit_routes(Router& router);        // the audit log
void add_review_routes(Router& router);       // reviews: open, goals, plans, every step of the flow
void add_pay_routes(Router& router);          // four-eyes pay approval, the payroll file
void add_dispute_routes(Router& router);      // disputes of released results
void add_feedback_routes(Router& router);     // 360° inbox, anonymous answers, results
void add_calibration_routes(Router& router);  // calibration sessions and their close (a job)
void add_data_routes(Router& router);         // data versions

}  // namespace merit::api
