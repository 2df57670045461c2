// Reviews (workflow/review.hpp), every step of the flow the command line
// has: GET /v1/reviews?period=&state=&manager= (those the user may read),
// POST /v1/reviews ({"manager", "period"}: open), GET
// /v1/reviews/{manager}/{period} (ETag), POST .../goals ({"text",
// "target_key", "target"}), DELETE .../goals/{seq}, POST .../plans ({"kind",
// "text", "due"}), DELETE .../plans/{seq}, and POST .../actions/{action}
// (If-Match; {"reason", "text", "ratings": [{"item", "score", "comment"}],
// "raters": ["USER=peer"], "items": [...]}, as the action needs).
#include <fmt/format.h>

#include "api/api_error.hpp"
#include "api/entity_tag.hpp"
#include "api/json_body.hpp"
#include "api/request_context.hpp"
#include "api/routes.hpp"
#include "workflow/review.hpp"

namespace merit::api {
namespace {

ReviewKey key_of(RequestContext& context) {
    try {
        return ReviewKey::parse(context.params.text("manager") + "/" + context.params.text("period"));
    } catch (const UserError& e) {
        throw not_found(e.what(), "period");
    }
}

// A review's tag changes with its state and with every edit of its content.
std::string review_tag(const Review& r) {
    return entity_tag("review", r.key.text(), boost::json::serialize(review_json(r)));
}

http::Response with_tag(const Review& r, int status = 200) {
    http::Response response = json_response(review_json(r), status);
    response.set_header("ETag", review_tag(r));
    response.set_header("Location", fmt::format("/v1/reviews/{}/{}", r.key.manager_id, r.key.period));
    return response;
}

http::Response all_reviews(RequestContext& context) {
    const http::Request& q = context.request;
    const ReviewFilter filter{.period = q.query_value("period").value_or(""),
                              .state = q.query_value("state").value_or(""),
                              .manager_id = q.query_value("manager").value_or("")};
    boost::json::array items;
    for (const Review& r : list_reviews(context.db(), filter)) items.push_back(review_json(r));
    return json_response(boost::json::object{{"items", items}});
}

http::Response open(RequestContext& context) {
    const boost::json::object body = json_object_body(context.request);
    const std::string manager = required_string(body, "manager");  // named first when both are missing
    const std::string text = manager + "/" + required_string(body, "period");
    ReviewKey key;
    try {
        key = ReviewKey::parse(text);
    } catch (const UserError& e) {
        throw invalid_field(e.what(), "period");
    }
    return with_tag(open_review(context.db(), key), 201);
}

http::Response one(RequestContext& context) {
    return with_tag(read_review(context.db(), key_of(context)));
}

std::vector<ItemRating> ratings_of(const boost::json::object& body) {
    std::vector<ItemRating> out;
    const auto* v = body.if_contains("ratings");
    if (!v || v->is_null()) return out;
    if (!v->is_array()) throw invalid_field("must be an array of {item, score, comment}", "ratings");
    for (size_t i = 0; i < v->as_array().size(); ++i) {
        const std::string path = fmt::format("ratings[{}]", i);
        const auto& item = v->as_array()[i];
        if (!item.is_object()) throw invalid_field("must be an object {item, score, comment}", path);
        const auto& o = item.as_object();
        const auto* item_name = o.if_contains("item");
        if (!item_name || !item_name->is_string()) throw invalid_field("required string", path + ".item");
        const auto* score_value = o.if_contains("score");
        if (!score_value || !score_value->is_number())
            throw invalid_field("is required: a number", path + ".score");
        const double score = score_value->to_number<double>();
        out.push_back(
            {std::string(item_name->as_string()), score, optional_string(o, "comment").value_or("")});
    }
    return out;
}

ReviewInput input_of(const http::Request& request) {
    ReviewInput in;
    if (request.body.empty()) return in;
    const boost::json::object body = json_object_body(request);
    in.reason = optional_string(body, "reason").value_or("");
    in.text = optional_string(body, "text").value_or("");
    in.ratings = ratings_of(body);
    in.raters = string_list(body, "raters");
    in.items = string_list(body, "items");
    return in;
}

// Every change checks If-Match against the review as the user may read it
// (read_review authorizes review.read first).
template <typename Change>
http::Response change(RequestContext& context, Change&& apply) {
    const ReviewKey key = key_of(context);
    require_if_match(context.request, review_tag(read_review(context.db(), key)));
    return with_tag(apply(key));
}

http::Response act(RequestContext& context) {
    const ReviewInput input = input_of(context.request);
    return change(context, [&](const ReviewKey& key) {
        return review_act(context.db(), key, context.params.text("action"), input);
    });
}

http::Response goal(RequestContext& context) {
    const boost::json::object body = json_object_body(context.request);
    const Goal g{.seq = 0,
                 .text = required_string(body, "text"),
                 .target_key = optional_string(body, "target_key").value_or(""),
                 .target = optional_number(body, "target")};
    return change(context, [&](const ReviewKey& key) { return add_goal(context.db(), key, g); });
}

http::Response plan(RequestContext& context) {
    const boost::json::object body = json_object_body(context.request);
    const PlanItem p{.seq = 0,
                     .kind = required_string(body, "kind"),
                     .text = required_string(body, "text"),
                     .due = optional_string(body, "due").value_or("")};
    return change(context, [&](const ReviewKey& key) { return add_plan(context.db(), key, p); });
}

int seq_of(RequestContext& context) {
    const int64_t seq = context.params.id("seq");
    if (seq > INT32_MAX) throw not_found(fmt::format("no item {}", seq), "seq");
    return static_cast<int>(seq);
}

}  // namespace

void add_review_routes(Router& router) {
    const char* one_review = "/v1/reviews/{manager}/{period}";
    router.add({"GET", "/v1/reviews", RouteAccess::Authenticated, all_reviews});
    router.add({"POST", "/v1/reviews", RouteAccess::Authenticated, open});
    router.add({"GET", one_review, RouteAccess::Authenticated, one});
    router.add({"POST", std::string(one_review) + "/actions/{action}", RouteAccess::Authenticated, act});
    router.add({"POST", std::string(one_review) + "/goals", RouteAccess::Authenticated, goal});
    router.add({"DELETE", std::string(one_review) + "/goals/{seq}", RouteAccess::Authenticated,
                [](RequestContext& c) {
                    const int seq = seq_of(c);
                    return change(c, [&](const ReviewKey& key) { return remove_goal(c.db(), key, seq); });
                }});
    router.add({"POST", std::string(one_review) + "/plans", RouteAccess::Authenticated, plan});
    router.add({"DELETE", std::string(one_review) + "/plans/{seq}", RouteAccess::Authenticated,
                [](RequestContext& c) {
                    const int seq = seq_of(c);
                    return change(c, [&](const ReviewKey& key) { return remove_plan(c.db(), key, seq); });
                }});
}

}  // namespace merit::api
