// Disputes of released or calibrated results (dispute/dispute.hpp):
// GET /v1/disputes (those the user may read), POST /v1/disputes
// ({"run", "manager", "line", "reason"}), GET /v1/disputes/{dispute} (ETag)
// and POST /v1/disputes/{dispute}/{action} (If-Match; request_info, reply,
// review, uphold, reject, withdraw with {"text"}, uphold also
// {"correction", "correction_run", "correction_note"}).
#include <fmt/format.h>

#include "api/api_error.hpp"
#include "api/entity_tag.hpp"
#include "api/json_body.hpp"
#include "api/request_context.hpp"
#include "api/routes.hpp"
#include "dispute/dispute.hpp"

namespace merit::api {
namespace {

// A dispute's tag changes with each step of its history.
std::string dispute_tag(const Dispute& d) {
    return entity_tag("dispute", std::to_string(d.id), fmt::format("{}\n{}", d.state, d.events.size()));
}

http::Response with_tag(const Dispute& d, int status = 200) {
    http::Response response = json_response(dispute_json(d), status);
    response.set_header("ETag", dispute_tag(d));
    response.set_header("Location", fmt::format("/v1/disputes/{}", d.id));
    return response;
}

http::Response all_disputes(RequestContext& context) {
    boost::json::array items;
    for (const Dispute& d : list_disputes(context.db())) items.push_back(dispute_json(d));
    return json_response(boost::json::object{{"items", items}});
}

http::Response open(RequestContext& context) {
    const boost::json::object body = json_object_body(context.request);
    // Fields are read in the documented order, so the first missing one is named.
    const int64_t run = required_id(body, "run");
    const std::string manager = required_string(body, "manager");
    const std::string line = required_string(body, "line");
    const std::string reason = required_string(body, "reason");
    const Dispute d = open_dispute(context.db(), run, manager, line, reason);
    return with_tag(d, 201);
}

http::Response one(RequestContext& context) {
    return with_tag(read_dispute(context.db(), context.params.id("dispute")));
}

DisputeInput input_of(const http::Request& request) {
    DisputeInput in;
    if (request.body.empty()) return in;
    const boost::json::object body = json_object_body(request);
    in.text = optional_string(body, "text").value_or("");
    in.correction = optional_string(body, "correction").value_or("");
    in.correction_note = optional_string(body, "correction_note").value_or("");
    in.correction_run = optional_id(body, "correction_run").value_or(0);
    return in;
}

http::Response act(RequestContext& context) {
    const int64_t id = context.params.id("dispute");
    const DisputeInput input = input_of(context.request);
    // Reading authorizes dispute.read first: a user who may not see the
    // dispute gets 403, not a tag to compare.
    require_if_match(context.request, dispute_tag(read_dispute(context.db(), id)));
    return with_tag(dispute_act(context.db(), id, context.params.text("action"), input));
}

}  // namespace

void add_dispute_routes(Router& router) {
    router.add({"GET", "/v1/disputes", RouteAccess::Authenticated, all_disputes});
    router.add({"POST", "/v1/disputes", RouteAccess::Authenticated, open});
    router.add({"GET", "/v1/disputes/{dispute}", RouteAccess::Authenticated, one});
    router.add({"POST", "/v1/disputes/{dispute}/{action}", RouteAccess::Authenticated, act});
}

}  // namespace merit::api
