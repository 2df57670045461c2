// A run's pay through four-eyes approval to payroll (pay/pay_approval.hpp):
// GET /v1/runs/{run}/pay (ETag), POST /v1/runs/{run}/pay/submit|approve|release
// (If-Match; {"reason"}), and GET /v1/runs/{run}/payroll?format=csv|json, the
// payroll file of a released run. Who may do what is the library's
// authorize(), as on the command line: the submitter never approves, payroll
// only exports released pay.
#include <fmt/format.h>

#include "api/api_error.hpp"
#include "api/entity_tag.hpp"
#include "api/json_body.hpp"
#include "api/request_context.hpp"
#include "api/routes.hpp"
#include "pay/pay_approval.hpp"
#include "pay/payroll_export.hpp"

namespace merit::api {
namespace {

// Changes with every step and every approval, so a client acting on what it
// read gets 409 once someone else has moved the pay on.
std::string pay_tag(const PayApproval& approval) {
    return entity_tag("pay", std::to_string(approval.run_id),
                      fmt::format("{}\n{}", approval.state, approval.approvals.size()));
}

http::Response with_tag(const PayApproval& approval) {
    http::Response response = json_response(pay_approval_json(approval));
    response.set_header("ETag", pay_tag(approval));
    return response;
}

http::Response pay_state(RequestContext& context) {
    return with_tag(pay_status(context.db(), context.params.id("run")));
}

std::string reason_of(const http::Request& request) {
    if (request.body.empty()) return "";
    return optional_string(json_object_body(request), "reason").value_or("");
}

using PayStep = PayApproval (*)(sqlite3*, int64_t, std::string_view);

// The step authorizes itself; the tag is checked against the state the
// library reads without authorizing, so a refused user learns nothing from
// a 409 that a 403 would not have told them.
http::Response pay_step(RequestContext& context, PayStep step) {
    const int64_t run_id = context.params.id("run");
    const std::string reason = reason_of(context.request);
    require_if_match(context.request, pay_tag(load_pay_approval(context.db(), run_id)));
    return with_tag(step(context.db(), run_id, reason));
}

http::Response payroll(RequestContext& context) {
    const auto format = context.request.query_value("format").value_or("csv");
    try {
        check_payroll_format(format);
    } catch (const UserError& e) {
        throw invalid_field(e.what(), "format");
    }
    std::string file;
    const Payroll p = export_payroll(context.db(), context.params.id("run"), format,
                                     [&](const std::string& text) { file = text; });
    http::Response response;
    response.body = std::move(file);
    response.content_type = format == "csv" ? "text/csv; charset=utf-8" : "application/json";
    response.set_header("Content-Disposition",
                        fmt::format("attachment; filename=\"payroll-run-{}.{}\"", p.run_id, format));
    return response;
}

}  // namespace

void add_pay_routes(Router& router) {
    router.add({"GET", "/v1/runs/{run}/pay", RouteAccess::Authenticated, pay_state});
    router.add({"POST", "/v1/runs/{run}/pay/submit", RouteAccess::Authenticated,
                [](RequestContext& c) { return pay_step(c, &submit_pay); }});
    router.add({"POST", "/v1/runs/{run}/pay/approve", RouteAccess::Authenticated,
                [](RequestContext& c) { return pay_step(c, &approve_pay); }});
    router.add({"POST", "/v1/runs/{run}/pay/release", RouteAccess::Authenticated,
                [](RequestContext& c) { return pay_step(c, &release_pay); }});
    router.add({"GET", "/v1/runs/{run}/payroll", RouteAccess::Authenticated, payroll});
}

}  // namespace merit::api
