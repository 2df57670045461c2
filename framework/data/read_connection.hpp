// Read-only connections to the workspace for the data services. Each one is
// opened SQLITE_OPEN_READONLY, cannot load extensions or attach files, and
// carries an authorizer that allows reading and nothing else, so plugin SQL
// can never write, whatever it tries. A small pool lends one connection per
// service call, which keeps parallel providers off each other's statements.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace merit {

class ReadConnection {
public:
    explicit ReadConnection(const std::filesystem::path& path);
    // An empty in-memory database with the current workspace schema, locked
    // down the same way: what `validate` prepares plugin SQL against, so a
    // statement that cannot run is found before any workspace is touched.
    static std::unique_ptr<ReadConnection> schema_only();
    ~ReadConnection();
    ReadConnection(const ReadConnection&) = delete;
    ReadConnection& operator=(const ReadConnection&) = delete;

    sqlite3* db() const { return db_; }
    // Why the authorizer refused the last statement ("" when it did not);
    // cleared by clear_denial().
    const std::string& denial() const { return denial_; }
    void clear_denial() { denial_.clear(); }

    // While set, statements prepared may read only the published contract
    // views (data/contract_views.hpp): what plugin and scheme SQL gets. The
    // host's own reads on the same connection are not restricted.
    void set_contract_only(bool on) { contract_only_ = on; }

    // Statements stepped from now on stop with SQLITE_INTERRUPT once `seconds`
    // have passed (sqlite3_progress_handler): a recursive CTE that never ends
    // fails the call instead of hanging the run. 0: no limit.
    void start_time_limit(double seconds);
    bool timed_out() const { return timed_out_; }

    // Starts the read transaction that holds this connection to the data
    // committed now (data_snapshot.hpp); every later statement reads that
    // data until end_snapshot(). Plugin SQL can never end it: the authorizer
    // refuses transaction statements other than these two.
    void begin_snapshot();
    void end_snapshot();
    // True while the snapshot's read transaction is open.
    bool in_snapshot() const;

private:
    ReadConnection() = default;
    void lock_down();
    static int authorize(void* self, int action, const char* a, const char* b, const char* database,
                         const char* trigger);
    static int check_time(void* self);
    void host_statement(const char* sql);
    sqlite3* db_ = nullptr;
    bool host_statement_ = false;  // the authorizer lets begin/end_snapshot's statements through
    bool contract_only_ = false;
    std::string denial_;
    std::chrono::steady_clock::time_point deadline_{};
    bool timed_out_ = false;
};

// Lends connections to the data services, opening another when none is
// idle. Pinned (pin()), its connections' read transactions all began while
// no commit could happen; one opened later (a plugin nesting more calls than
// were pinned) must see the same data, which it checks by the audit log's and
// the data versions' last entries (every Merit write appends to the log),
// and the call fails when a write came in between.
class ReadConnectionPool {
public:
    explicit ReadConnectionPool(std::filesystem::path path) : path_(std::move(path)) {}
    ~ReadConnectionPool();
    ReadConnectionPool(const ReadConnectionPool&) = delete;
    ReadConnectionPool& operator=(const ReadConnectionPool&) = delete;

    const std::filesystem::path& path() const { return path_; }
    // Opens `connections` connections, each in its snapshot; from now on
    // the pool lends only these. Call while the write lock is held.
    void pin(size_t connections);

    class Lease {
    public:
        Lease(ReadConnectionPool& pool, std::unique_ptr<ReadConnection> connection)
            : pool_(pool), connection_(std::move(connection)) {}
        ~Lease() { pool_.give_back(std::move(connection_)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ReadConnection& operator*() const { return *connection_; }
        ReadConnection* operator->() const { return connection_.get(); }

    private:
        ReadConnectionPool& pool_;
        std::unique_ptr<ReadConnection> connection_;
    };

    Lease acquire();

private:
    void give_back(std::unique_ptr<ReadConnection> connection);
    std::unique_ptr<ReadConnection> open_in_snapshot() const;
    std::filesystem::path path_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<ReadConnection>> idle_;
    bool pinned_ = false;
    std::string marker_;  // the pinned data's last audit entry and data version
};

}  // namespace merit
