// merit_bench_gen: writes a realistic, seeded banking workspace as the
// contract's CSV files, sized by flags, for the end-to-end benchmark
// (bench/run) and for profiling. Same flags and seed, same bytes.
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "bank_model.hpp"
#include "workspace_writer.hpp"

namespace {

constexpr const char* kUsage =
    "usage: merit_bench_gen --out DIR [--managers N] [--customers M] [--quarters Q]\n"
    "                       [--deposit-every DAYS] [--seed S]\n"
    "  Writes org_units, managers, customers, assignments, metrics, facts, events,\n"
    "  targets and ratings CSVs into DIR for `merit import --dir DIR`.\n"
    "  Defaults: 10000 managers (one risk manager per 25), 500000 customers, 1 assessed\n"
    "  quarter (2026-Q3, with 2026-Q2 as its comparison base), a deposit balance every 10\n"
    "  days, seed 20260701: about 10 million fact rows.\n";

template <typename T>
bool parse_number(const char* text, T& out) {
    const char* end = text + std::strlen(text);
    const auto [ptr, ec] = std::from_chars(text, end, out);
    return ec == std::errc() && ptr == end;
}

}  // namespace

int main(int argc, char** argv) {
    bench::Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--help" || flag == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "merit_bench_gen: error: %s needs a value\n%s", flag.c_str(), kUsage);
            return 2;
        }
        const char* value = argv[++i];
        bool ok = true;
        if (flag == "--out")
            options.out = value;
        else if (flag == "--managers")
            ok = parse_number(value, options.managers) && options.managers >= 2;
        else if (flag == "--customers")
            ok = parse_number(value, options.customers) && options.customers >= 1;
        else if (flag == "--quarters")
            ok = parse_number(value, options.quarters) && options.quarters >= 1 && options.quarters <= 20;
        else if (flag == "--deposit-every")
            ok = parse_number(value, options.deposit_every) && options.deposit_every >= 2;
        else if (flag == "--seed")
            ok = parse_number(value, options.seed);
        else {
            std::fprintf(stderr, "merit_bench_gen: error: unknown flag %s\n%s", flag.c_str(), kUsage);
            return 2;
        }
        if (!ok) {
            std::fprintf(stderr, "merit_bench_gen: error: %s: bad value '%s'\n", flag.c_str(), value);
            return 2;
        }
    }
    if (options.out.empty()) {
        std::fprintf(stderr, "merit_bench_gen: error: --out DIR is required\n%s", kUsage);
        return 2;
    }
    std::error_code error;
    std::filesystem::create_directories(options.out, error);
    if (error) {
        std::fprintf(stderr, "merit_bench_gen: error: %s: %s\n", options.out.c_str(),
                     error.message().c_str());
        return 1;
    }
    const bench::Bank bank = bench::draw_bank(options);
    const bench::WrittenRows rows = bench::write_workspace(bank);
    std::printf("periods: %s (base) .. %s; %d branches, %d sub-branches\n", bank.quarter_name(-1).c_str(),
                bank.quarter_name(options.quarters - 1).c_str(), bank.branches, bank.sub_branches);
    std::printf(
        "rows: org_units %lld, managers %lld, customers %lld, assignments %lld, metrics %lld,\n"
        "      facts %lld, events %lld, targets %lld, ratings %lld\n",
        rows.org_units, rows.managers, rows.customers, rows.assignments, rows.metrics, rows.facts,
        rows.events, rows.targets, rows.ratings);
    return 0;
}
