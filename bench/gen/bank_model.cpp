#include "bank_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "calendar.hpp"

namespace bench {
namespace {

// Share of customer managers per grade (kGrades order) and the relative size
// of their books: seniors hold more customers, trainees few.
constexpr std::array<double, 9> kGradeShare{0.03, 0.07, 0.10, 0.15, 0.18, 0.17, 0.14, 0.10, 0.06};
constexpr std::array<double, 9> kBookWeight{60, 50, 45, 40, 36, 32, 28, 24, 18};
// Years of hire by grade: [earliest, latest).
constexpr std::array<std::array<int, 2>, 9> kHiredYears{{{1998, 2008},
                                                         {2003, 2012},
                                                         {2006, 2015},
                                                         {2009, 2018},
                                                         {2013, 2020},
                                                         {2016, 2022},
                                                         {2018, 2024},
                                                         {2021, 2025},
                                                         {2025, 2026}}};

constexpr std::array<const char*, 32> kSurnames{
    "赵", "钱", "孙", "李", "周", "吴", "郑", "王", "冯", "陈", "褚", "卫", "蒋", "沈", "韩", "杨",
    "朱", "秦", "尤", "许", "何", "吕", "施", "张", "孔", "曹", "严", "华", "金", "魏", "陶", "姜"};
constexpr std::array<const char*, 40> kGiven{"建国", "晓梅", "志强", "文静", "海波", "国栋", "丽华", "俊峰",
                                             "雪松", "美玲", "振宇", "红梅", "思远", "佳怡", "立新", "雨欣",
                                             "明辉", "晓东", "嘉琪", "文博", "雅琴", "振华", "永康", "若彤",
                                             "德明", "欣然", "浩然", "诗雨", "子轩", "梦琪", "建华", "海燕",
                                             "伟明", "志刚", "秀英", "桂兰", "春生", "国强", "丽娟", "宏伟"};

int pick_grade(RandomSource& random) {
    double u = random.uniform();
    for (size_t g = 0; g < kGradeShare.size(); ++g) {
        if (u < kGradeShare[g]) return static_cast<int>(g);
        u -= kGradeShare[g];
    }
    return static_cast<int>(kGradeShare.size()) - 1;
}

std::string id_of(const char* prefix, int number, int width) {
    char text[32];
    std::snprintf(text, sizeof text, "%s%0*d", prefix, width, number);
    return text;
}

int random_day(RandomSource& random, int first, int last_exclusive) {
    return first + random.below(std::max(1, last_exclusive - first));
}

void draw_managers(Bank& bank, RandomSource& random) {
    const Options& o = bank.options;
    for (int k = 0; k < o.managers; ++k) {
        Manager m;
        m.sub_branch = k % bank.sub_branches;
        m.risk = k < bank.sub_branches;  // one risk manager (风险经理) per sub-branch co-signs its loans
        m.id = m.risk ? id_of("RM", k + 1, 5) : id_of("CM", k + 1 - bank.sub_branches, 5);
        m.name = std::string(kSurnames[static_cast<size_t>(random.below(kSurnames.size()))]) +
                 kGiven[static_cast<size_t>(random.below(kGiven.size()))];
        m.grade = m.risk ? -1 : pick_grade(random);
        const auto years =
            m.risk ? std::array<int, 2>{2005, 2016} : kHiredYears[static_cast<size_t>(m.grade)];
        m.hired = random_day(random, day_number(years[0], 1, 1),
                             std::min(day_number(years[1], 1, 1), bank.quarter_starts.front() - 1));
        if (!m.risk && m.grade == 8) m.status = "probation";
        if (!m.risk && random.chance(0.005)) m.status = "left";
        m.quality = std::clamp(random.normal(86, 5), 62.0, 99.0);
        for (size_t q = 0; q + 1 < bank.quarter_starts.size(); ++q)
            m.drive.push_back(m.risk ? 0.0 : random.normal(0.04, 0.04));
        if (!m.risk && std::string(m.status) != "left")
            bank.customer_managers_of_sub[static_cast<size_t>(m.sub_branch)].push_back(k);
        bank.managers.push_back(std::move(m));
    }
}

// A colleague of `manager` in the same sub-branch other than `avoid`; -1 if none.
int colleague(const Bank& bank, RandomSource& random, int manager, int avoid) {
    const auto& peers = bank.customer_managers_of_sub[static_cast<size_t>(
        bank.managers[static_cast<size_t>(manager)].sub_branch)];
    if (peers.size() < 3) return -1;
    for (int tries = 0; tries < 8; ++tries) {
        const int p = peers[static_cast<size_t>(random.below(static_cast<int>(peers.size())))];
        if (p != manager && p != avoid) return p;
    }
    return -1;
}

void draw_customers(Bank& bank, RandomSource& random) {
    std::vector<int> owners;
    std::vector<double> cumulative;
    double total = 0;
    for (const auto& unit : bank.customer_managers_of_sub)
        for (int k : unit) {
            owners.push_back(k);
            total += kBookWeight[static_cast<size_t>(bank.managers[static_cast<size_t>(k)].grade)];
            cumulative.push_back(total);
        }
    const int assessed_start = bank.quarter_starts.front();
    const int last = bank.last_day();
    bank.customers.resize(static_cast<size_t>(bank.options.customers));
    for (auto& c : bank.customers) {
        const size_t at = static_cast<size_t>(
            std::upper_bound(cumulative.begin(), cumulative.end(), random.uniform() * total) -
            cumulative.begin());
        c.owner = owners[std::min(at, owners.size() - 1)];
        const double r = random.uniform();
        c.segment = r < 0.10 ? Segment::corporate : r < 0.26 ? Segment::vip : Segment::retail;
        c.base = c.segment == Segment::corporate ? random.lognormal(15.2, 0.6)
                 : c.segment == Segment::vip     ? random.lognormal(13.8, 0.4)
                                                 : random.lognormal(11.0, 0.8);
        const double won = random.uniform();
        if (won < 0.04)  // won during the comparison quarter
            c.since = random_day(random, bank.base_start, assessed_start);
        else if (won < 0.10)  // won during the assessed quarters: new customers
            c.since = random_day(random, assessed_start, last - 10);
        else
            c.since = random_day(random, day_number(2019, 1, 1), bank.opening_day);
        if (random.chance(0.05)) c.co_owner = colleague(bank, random, c.owner, c.owner);
        if (c.since < assessed_start && random.chance(0.02)) {
            c.new_owner = colleague(bank, random, c.owner, c.co_owner);
            c.move_day = random_day(random, assessed_start + 5, last - 5);
        }
        if (c.since < assessed_start && random.chance(0.02))
            c.churn_day = random_day(random, assessed_start, last - 15);
        if (c.segment == Segment::corporate || (c.segment == Segment::vip && random.chance(0.15))) {
            c.has_loan = true;
            c.loan.amount = std::max(10000.0, std::round(c.base * random.uniform(0.6, 1.6) / 1000) * 1000);
            c.loan.start = c.since;
        }
        auto& owner = bank.managers[static_cast<size_t>(c.owner)];
        owner.book_base += c.base;
    }
}

}  // namespace

int Bank::assessed_quarter(int day) const {
    for (size_t q = 0; q + 1 < quarter_starts.size(); ++q)
        if (day >= quarter_starts[q] && day < quarter_starts[q + 1]) return static_cast<int>(q);
    return -1;
}

std::string Bank::quarter_name(int index) const {
    const int n = (first_quarter - 1) + index;
    return std::to_string(first_year + n / 4) + "-Q" + std::to_string(n % 4 + 1);
}

Bank draw_bank(const Options& options) {
    Bank bank;
    bank.options = options;
    bank.base_start = quarter_start(bank.first_year, bank.first_quarter - 1);
    bank.opening_day = bank.base_start - 1;
    for (int q = 0; q <= options.quarters; ++q) {
        const int n = (bank.first_quarter - 1) + q;
        bank.quarter_starts.push_back(quarter_start(bank.first_year + n / 4, n % 4 + 1));
    }
    bank.sub_branches = std::max(1, options.managers / 25);
    bank.branches = (bank.sub_branches + 3) / 4;
    bank.customer_managers_of_sub.resize(static_cast<size_t>(bank.sub_branches));
    RandomSource people(options.seed), customers(options.seed + 1);
    draw_managers(bank, people);
    draw_customers(bank, customers);
    return bank;
}

}  // namespace bench
