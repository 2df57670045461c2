#include "api/security_headers.hpp"

namespace merit::api {

void add_security_headers(http::Response& response, bool api, bool tls) {
    response.set_header("Content-Security-Policy",
                        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                        "frame-ancestors 'none'");
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_header("X-Frame-Options", "DENY");
    response.set_header("Referrer-Policy", "no-referrer");
    response.set_header("Cross-Origin-Opener-Policy", "same-origin");
    response.set_header("Cross-Origin-Resource-Policy", "same-origin");
    response.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (tls) response.set_header("Strict-Transport-Security", "max-age=31536000");
    if (api && !response.header("Cache-Control")) response.set_header("Cache-Control", "no-store");
}

}  // namespace merit::api
