// The browser application's files, from the directory installed with the
// binary (share/merit/web): no CDN, nothing fetched from elsewhere.
#pragma once

#include <filesystem>

#include "http/http_message.hpp"

namespace merit::api {

// GET / is index.html; other paths name a file under `web_dir` by letters,
// digits, '-', '_', '.' and '/' only (no "..", no hidden files); 404
// otherwise.
http::Response serve_static(const std::filesystem::path& web_dir, const http::Request& request);

}  // namespace merit::api
