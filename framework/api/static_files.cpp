#include "api/static_files.hpp"

#include <fstream>
#include <map>
#include <sstream>

#include "api/api_error.hpp"

namespace merit::api {
namespace {

bool safe_relative_path(const std::string& path) {
    if (path.empty() || path.size() > 200) return false;
    if (path.find("..") != std::string::npos || path.find("//") != std::string::npos) return false;
    if (path.front() == '.' || path.find("/.") != std::string::npos) return false;
    for (const char c : path)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '/'))
            return false;
    return true;
}

std::string content_type(const std::filesystem::path& file) {
    static const std::map<std::string, std::string> types = {{".html", "text/html; charset=utf-8"},
                                                             {".js", "text/javascript; charset=utf-8"},
                                                             {".css", "text/css; charset=utf-8"},
                                                             {".json", "application/json"},
                                                             {".svg", "image/svg+xml"},
                                                             {".png", "image/png"},
                                                             {".ico", "image/x-icon"},
                                                             {".webmanifest", "application/manifest+json"}};
    const auto it = types.find(file.extension().string());
    return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace

http::Response serve_static(const std::filesystem::path& web_dir, const http::Request& request) {
    if (request.method != "GET" && request.method != "HEAD")
        throw ApiError(405, "method_not_allowed", request.method + " " + request.path + ": allowed: GET");
    const std::string relative = request.path == "/" ? "index.html" : request.path.substr(1);
    if (!safe_relative_path(relative)) throw not_found(request.path + ": no such file");
    const std::filesystem::path file = web_dir / relative;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) throw not_found(request.path + ": no such file");
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    http::Response response;
    response.body = bytes.str();
    response.content_type = content_type(file);
    response.set_header("Cache-Control", "no-cache");
    return response;
}

}  // namespace merit::api
