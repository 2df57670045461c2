// Open workspace connections shared by the service's worker threads: a
// request borrows one for its duration, so no two threads use a connection
// at once, and none is opened per request. SQLite's WAL lets the readers go
// on while a job writes.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "store/workspace.hpp"

namespace merit::api {

class ConnectionPool {
public:
    // Opens (and migrates) the workspace once, so a bad file fails here.
    explicit ConnectionPool(std::filesystem::path path);

    class Lease {
    public:
        Lease(ConnectionPool& pool, std::unique_ptr<Workspace> ws) : pool_(&pool), ws_(std::move(ws)) {}
        Lease(Lease&&) = default;
        ~Lease();
        Workspace& workspace() { return *ws_; }
        sqlite3* db() { return ws_->db(); }

    private:
        ConnectionPool* pool_;
        std::unique_ptr<Workspace> ws_;
    };

    // An idle connection, or a new one.
    Lease borrow();
    const std::filesystem::path& path() const { return path_; }

private:
    void give_back(std::unique_ptr<Workspace> ws);
    std::filesystem::path path_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Workspace>> idle_;
};

}  // namespace merit::api
