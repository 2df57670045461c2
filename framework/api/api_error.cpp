#include "api/api_error.hpp"

#include <boost/json.hpp>

#include "common/json_text.hpp"

namespace merit::api {

ApiError::ApiError(int status, std::string code, const std::string& message, std::string path)
    : std::runtime_error(message), status_(status), code_(std::move(code)), path_(std::move(path)) {}

ApiError bad_request(const std::string& message, const std::string& path) {
    return {400, "bad_request", message, path};
}
ApiError invalid_field(const std::string& message, const std::string& path) {
    return {422, "invalid", message, path};
}
ApiError not_found(const std::string& message, const std::string& path) {
    return {404, "not_found", message, path};
}
ApiError conflict(const std::string& message, const std::string& path) {
    return {409, "conflict", message, path};
}
ApiError forbidden(const std::string& message) {
    return {403, "forbidden", message};
}
ApiError unauthorized(const std::string& message) {
    return {401, "unauthorized", message};
}

http::Response error_response(int status, const std::string& code, const std::string& message,
                              const std::string& path) {
    http::Response response;
    response.status = status;
    response.body = json_text(boost::json::object{
        {"error", boost::json::object{{"code", code}, {"message", message}, {"path", path}}}});
    return response;
}

http::Response error_response(const ApiError& error) {
    return error_response(error.status(), error.code(), error.what(), error.path());
}

http::Response error_for_status(int status) {
    switch (status) {
        case 413:
            return error_response(413, "too_large", "request body over the size limit");
        case 414:
            return error_response(414, "too_large", "request URI too long");
        case 404:
            return error_response(404, "not_found", "no such resource");
        case 405:
            return error_response(405, "method_not_allowed", "method not allowed");
        case 500:
            return error_response(500, "internal", "internal error");
        default:
            return error_response(status, status < 500 ? "bad_request" : "internal",
                                  status < 500 ? "malformed request" : "internal error");
    }
}

}  // namespace merit::api
