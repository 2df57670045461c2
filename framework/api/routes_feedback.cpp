// Anonymous 360° feedback (feedback/feedback.hpp): GET /v1/feedback/inbox
// (the open requests the user is asked to answer), POST
// /v1/feedback/{request}/answers ({"scores": {"item": 0-100, ...},
// "comment"}: stored without the rater's name) and GET
// /v1/feedback/{request}/results (averages per rater role, shown only for a
// closed request with enough answers). Requests are made and closed by the
// review's request_feedback / close_feedback steps (routes_reviews.cpp).
#include <fmt/format.h>

#include "access/authorize.hpp"
#include "api/access.hpp"
#include "api/api_error.hpp"
#include "api/json_body.hpp"
#include "api/request_context.hpp"
#include "api/routes.hpp"
#include "feedback/feedback.hpp"

namespace merit::api {
namespace {

http::Response inbox(RequestContext& context) {
    require_action(context, "feedback.inbox", workspace_object());
    boost::json::array items;
    for (const FeedbackRequest& r : my_feedback_requests(context.db()))
        items.push_back(feedback_request_json(r));
    return json_response(boost::json::object{{"items", items}});
}

std::map<std::string, double> scores_of(const boost::json::object& body) {
    const auto* scores = body.if_contains("scores");
    if (!scores) throw invalid_field("required: an object of item -> score (0-100)", "scores");
    if (!scores->is_object()) throw invalid_field("must be an object of item -> score (0-100)", "scores");
    std::map<std::string, double> out;
    for (const auto& [item, score] : scores->as_object()) {
        const std::string path = fmt::format("scores.{}", std::string_view(item));
        if (!score.is_number()) throw invalid_field("must be a number from 0 to 100", path);
        out[std::string(item)] = score.to_number<double>();
    }
    return out;
}

http::Response answer(RequestContext& context) {
    const int64_t id = context.params.id("request");
    const boost::json::object body = json_object_body(context.request);
    const auto scores = scores_of(body);
    answer_feedback(context.db(), id, scores, optional_string(body, "comment").value_or(""));
    return json_response(boost::json::object{{"request", id}, {"stored_anonymously", true}}, 201);
}

http::Response results(RequestContext& context) {
    return json_response(feedback_results_json(feedback_results(context.db(), context.params.id("request"))));
}

}  // namespace

void add_feedback_routes(Router& router) {
    router.add({"GET", "/v1/feedback/inbox", RouteAccess::Authenticated, inbox});
    router.add({"POST", "/v1/feedback/{request}/answers", RouteAccess::Authenticated, answer});
    router.add({"GET", "/v1/feedback/{request}/results", RouteAccess::Authenticated, results});
}

}  // namespace merit::api
