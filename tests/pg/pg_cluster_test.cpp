// The throwaway cluster itself (tests/support/pg_cluster.hpp): a missing
// server fails with what to install, and a stopped cluster leaves neither a
// server nor its directory behind.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <stdlib.h>

#include <filesystem>

#include "pg/pg_connection.hpp"
#include "support/pg_cluster.hpp"

namespace merit {
namespace {

using testing::PgCluster;

TEST(PgClusterFixture, MissingServerBinariesFailWithWhatToInstall) {
    const char* before = getenv("MERIT_PG_BINDIR");
    const std::string saved = before ? before : "";
    setenv("MERIT_PG_BINDIR", "/nonexistent/postgresql/bin", 1);
    try {
        PgCluster::start();
        ADD_FAILURE() << "a cluster started without server binaries";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/postgresql/bin/initdb not found"),
                  std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("install Debian's postgresql-15"), std::string::npos)
            << e.what();
    }
    if (before)
        setenv("MERIT_PG_BINDIR", saved.c_str(), 1);
    else
        unsetenv("MERIT_PG_BINDIR");
}

TEST(PgClusterFixture, StopLeavesNoServerAndNoDirectory) {
    auto cluster = PgCluster::start();
    const std::filesystem::path dir = cluster->dir();
    const int port = cluster->port();
    EXPECT_TRUE(std::filesystem::exists(dir / "data" / "PG_VERSION"));
    EXPECT_EQ(PgConnection(cluster->url("postgres")).exec("SHOW listen_addresses").text(0, 0), "127.0.0.1");
    EXPECT_EQ(PgConnection(cluster->url("postgres")).exec("SHOW fsync").text(0, 0), "off");
    cluster->stop();
    EXPECT_FALSE(std::filesystem::exists(dir));
    const std::string ping = "host=127.0.0.1 connect_timeout=2 dbname=postgres port=" + std::to_string(port);
    EXPECT_EQ(PQping(ping.c_str()), PQPING_NO_RESPONSE);
    cluster->stop();  // twice is harmless
}

}  // namespace
}  // namespace merit
