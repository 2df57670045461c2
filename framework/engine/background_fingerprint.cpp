#include "engine/background_fingerprint.hpp"

#include <filesystem>

#include "data/read_connection.hpp"
#include "engine/input_fingerprint.hpp"

namespace merit {

BackgroundFingerprint::BackgroundFingerprint(sqlite3* db, std::unique_ptr<ReadConnection> pinned) : db_(db) {
    const char* file = sqlite3_db_filename(db, "main");
    if (!file || !*file) return;
    const std::filesystem::path path = file;
    thread_ = std::thread([this, path, connection = std::move(pinned)]() mutable {
        try {
            if (!connection) connection = std::make_unique<ReadConnection>(path);
            digest_ = input_fingerprint(connection->db(), &stop_);
        } catch (...) {
            failure_ = std::current_exception();
        }
    });
}

BackgroundFingerprint::~BackgroundFingerprint() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

std::string BackgroundFingerprint::get() {
    if (!thread_.joinable() && digest_.empty() && !failure_) return input_fingerprint(db_);
    if (thread_.joinable()) thread_.join();
    if (failure_) std::rethrow_exception(failure_);
    return digest_;
}

}  // namespace merit
