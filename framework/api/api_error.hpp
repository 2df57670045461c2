// The API's one error model: every failure is
// {"error": {"code", "message", "path"}} with the HTTP status that says what
// kind of failure it is. `path` names the field (a JSON path such as
// "period" or "files.managers.csv"), the query parameter or the header the
// error is about, or is empty.
#pragma once

#include <stdexcept>
#include <string>

#include "http/http_message.hpp"

namespace merit::api {

class ApiError : public std::runtime_error {
public:
    ApiError(int status, std::string code, const std::string& message, std::string path = {});
    int status() const { return status_; }
    const std::string& code() const { return code_; }
    const std::string& path() const { return path_; }

private:
    int status_;
    std::string code_;
    std::string path_;
};

// The common ones, so handlers read as what they mean.
ApiError bad_request(const std::string& message, const std::string& path = {});  // 400
ApiError invalid_field(const std::string& message, const std::string& path);     // 422
ApiError not_found(const std::string& message, const std::string& path = {});    // 404
ApiError conflict(const std::string& message, const std::string& path = {});     // 409
ApiError forbidden(const std::string& message = "not allowed for this user");    // 403
ApiError unauthorized(const std::string& message = "authentication required");   // 401

http::Response error_response(int status, const std::string& code, const std::string& message,
                              const std::string& path = {});
http::Response error_response(const ApiError& error);
// For responses the HTTP layer makes itself (413, 414, 400, 500).
http::Response error_for_status(int status);

}  // namespace merit::api
