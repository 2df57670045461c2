// Writes a synthetic workspace input set for the import and aggregation
// benchmark: org_units, managers, customers, assignments and a facts.csv of
// balances ("daily-ish": one value every few days) over 2026-Q3.
//
//   merit_bench_generate DIR MANAGERS CUSTOMERS VALUES_PER_CUSTOMER [date-major]
//
// facts.csv has CUSTOMERS x VALUES_PER_CUSTOMER rows, ordered by customer
// then date (a per-account export), or by date then customer with
// `date-major` (a daily snapshot export; the harder order for the B-tree).
// Deterministic: a fixed-seed generator, so runs are comparable.
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

struct Out {
    explicit Out(const std::string& path) : file(std::fopen(path.c_str(), "wb")) {
        if (!file) {
            std::perror(path.c_str());
            std::exit(1);
        }
        std::setvbuf(file, nullptr, _IOFBF, 1 << 20);
    }
    ~Out() { std::fclose(file); }
    std::FILE* file;
};

// Day offset 0 = 2026-07-01; Q3 has 92 days. Negative offsets are June.
// `out` holds 32 bytes.
void format_day(int offset, char* out) {
    static const int month_days[] = {30, 31, 31, 30};  // June, July, August, September
    int month = 6, day = offset + 30;                  // from 2026-06-01
    for (int m = 0; day >= month_days[m]; ++m) day -= month_days[m], ++month;
    std::snprintf(out, 32, "2026-%02d-%02d", month, day + 1);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 5) {
        std::fprintf(stderr, "usage: %s DIR MANAGERS CUSTOMERS VALUES_PER_CUSTOMER [date-major]\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    const int managers = std::atoi(argv[2]);
    const int customers = std::atoi(argv[3]);
    const int values = std::atoi(argv[4]);
    const bool date_major = argc > 5 && std::string(argv[5]) == "date-major";
    std::mt19937_64 random(20260701);

    {
        Out out(dir + "/org_units.csv");
        std::fprintf(out.file, "id,name,parent_id,kind\nHQ,Head office,,head_office\n");
        for (int b = 0; b < 100; ++b) std::fprintf(out.file, "B%03d,Branch %d,HQ,branch\n", b, b);
    }
    {
        Out out(dir + "/managers.csv");
        std::fprintf(out.file, "id,name,org_unit_id,grade\n");
        for (int m = 0; m < managers; ++m)
            std::fprintf(out.file, "M%05d,Manager %d,B%03d,junior\n", m, m, m % 100);
    }
    {
        Out out(dir + "/customers.csv");
        std::fprintf(out.file, "id,segment\n");
        for (int c = 0; c < customers; ++c)
            std::fprintf(out.file, "C%07d,%s\n", c, c % 10 == 0 ? "vip" : c % 2 ? "retail" : "corporate");
    }
    {
        // One owner per customer; one customer in 20 moves to another manager
        // on 15 August (the mid-quarter split).
        Out out(dir + "/assignments.csv");
        std::fprintf(out.file, "customer_id,manager_id,share,role,valid_from,valid_to\n");
        for (int c = 0; c < customers; ++c) {
            const int owner = c % managers;
            if (c % 20 == 0) {
                std::fprintf(out.file, "C%07d,M%05d,1,owner,2026-01-01,2026-08-14\n", c, owner);
                std::fprintf(out.file, "C%07d,M%05d,1,owner,2026-08-15,\n", c, (owner + 1) % managers);
            } else {
                std::fprintf(out.file, "C%07d,M%05d,1,owner,2026-01-01,\n", c, owner);
            }
        }
    }
    {
        // Values on day offsets spread over the quarter (the first one in
        // June, so the carry-forward into July is exercised).
        Out out(dir + "/facts.csv");
        std::fprintf(out.file, "entity,entity_id,metric,date,value\n");
        std::vector<std::string> dates;
        const double step = 92.0 / values;
        char text[32];
        for (int v = 0; v < values; ++v) {
            format_day(static_cast<int>(v * step) - 3, text);
            dates.emplace_back(text);
        }
        auto row = [&](int c, int v) {
            const unsigned cents = static_cast<unsigned>(random() % 100000000);
            std::fprintf(out.file, "customer,C%07d,deposit,%s,%u.%02u\n", c,
                         dates[static_cast<size_t>(v)].c_str(), cents / 100, cents % 100);
        };
        if (date_major) {
            for (int v = 0; v < values; ++v)
                for (int c = 0; c < customers; ++c) row(c, v);
        } else {
            for (int c = 0; c < customers; ++c)
                for (int v = 0; v < values; ++v) row(c, v);
        }
    }
    return 0;
}
