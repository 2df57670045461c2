// test_hostile: a plugin that means harm. Each component tries one attack on
// the host, the workspace or the machine. When the attack is refused the
// component fails its call with "blocked: <what> (<errno text>)", so the host
// ends the run with one line naming the plugin; when the attack went through
// the component computes 1 for every manager and the run succeeds. The
// sandbox tests run each one isolated (expected: blocked or contained) and
// in the host's own process (expected: most go through).
//
// Loading it does harm too, in whichever process loads it: a static
// constructor creates the file named by $MERIT_TEST_HOSTILE_LOAD_MARK and
// overwrites the file named by $MERIT_TEST_HOSTILE_LOAD_WORKSPACE (the
// variables are the test's, so that ordinary loads stay harmless).
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
#include <merit/plugin.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

[[noreturn]] void blocked(const std::string& what) {
    throw std::runtime_error("blocked: " + what + " (" + std::strerror(errno) + ")");
}

void ones(const merit::Scope& scope, merit::ColumnRef out) {
    for (size_t i = 0; i < scope.size(); ++i) out.set(i, 1);
}

// Overwrites the first bytes of an open SQLite file: the header string, so
// the workspace no longer opens.
bool spoil(int fd) {
    const char junk[16] = "hostile-plugin!";
    return ::pwrite(fd, junk, sizeof junk, 0) == static_cast<ssize_t>(sizeof junk);
}

// Runs inside dlopen, before the host could look at anything the plugin
// says: in the host's own process for an in-process plugin.
struct HarmOnLoad {
    HarmOnLoad() {
        if (const char* mark = std::getenv("MERIT_TEST_HOSTILE_LOAD_MARK")) {
            const int fd = ::open(mark, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd >= 0) {
                [[maybe_unused]] const ssize_t n = ::write(fd, "loaded\n", 7);
                ::close(fd);
            }
        }
        if (const char* workspace = std::getenv("MERIT_TEST_HOSTILE_LOAD_WORKSPACE")) {
            const int fd = ::open(workspace, O_RDWR);
            if (fd >= 0) {
                spoil(fd);
                ::close(fd);
            }
        }
    }
} harm_on_load;

class WriteWorkspace : public merit::IndicatorProvider {
public:
    explicit WriteWorkspace(const merit::Value& params) : path_(params.require("path").string()) {}
    void compute(merit::Context&, const merit::Scope& scope, merit::ColumnRef out) override {
        const int fd = ::open(path_.c_str(), O_RDWR);
        if (fd < 0) blocked("open " + path_ + " for writing");
        const bool done = spoil(fd);
        ::close(fd);
        if (!done) blocked("write " + path_);
        ones(scope, out);
    }

private:
    std::string path_;
};

// The descriptors of `pid` that point at a .merit file, opened for writing
// through /proc/<pid>/fd/<n> (a new open of the same file, whatever the
// host's own descriptor allows).
bool spoil_through_proc(const std::string& pid) {
    const std::string dir = "/proc/" + pid + "/fd";
    DIR* fds = ::opendir(dir.c_str());
    if (!fds) return false;
    bool done = false;
    while (const dirent* entry = ::readdir(fds)) {
        const std::string link = dir + "/" + entry->d_name;
        char target[4096] = {};
        if (::readlink(link.c_str(), target, sizeof target - 1) <= 0) continue;
        const std::string name = target;
        if (name.size() < 6 || name.compare(name.size() - 6, 6, ".merit") != 0) continue;
        const int fd = ::open(link.c_str(), O_RDWR);
        if (fd < 0) continue;
        done = spoil(fd) || done;
        ::close(fd);
    }
    ::closedir(fds);
    return done;
}

class WriteHostFd : public merit::IndicatorProvider {
public:
    explicit WriteHostFd(const merit::Value&) {}
    void compute(merit::Context&, const merit::Scope& scope, merit::ColumnRef out) override {
        // Isolated, the host is the parent; in process, it is this process.
        const bool parent = spoil_through_proc(std::to_string(::getppid()));
        const bool self = spoil_through_proc("self");
        if (!parent && !self) blocked("write the workspace through /proc/<host>/fd");
        ones(scope, out);
    }
};

class ReadPasswd : public merit::IndicatorProvider {
public:
    explicit ReadPasswd(const merit::Value&) {}
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        const int fd = ::open("/etc/passwd", O_RDONLY);
        if (fd < 0) blocked("open /etc/passwd");
        char text[256] = {};
        const ssize_t n = ::read(fd, text, sizeof text - 1);
        ::close(fd);
        if (n <= 0) blocked("read /etc/passwd");
        std::string line(text);
        line = line.substr(0, line.find('\n'));
        ctx.note(0, "passwd: " + line);
        ones(scope, out);
    }
};

class WriteElsewhere : public merit::IndicatorProvider {
public:
    explicit WriteElsewhere(const merit::Value& params) : path_(params.require("path").string()) {}
    void compute(merit::Context&, const merit::Scope& scope, merit::ColumnRef out) override {
        const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) blocked("create " + path_);
        const bool done = ::write(fd, "hostile\n", 8) == 8;
        ::close(fd);
        if (!done) blocked("write " + path_);
        ones(scope, out);
    }

private:
    std::string path_;
};

class Socket : public merit::IndicatorProvider {
public:
    explicit Socket(const merit::Value&) {}
    void compute(merit::Context&, const merit::Scope& scope, merit::ColumnRef out) override {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) blocked("open an internet socket");
        ::close(fd);
        ones(scope, out);
    }
};

// The grandchild leaves the plugin's process group and session, waits 2 s
// (past the end of the run) and then leaves a mark.
class LingeringChild : public merit::IndicatorProvider {
public:
    explicit LingeringChild(const merit::Value& params) : path_(params.require("path").string()) {}
    void compute(merit::Context&, const merit::Scope& scope, merit::ColumnRef out) override {
        const pid_t pid = ::fork();
        if (pid < 0) blocked("fork");
        if (pid == 0) {
            ::setsid();
            ::sleep(2);
            const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd >= 0) ::close(fd);
            ::_exit(0);
        }
        ones(scope, out);
    }

private:
    std::string path_;
};

class SignalHost : public merit::IndicatorProvider {
public:
    explicit SignalHost(const merit::Value&) {}
    void compute(merit::Context&, const merit::Scope& scope, merit::ColumnRef out) override {
        const pid_t host = ::getppid();
        if (::kill(host, SIGSTOP) != 0) blocked("SIGSTOP the host");
        if (::kill(host, SIGKILL) != 0) blocked("SIGKILL the host");
        ones(scope, out);
    }
};

class NullState : public merit::IndicatorProvider {
public:
    explicit NullState(const merit::Value&) {}
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        if (ctx.api()->state_write(ctx.raw(), "k", nullptr, nullptr) != MERIT_OK)
            throw std::runtime_error("blocked: state_write with NULL values was refused");
        ones(scope, out);
    }
};

class NullScope : public merit::IndicatorProvider {
public:
    explicit NullScope(const merit::Value&) {}
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        merit_scope bad = *scope.raw();
        bad.count = 1000000000;
        bad.manager_ids = nullptr;
        bad.org_unit_ids = bad.roles = bad.grades = bad.hired_on = bad.statuses = nullptr;
        merit_fact_query query{};
        query.struct_size = sizeof query;
        query.metric = "sales";
        query.aggregation = MERIT_AGG_SUM;
        query.source = MERIT_SOURCE_BOTH;
        std::vector<double> values(1);
        std::vector<unsigned char> valid(1);
        // Output columns of one row for a scope of a billion: a host that
        // trusted the count would write far past them.
        if (ctx.api()->fact_aggregate(ctx.raw(), &bad, &query, values.data(), valid.data()) != MERIT_OK)
            throw std::runtime_error("blocked: fact_aggregate over a scope without ids was refused");
        ones(scope, out);
    }
};

// API 1.1's sized buffers: output columns one row short of the scope, with
// the count saying so. The host refuses before it writes a row.
class ShortBuffer : public merit::IndicatorProvider {
public:
    explicit ShortBuffer(const merit::Value&) {}
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        merit_fact_query query{};
        query.struct_size = sizeof query;
        query.metric = "sales";
        query.aggregation = MERIT_AGG_SUM;
        query.source = MERIT_SOURCE_BOTH;
        std::vector<double> values(scope.size() - 1);
        std::vector<unsigned char> valid(scope.size() - 1);
        if (ctx.api()->fact_aggregate_n(ctx.raw(), scope.raw(), &query, values.data(), valid.data(),
                                        values.size()) != MERIT_OK)
            throw merit::detail::HostFailure{};
        ones(scope, out);
    }
};

// A 1 MiB SQL text (a comment after SELECT 1): the query service is open
// to every indicator, so the string always crosses.
class OversizedSql : public merit::IndicatorProvider {
public:
    explicit OversizedSql(const merit::Value&) {}
    void compute(merit::Context& ctx, const merit::Scope& scope, merit::ColumnRef out) override {
        ctx.query("SELECT 1 -- " + std::string(1 << 20, 'x'), {}, [](const merit::Row&) { return true; });
        ones(scope, out);
    }
};

class Allocate : public merit::IndicatorProvider {
public:
    explicit Allocate(const merit::Value&) {}
    void compute(merit::Context&, const merit::Scope& scope, merit::ColumnRef out) override {
        const size_t size = size_t{3} << 30;
        auto* memory = static_cast<char*>(std::malloc(size));
        if (!memory) blocked("allocate 3 GB");
        for (size_t i = 0; i < size; i += 4096) memory[i] = 1;
        std::free(memory);
        ones(scope, out);
    }
};

class Prints : public merit::IndicatorProvider {
public:
    explicit Prints(const merit::Value&) {}
    void compute(merit::Context&, const merit::Scope& scope, merit::ColumnRef out) override {
        std::printf("HOSTILE-STDOUT\n");
        std::fflush(stdout);
        std::fprintf(stderr, "HOSTILE-STDERR\n");
        ones(scope, out);
    }
};

}  // namespace

MERIT_PLUGIN("test_hostile", "1.0.0") {
    plugin.provider<WriteWorkspace>("write_workspace");
    plugin.provider<WriteHostFd>("write_host_fd");
    plugin.provider<ReadPasswd>("read_passwd");
    plugin.provider<WriteElsewhere>("write_elsewhere");
    plugin.provider<Socket>("socket");
    plugin.provider<LingeringChild>("lingering_child");
    plugin.provider<SignalHost>("signal_host");
    plugin.provider<NullState>("null_state");
    plugin.provider<NullScope>("null_scope");
    plugin.provider<ShortBuffer>("short_buffer");
    plugin.provider<OversizedSql>("oversized_sql");
    plugin.provider<Allocate>("allocate");
    plugin.provider<Prints>("prints");
}
