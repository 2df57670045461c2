// Calibration sessions (calibration/calibration.hpp): GET /v1/calibrations
// (the sessions the user may read), POST /v1/calibrations ({"run", "name",
// "org_units", "members"}: hr_admin), GET /v1/calibrations/{session}
// (totals, ratings, distribution against the limits, lines; ETag), POST
// .../adjustments ({"manager", "points", "reason"}) and .../ratings
// ({"manager", "rating", "reason"}) by a member (If-Match), and POST
// .../close ({"reason"}; If-Match): the scheme is evaluated again with the
// calibration applied, which is long work, so it answers 202 with a job
// whose result names the calibrated run.
#include <fmt/format.h>

#include "api/access.hpp"
#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/entity_tag.hpp"
#include "api/json_body.hpp"
#include "api/request_context.hpp"
#include "api/routes.hpp"
#include "calibration/calibration.hpp"
#include "store/actor.hpp"

namespace merit::api {
namespace {

// Changes with every line and with closing.
std::string session_tag(const CalibrationView& v) {
    return entity_tag("calibration", std::to_string(v.session.id),
                      fmt::format("{}\n{}", v.session.state, v.lines.size()));
}

http::Response with_tag(const CalibrationView& v, int status = 200) {
    http::Response response = json_response(calibration_view_json(v), status);
    response.set_header("ETag", session_tag(v));
    response.set_header("Location", fmt::format("/v1/calibrations/{}", v.session.id));
    return response;
}

http::Response all_sessions(RequestContext& context) {
    boost::json::array items;
    for (const CalibrationSession& s : list_calibrations(context.db()))
        items.push_back(calibration_session_json(s));
    return json_response(boost::json::object{{"items", items}});
}

http::Response open(RequestContext& context) {
    const boost::json::object body = json_object_body(context.request);
    CalibrationSpec spec;
    spec.run_id = required_id(body, "run");
    spec.name = required_string(body, "name");
    spec.org_units = string_list(body, "org_units", true);
    spec.members = string_list(body, "members", true);
    const CalibrationSession s = open_calibration(context.db(), spec);
    return with_tag(read_calibration(context.db(), s.id), 201);
}

http::Response one(RequestContext& context) {
    return with_tag(read_calibration(context.db(), context.params.id("session")));
}

// A member's line: the tag is compared once the read has authorized.
template <typename Record>
http::Response line(RequestContext& context, Record&& record) {
    const int64_t id = context.params.id("session");
    const boost::json::object body = json_object_body(context.request);
    require_if_match(context.request, session_tag(read_calibration(context.db(), id)));
    return with_tag(record(id, body));
}

http::Response adjust(RequestContext& context) {
    return line(context, [&](int64_t id, const boost::json::object& body) {
        const std::string manager = required_string(body, "manager");
        const auto points = optional_number(body, "points");
        if (!points) throw invalid_field("is required: the signed change", "points");
        const std::string reason = required_string(body, "reason");
        return adjust_total(context.db(), id, manager, *points, reason);
    });
}

http::Response rate(RequestContext& context) {
    return line(context, [&](int64_t id, const boost::json::object& body) {
        const std::string manager = required_string(body, "manager");
        const std::string rating = required_string(body, "rating");
        const std::string reason = required_string(body, "reason");
        return override_rating(context.db(), id, manager, rating, reason);
    });
}

http::Response close(RequestContext& context) {
    const int64_t id = context.params.id("session");
    const std::string reason =
        context.request.body.empty()
            ? ""
            : optional_string(json_object_body(context.request), "reason").value_or("");
    const CalibrationView before = read_calibration(context.db(), id);
    require_if_match(context.request, session_tag(before));
    if (before.session.state != "open")
        throw conflict(
            fmt::format("calibration {} is {}: only an open session is closed", id, before.session.state),
            "session");
    ApiService& service = context.service;
    const Actor actor = actor_of(context.user());
    const int64_t job =
        service.jobs().submit("calibration", actor.id, [&service, actor, id, reason](auto set_step) {
            set_step(fmt::format("evaluating calibration {} again", id));
            ConnectionPool::Lease lease = service.connections().borrow();
            const ActorScope acting(actor);
            const int64_t run = close_calibration(lease.workspace(), service.plugins(), id, reason);
            return boost::json::value(
                boost::json::object{{"session", id}, {"run", run}, {"url", fmt::format("/v1/runs/{}", run)}});
        });
    http::Response response = json_response(job_json(*service.jobs().find(job)), 202);
    response.set_header("Location", fmt::format("/v1/jobs/{}", job));
    return response;
}

}  // namespace

void add_calibration_routes(Router& router) {
    router.add({"GET", "/v1/calibrations", RouteAccess::Authenticated, all_sessions});
    router.add({"POST", "/v1/calibrations", RouteAccess::Authenticated, open});
    router.add({"GET", "/v1/calibrations/{session}", RouteAccess::Authenticated, one});
    router.add({"POST", "/v1/calibrations/{session}/adjustments", RouteAccess::Authenticated, adjust});
    router.add({"POST", "/v1/calibrations/{session}/ratings", RouteAccess::Authenticated, rate});
    router.add({"POST", "/v1/calibrations/{session}/close", RouteAccess::Authenticated, close});
}

}  // namespace merit::api
