#include "support/pg_cluster.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "pg/pg_connection.hpp"

namespace merit::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr std::string_view kDirPrefix = "merit-pg-";

fs::path server_bindir() {
    const char* dir = getenv("MERIT_PG_BINDIR");
    return dir && *dir ? fs::path(dir) : fs::path("/usr/lib/postgresql/15/bin");
}

void require_binaries(const fs::path& bindir) {
    for (const char* tool : {"initdb", "postgres", "pg_ctl"})
        if (access((bindir / tool).c_str(), X_OK) != 0)
            throw std::runtime_error(fmt::format(
                "PostgreSQL server binary {} not found or not executable: install Debian's postgresql-15 "
                "(`make deps` does) or set MERIT_PG_BINDIR to the folder holding initdb, postgres and pg_ctl",
                (bindir / tool).string()));
}

// Who runs the server: the tests' own user, or `nobody` when that is root.
struct ServerUser {
    bool switch_user = false;
    uid_t uid = 0;
    gid_t gid = 0;
};

ServerUser server_user() {
    ServerUser user;
    if (geteuid() != 0) return user;
    const passwd* pw = getpwnam("nobody");
    if (!pw)
        throw std::runtime_error("the tests run as root and there is no user 'nobody' to run PostgreSQL as");
    const group* gr = getgrnam("nogroup");
    user.switch_user = true;
    user.uid = pw->pw_uid;
    user.gid = gr ? gr->gr_gid : pw->pw_gid;
    return user;
}

// Starts `argv` as the server user in `dir`, output appended to `log`.
// `die_with_parent`: the kernel sends SIGQUIT (PostgreSQL's immediate
// shutdown) when this process dies, however it dies.
pid_t spawn(const ServerUser& user, const fs::path& dir, const fs::path& log, std::vector<std::string> args,
            bool die_with_parent) {
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string dir_text = dir.string(), log_text = log.string();
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid > 0) return pid;
    // The child: only async-signal-safe calls until exec.
    const int out = open(log_text.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    const int in = open("/dev/null", O_RDONLY);
    if (out < 0 || in < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0) _exit(126);
    if (user.switch_user && (setgroups(0, nullptr) != 0 || setgid(user.gid) != 0 || setuid(user.uid) != 0))
        _exit(126);
    // After the user switch, which clears a parent-death signal.
    if (die_with_parent && (prctl(PR_SET_PDEATHSIG, SIGQUIT) != 0 || getppid() != parent)) _exit(126);
    if (chdir(dir_text.c_str()) != 0) _exit(126);
    execv(argv[0], argv.data());
    _exit(127);
}

std::string read_tail(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    std::string all = text.str();
    return all.size() > 2000 ? all.substr(all.size() - 2000) : all;
}

int wait_for(pid_t pid) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return status;
}

void run_to_end(const ServerUser& user, const fs::path& dir, const fs::path& log,
                std::vector<std::string> args) {
    const std::string what = args.front();
    const int status = wait_for(spawn(user, dir, log, std::move(args), false));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error(fmt::format("{} failed (status {}): {}", what, status, read_tail(log)));
}

int free_loopback_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0;
    close(fd);
    if (!ok) throw std::runtime_error("no free loopback port");
    return ntohs(address.sin_port);
}

void write_file(const fs::path& file, std::string_view text, const ServerUser& user) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
    chmod(file.c_str(), 0600);
    if (user.switch_user && chown(file.c_str(), user.uid, user.gid) != 0)
        throw std::runtime_error("chown of " + file.string() + " failed");
}

// Directories of clusters whose test process died without cleaning up
// (SIGKILL): their server died with it (parent-death signal).
void remove_abandoned_dirs() {
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(fs::temp_directory_path(), ec)) {
        if (!entry.path().filename().string().starts_with(kDirPrefix)) continue;
        std::ifstream in(entry.path() / "owner.pid");
        pid_t owner = 0;
        if (!(in >> owner) || owner <= 0) continue;
        if (kill(owner, 0) == 0 || errno == EPERM) continue;
        fs::remove_all(entry.path(), ec);
    }
}

}  // namespace

std::unique_ptr<PgCluster> PgCluster::start() {
    const fs::path bindir = server_bindir();
    require_binaries(bindir);
    const ServerUser user = server_user();
    remove_abandoned_dirs();

    std::string pattern = (fs::temp_directory_path() / (std::string(kDirPrefix) + "XXXXXX")).string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    std::unique_ptr<PgCluster> cluster(new PgCluster);
    cluster->dir_ = pattern;
    std::ofstream(cluster->dir_ / "owner.pid") << getpid() << '\n';
    if (user.switch_user && chown(cluster->dir_.c_str(), user.uid, user.gid) != 0)
        throw std::runtime_error("chown of " + cluster->dir_.string() + " failed");

    const fs::path data = cluster->dir_ / "data", log = cluster->dir_ / "server.log";
    write_file(log, "", user);
    run_to_end(user, cluster->dir_, log,
               {(bindir / "initdb").string(), "-D", data.string(), "-A", "trust", "-U",
                std::string(kSuperuser), "--no-sync", "-E", "UTF8", "--locale=C", "--no-instructions"});
    // Trust for everyone but the one role that must give a password.
    write_file(data / "pg_hba.conf",
               fmt::format("local all all trust\n"
                           "host all {0} 127.0.0.1/32 scram-sha-256\n"
                           "host all all 127.0.0.1/32 trust\n",
                           kPasswordUser),
               user);

    cluster->port_ = free_loopback_port();
    cluster->server_ = spawn(user, cluster->dir_, log,
                             {(bindir / "postgres").string(),
                              "-D",
                              data.string(),
                              "-p",
                              std::to_string(cluster->port_),
                              "-k",
                              cluster->dir_.string(),
                              "-c",
                              "listen_addresses=127.0.0.1",
                              "-c",
                              "fsync=off",
                              "-c",
                              "synchronous_commit=off",
                              "-c",
                              "full_page_writes=off",
                              "-c",
                              "unix_socket_permissions=0700",
                              "-c",
                              "max_connections=20",
                              "-c",
                              "shared_buffers=32MB",
                              "-c",
                              "password_encryption=scram-sha-256"},
                             true);

    const std::string ping = fmt::format("host=127.0.0.1 port={} dbname=postgres user={} connect_timeout=2",
                                         cluster->port_, kSuperuser);
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (PQping(ping.c_str()) != PQPING_OK) {
        int status = 0;
        if (waitpid(cluster->server_, &status, WNOHANG) == cluster->server_) {
            cluster->server_ = -1;
            throw std::runtime_error("postgres exited at start: " + read_tail(log));
        }
        if (std::chrono::steady_clock::now() > deadline)
            throw std::runtime_error("postgres did not accept connections within 30 s: " + read_tail(log));
        std::this_thread::sleep_for(20ms);
    }
    return cluster;
}

PgCluster::~PgCluster() {
    stop();
}

void PgCluster::stop() noexcept {
    try {
        if (server_ > 0) {
            const ServerUser user = server_user();
            const fs::path log = dir_ / "server.log";
            const int status = wait_for(spawn(user, dir_, log,
                                              {(server_bindir() / "pg_ctl").string(), "stop", "-D",
                                               (dir_ / "data").string(), "-m", "immediate", "-w", "-t", "10"},
                                              false));
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) kill(server_, SIGKILL);
            wait_for(server_);
            server_ = -1;
        }
    } catch (...) {
        if (server_ > 0) {
            kill(server_, SIGKILL);
            wait_for(server_);
            server_ = -1;
        }
    }
    if (!dir_.empty()) {
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
        dir_.clear();
    }
}

std::string PgCluster::url(std::string_view database, std::string_view schema, std::string_view user) const {
    std::string out = fmt::format("postgresql://{}@127.0.0.1:{}/{}", user, port_, database);
    if (!schema.empty()) out += fmt::format("?schema={}", schema);
    return out;
}

void PgCluster::create_database(std::string_view name) const {
    PgConnection admin(url("postgres"));
    admin.exec("CREATE DATABASE " + quote_identifier(name));
}

// ---- one cluster per test process -------------------------------------------

namespace {

std::unique_ptr<PgCluster>& shared() {
    static std::unique_ptr<PgCluster> cluster;
    return cluster;
}

std::string& start_failure() {
    static std::string message;
    return message;
}

// Stops the shared cluster after the last test, before static destruction
// (which would stop it too).
class StopSharedCluster : public ::testing::Environment {
public:
    void TearDown() override { shared().reset(); }
};

[[maybe_unused]] ::testing::Environment* const g_stop_shared =
    ::testing::AddGlobalTestEnvironment(new StopSharedCluster);

}  // namespace

void PgClusterTest::SetUpTestSuite() {
    if (shared() || !start_failure().empty()) return;
    try {
        shared() = PgCluster::start();
    } catch (const std::exception& e) {
        start_failure() = e.what();
    }
}

void PgClusterTest::SetUp() {
    if (!shared()) FAIL() << "no PostgreSQL test cluster: " << start_failure();
}

PgCluster& PgClusterTest::cluster() {
    if (!shared()) throw std::runtime_error("no PostgreSQL test cluster: " + start_failure());
    return *shared();
}

}  // namespace merit::testing
