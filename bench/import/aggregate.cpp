// Times the stock aggregations of the data services over every manager of a
// workspace for one period:
//
//   merit_bench_aggregate WS METRIC PERIOD
//
// Prints the seconds each aggregation took and a checksum of the column.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "data/workspace_data_services.hpp"
#include "period/period.hpp"
#include "store/sqlite.hpp"
#include "store/workspace.hpp"

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s WS METRIC PERIOD\n", argv[0]);
        return 2;
    }
    using namespace merit;
    Workspace ws = Workspace::open(argv[1]);
    std::vector<std::string> ids;
    {
        Statement stmt(ws.db(), "SELECT id FROM managers ORDER BY id");
        while (stmt.step()) ids.push_back(stmt.text(0));
    }
    std::vector<const char*> id_pointers;
    for (const auto& id : ids) id_pointers.push_back(id.c_str());
    const Period period = Period::parse(argv[3]);
    const std::string text = period.text(), first = format_date(period.first_day()),
                      last = format_date(period.last_day());
    merit_scope scope{};
    scope.struct_size = sizeof scope;
    scope.count = ids.size();
    scope.manager_ids = id_pointers.data();
    scope.period = text.c_str();
    scope.first_day = first.c_str();
    scope.last_day = last.c_str();

    WorkspaceDataServices services(ws);
    std::vector<double> out(ids.size());
    std::vector<unsigned char> valid(ids.size());
    const std::pair<const char*, merit_aggregation> runs[] = {
        {"DAILY_AVG", MERIT_AGG_DAILY_AVG}, {"XUN_AVG", MERIT_AGG_XUN_AVG}, {"END", MERIT_AGG_END}};
    for (const auto& [name, aggregation] : runs) {
        merit_fact_query query{};
        query.struct_size = sizeof query;
        query.metric = argv[2];
        query.aggregation = aggregation;
        const auto start = std::chrono::steady_clock::now();
        services.fact_aggregate(scope, query, out.data(), valid.data());
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        double sum = 0;
        size_t with_value = 0;
        for (size_t i = 0; i < out.size(); ++i) sum += out[i], with_value += valid[i];
        std::printf("%-9s %zu managers, %zu with a value: %.2f s (column sum %.2f)\n", name, ids.size(),
                    with_value, seconds, sum);
    }
    return 0;
}
