// A throwaway PostgreSQL 15 cluster for the tests (issue 20): initdb in a
// temporary directory it owns, run as an unprivileged user when the tests
// run as root (initdb and postgres refuse root), on a free loopback port
// with its socket in that directory, no fsync. Stopped (`pg_ctl stop -m
// immediate`) and deleted at the end, and also when the test process dies
// however it dies (abort, a crash, SIGKILL from a ctest timeout): the server
// is started with a parent-death signal, so the kernel sends it SIGQUIT
// (PostgreSQL's immediate shutdown) as the starting thread ends, and the
// next start deletes directories left by dead processes. No signal handler
// of ours: it would stand in the way of the sanitizers' own.
// Missing server binaries make the tests fail with a message saying what to
// install, never skip: CI must run them.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace merit::testing {

class PgCluster {
public:
    // The superuser initdb creates; trusted on loopback and the socket.
    static constexpr std::string_view kSuperuser = "merit";
    // The one role that must give a password over TCP (scram-sha-256), for
    // the tests of wrong credentials; the test creates it.
    static constexpr std::string_view kPasswordUser = "merit_password_user";

    // Starts a cluster; throws std::runtime_error saying what failed (with
    // the server's log when it did not come up).
    static std::unique_ptr<PgCluster> start();
    ~PgCluster();
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    int port() const { return port_; }
    const std::filesystem::path& dir() const { return dir_; }
    // postgresql://<user>@127.0.0.1:<port>/<database>[?schema=<schema>]
    std::string url(std::string_view database, std::string_view schema = "",
                    std::string_view user = kSuperuser) const;
    // CREATE DATABASE <name> (a plain identifier).
    void create_database(std::string_view name) const;
    // Stops the server and deletes the directory; safe to call twice.
    void stop() noexcept;

private:
    PgCluster() = default;
    std::filesystem::path dir_;
    int port_ = 0;
    pid_t server_ = -1;
};

// The cluster every test of one process shares: started by the first test
// that needs it, stopped by a GoogleTest environment after the last.
// gtest_discover_tests runs each test in a process of its own, so a test
// folder keeps its server tests few.
class PgClusterTest : public ::testing::Test {
protected:
    static void SetUpTestSuite();
    // Fails the test with the start's message when there is no cluster.
    void SetUp() override;
    static PgCluster& cluster();
};

}  // namespace merit::testing
