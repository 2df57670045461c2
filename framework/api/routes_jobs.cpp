// POST /v1/imports (CSV files in the body, a job) and GET /v1/jobs/{job}.
#include <fmt/format.h>

#include <fstream>
#include <regex>

#include "api/access.hpp"
#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/json_body.hpp"
#include "api/request_context.hpp"
#include "api/routes.hpp"
#include "api/scratch_dir.hpp"
#include "import/importer.hpp"

namespace merit::api {
namespace {

// {"files": {"managers.csv": "id,name,...\n..."}}: each name must be a
// table's file name; the importer checks the rest, as for the CLI.
std::vector<std::pair<std::string, std::string>> upload_files(const boost::json::object& body) {
    static const std::regex kFileName("[a-z_]{1,40}\\.csv");
    const boost::json::object& files = required_object(body, "files");
    if (files.empty()) throw invalid_field("needs at least one file", "files");
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [name, value] : files) {
        const std::string file(name);
        if (!std::regex_match(file, kFileName))
            throw invalid_field("a file name is a table's name and .csv, such as managers.csv",
                                "files." + file);
        if (!value.is_string()) throw invalid_field("must be the file's text (a string)", "files." + file);
        out.emplace_back(file, std::string(value.as_string()));
    }
    return out;
}

boost::json::value import_uploads(ApiService& service, const Actor& actor,
                                  const std::vector<std::pair<std::string, std::string>>& files) {
    const ScratchDir scratch;
    std::vector<std::filesystem::path> paths;
    for (const auto& [name, text] : files) {
        paths.push_back(scratch.path() / name);
        std::ofstream(paths.back(), std::ios::binary) << text;
    }
    ConnectionPool::Lease lease = service.connections().borrow();
    const ActorScope acting(actor);
    std::vector<TableSummary> summaries;
    try {
        summaries = import_files(lease.workspace(), paths, ImportOptions{});
    } catch (const ImportError& e) {
        // Every problem, one per line, each naming the file and line.
        throw ApiError(422, "import_rejected", e.what(), "files");
    }
    boost::json::array tables;
    for (const TableSummary& s : summaries)
        tables.push_back(boost::json::object{{"table", s.table},
                                             {"inserted", s.inserted},
                                             {"updated", s.updated},
                                             {"unchanged", s.unchanged}});
    return boost::json::object{{"tables", tables}};
}

http::Response start_import(RequestContext& context) {
    require_action(context, "import", workspace_object());
    auto files = upload_files(json_object_body(context.request));
    ApiService& service = context.service;
    const Actor actor = actor_of(context.user());
    const int64_t job = service.jobs().submit("import", actor.id, [&service, actor, files](auto set_step) {
        set_step(fmt::format("importing {} file(s)", files.size()));
        return import_uploads(service, actor, files);
    });
    http::Response response = json_response(job_json(*service.jobs().find(job)), 202);
    response.set_header("Location", fmt::format("/v1/jobs/{}", job));
    return response;
}

http::Response job_state(RequestContext& context) {
    const int64_t id = context.params.id("job");
    const auto job = context.service.jobs().find(id);
    // Another user's job is as good as absent: ids do not tell what others do.
    if (!job || job->owner != context.user().user_id)
        throw not_found(fmt::format("job {}: no such job", id), "job");
    return json_response(job_json(*job));
}

}  // namespace

void add_job_routes(Router& router) {
    router.add({"POST", "/v1/imports", RouteAccess::Authenticated, start_import});
    router.add({"GET", "/v1/jobs/{job}", RouteAccess::Authenticated, job_state});
}

}  // namespace merit::api
