#include "api/connection_pool.hpp"

namespace merit::api {

ConnectionPool::ConnectionPool(std::filesystem::path path) : path_(std::move(path)) {
    idle_.push_back(std::make_unique<Workspace>(Workspace::open(path_)));
}

ConnectionPool::Lease::~Lease() {
    if (ws_) pool_->give_back(std::move(ws_));
}

ConnectionPool::Lease ConnectionPool::borrow() {
    {
        const std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto ws = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(ws));
        }
    }
    return Lease(*this, std::make_unique<Workspace>(Workspace::open(path_)));
}

void ConnectionPool::give_back(std::unique_ptr<Workspace> ws) {
    const std::lock_guard lock(mutex_);
    idle_.push_back(std::move(ws));
}

}  // namespace merit::api
