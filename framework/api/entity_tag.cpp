#include "api/entity_tag.hpp"

#include "api/api_error.hpp"
#include "common/sha256.hpp"

namespace merit::api {

std::string entity_tag(const std::string& kind, const std::string& id, const std::string& state) {
    return '"' + sha256_hex(kind + '\n' + id + '\n' + state).substr(0, 32) + '"';
}

void require_if_match(const http::Request& request, const std::string& current_tag) {
    const auto sent = request.header("If-Match");
    if (!sent)
        throw ApiError(428, "if_match_required", "send If-Match with the ETag you last read", "If-Match");
    if (*sent != current_tag && *sent != "*")
        throw ApiError(409, "stale", "the object changed since you read it; read it again", "If-Match");
}

}  // namespace merit::api
