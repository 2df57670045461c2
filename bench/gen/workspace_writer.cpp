#include "workspace_writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "calendar.hpp"
#include "csv_writer.hpp"

namespace bench {
namespace {

const char* segment_name(Segment s) {
    return s == Segment::corporate ? "corporate" : s == Segment::vip ? "vip" : "retail";
}

double wealth_share(Segment s) {
    return s == Segment::corporate ? 0.05 : s == Segment::vip ? 0.6 : 0.15;
}

// ISO dates of every day the files mention, formatted once.
class DayNames {
public:
    DayNames(int first, int last) : first_(first) {
        for (int d = first; d <= last; ++d) names_.push_back(iso(d));
    }
    const std::string& operator()(int day) const { return names_.at(static_cast<size_t>(day - first_)); }

private:
    int first_;
    std::vector<std::string> names_;
};

// Month ends (day numbers) from the first day through `last`.
std::vector<int> month_ends(int first, int last) {
    std::vector<int> out;
    for (int d = first; d <= last; ++d)
        if (civil(d + 1).day == 1) out.push_back(d);
    return out;
}

void write_org_units(const Bank& bank, WrittenRows& rows) {
    CsvWriter out(bank.options.out, "org_units.csv", "id,name,parent_id,kind");
    out.text("HQ").text("总行").empty().text("head_office").end_row();
    char id[16], name[64];
    for (int b = 0; b < bank.branches; ++b) {
        std::snprintf(id, sizeof id, "BR%03d", b + 1);
        std::snprintf(name, sizeof name, "第%d分行", b + 1);
        out.text(id).text(name).text("HQ").text("branch").end_row();
    }
    for (int s = 0; s < bank.sub_branches; ++s) {
        std::snprintf(id, sizeof id, "SB%04d", s + 1);
        std::snprintf(name, sizeof name, "第%d支行", s + 1);
        char parent[16];
        std::snprintf(parent, sizeof parent, "BR%03d", s / 4 + 1);
        out.text(id).text(name).text(parent).text("sub_branch").end_row();
    }
    rows.org_units = out.rows();
}

std::string sub_branch_id(int s) {
    char id[16];
    std::snprintf(id, sizeof id, "SB%04d", s + 1);
    return id;
}

void write_managers(const Bank& bank, const DayNames& day, WrittenRows& rows) {
    CsvWriter out(bank.options.out, "managers.csv", "id,name,org_unit_id,role,grade,hired_on,status");
    for (const auto& m : bank.managers) {
        out.text(m.id).text(m.name).text(sub_branch_id(m.sub_branch));
        out.text(m.risk ? "risk_manager" : "customer_manager");
        out.text(m.risk ? kRiskGrade : kGrades[static_cast<size_t>(m.grade)]);
        out.text(day(m.hired)).text(m.status).end_row();
    }
    rows.managers = out.rows();
}

void write_metrics(const Bank& bank, WrittenRows& rows) {
    CsvWriter out(bank.options.out, "metrics.csv", "metric,kind,unit,description");
    const char* table[][4] = {
        {"deposit", "stock", "yuan", "存款余额 (observed every few days, carried forward)"},
        {"aum", "stock", "yuan", "客户AUM at month end"},
        {"holds_card", "stock", "count", "持有借记卡/信用卡"},
        {"holds_wealth", "stock", "yuan", "理财持有余额"},
        {"holds_fund", "stock", "yuan", "基金持有余额"},
        {"holds_insurance", "stock", "count", "保险保单数"},
        {"loan_issued", "flow", "yuan", "贷款投放额"},
        {"loan_interest", "flow", "yuan", "贷款利息收入"},
        {"loan_downgraded", "flow", "yuan", "转入不良的贷款余额 (不良形成)"},
        {"fee_wealth", "flow", "yuan", "理财中间业务收入"},
        {"fee_fund", "flow", "yuan", "基金代销收入"},
        {"fee_insurance", "flow", "yuan", "代理保险收入"},
        {"fee_settlement", "flow", "yuan", "结算手续费收入"},
        {"fee_agency", "flow", "yuan", "代收付收入"},
        {"intl_settlement_income", "flow", "yuan", "国际结算业务收入"},
        {"admission_pass_rate", "stock", "%", "客户准入审核合格率"},
        {"aml_pass_rate", "stock", "%", "反洗钱风险防控评价合格率"},
        {"credit_risk_pass_rate", "stock", "%", "信贷风险管理合格率"},
        {"loan_normal", "stock", "yuan", "五级分类余额: 正常"},
        {"loan_special_mention", "stock", "yuan", "五级分类余额: 关注"},
        {"loan_substandard", "stock", "yuan", "五级分类余额: 次级"},
        {"loan_doubtful", "stock", "yuan", "五级分类余额: 可疑"},
        {"loan_loss", "stock", "yuan", "五级分类余额: 损失"},
    };
    for (const auto& row : table) out.text(row[0]).text(row[1]).text(row[2]).text(row[3]).end_row();
    rows.metrics = out.rows();
}

constexpr std::array<const char*, 5> kLoanClassMetric{"loan_normal", "loan_special_mention",
                                                      "loan_substandard", "loan_doubtful", "loan_loss"};

// Facts of one customer, in date order per metric.
class CustomerFacts {
public:
    CustomerFacts(const Bank& bank, const DayNames& day, CsvWriter& out)
        : bank_(bank), day_(day), out_(out), month_ends_(month_ends(bank.base_start, bank.last_day())) {
        for (int q = 1; q < static_cast<int>(bank.quarter_starts.size()); ++q)
            quarter_ends_.push_back(bank.quarter_starts[static_cast<size_t>(q)] - 1);
        quarter_ends_.insert(quarter_ends_.begin(), bank.quarter_starts.front() - 1);
    }

    void write(const std::string& id, const Customer& c, RandomSource& random) {
        id_ = &id;
        deposits(c, random);
        aum(c);
        holdings(c, random);
        fees(c, random);
        if (c.has_loan) loan(c, random);
    }

private:
    void fact(const char* metric, int day, double value, int decimals = 2) {
        out_.text("customer").text(*id_).text(metric).text(day_(day)).number(value, decimals).end_row();
    }

    // Balances observed at the opening, at the comparison quarter's month
    // starts and every few days inside the assessed quarters; carried forward.
    void deposits(const Customer& c, RandomSource& random) {
        days_.clear();
        balances_.clear();
        const int last = bank_.last_day();
        days_.push_back(std::max(c.since, bank_.opening_day));
        auto add = [&](int d) {
            if (d > days_.back() && d <= last) days_.push_back(d);
        };
        const Civil base = civil(bank_.base_start);
        for (unsigned m = 1; m <= 2; ++m) add(day_number(base.year, base.month + m, 1) + random.below(5));
        for (size_t q = 0; q + 1 < bank_.quarter_starts.size(); ++q)
            for (int d = bank_.quarter_starts[q] + random.below(3); d < bank_.quarter_starts[q + 1];
                 d += bank_.options.deposit_every + random.below(3) - 1)
                add(d);
        double balance = c.base;
        for (size_t i = 0; i < days_.size(); ++i) {
            const int d = days_[i];
            if (i > 0) {
                const int q = bank_.assessed_quarter(d);
                const int holder = c.new_owner >= 0 && d >= c.move_day ? c.new_owner : c.owner;
                const double drift =
                    q < 0 ? 0.0 : bank_.managers[static_cast<size_t>(holder)].drive[static_cast<size_t>(q)];
                balance *= 1 + drift * (d - days_[i - 1]) / 91.0 + random.uniform(-0.01, 0.01);
            }
            if (c.churn_day && d >= c.churn_day) balance = std::min(balance, c.base * 0.03);
            balances_.push_back(balance);
            fact("deposit", d, balance);
        }
    }

    // Latest deposit balance on or before `day`; negative: none yet.
    double balance_on(int day) const {
        const auto at = std::upper_bound(days_.begin(), days_.end(), day);
        return at == days_.begin() ? -1.0 : balances_[static_cast<size_t>(at - days_.begin() - 1)];
    }

    void aum(const Customer& c) {
        for (int d : month_ends_) {
            if (d < bank_.quarter_starts.front() - 1) continue;  // the comparison quarter's end onwards
            const double b = balance_on(d);
            if (b >= 0) fact("aum", d, b * (1 + wealth_share(c.segment)));
        }
    }

    void holdings(const Customer& c, RandomSource& random) {
        if (random.chance(0.9)) fact("holds_card", days_.front(), 1, 0);
        const double share = wealth_share(c.segment);
        bool wealth = false, fund = false, insurance = false;
        for (int d : quarter_ends_) {
            const double b = balance_on(d);
            if (b < 0) continue;
            auto product = [&](const char* metric, bool& held, double p, double value, int decimals) {
                if (random.chance(p)) {
                    fact(metric, d, value, decimals);
                    held = true;
                } else if (held && random.chance(0.3)) {  // given up since the last quarter end
                    fact(metric, d, 0, 0);
                    held = false;
                }
            };
            product("holds_wealth", wealth, share * 1.3, b * share, 2);
            product("holds_fund", fund, 0.25, b * 0.08, 2);
            product("holds_insurance", insurance, 0.2, 1, 0);
        }
    }

    void fees(const Customer& c, RandomSource& random) {
        const double share = wealth_share(c.segment);
        for (int end : month_ends_) {
            const int d = end - civil(end).day + 25;  // the 25th, when the month's fees are booked
            if (bank_.assessed_quarter(d) < 0) continue;
            const double b = balance_on(d);
            if (b < 0) continue;
            const struct {
                const char* metric;
                double p, scale;
            } table[] = {{"fee_wealth", share, 0.002},
                         {"fee_fund", 0.12, 0.001},
                         {"fee_insurance", 0.08, 0.0015},
                         {"fee_settlement", 0.2, 0.0003},
                         {"fee_agency", 0.15, 0.0002}};
            for (const auto& f : table)
                if (random.chance(f.p)) fact(f.metric, d, b * f.scale * random.uniform(0.5, 1.5));
            if (c.segment == Segment::corporate && random.chance(0.3))
                fact("intl_settlement_income", d, b * 0.0005 * random.uniform(0.5, 1.5));
        }
    }

    // Five-tier balances that migrate: most loans stay normal; some turn
    // special mention, substandard, doubtful or loss inside the data, some were
    // bad before it and recover or worsen; healthy ones may be topped up.
    void loan(const Customer& c, RandomSource& random) {
        const int last = bank_.last_day();
        const int first = std::max(c.loan.start, bank_.opening_day);
        const bool old = c.loan.start <= bank_.opening_day;
        const int move_from = std::max(first + 1, bank_.base_start);
        double amount = c.loan.amount;
        int cls = 0;
        std::vector<std::pair<int, int>> moves;  // (day, new class)
        // First migrations fall anywhere in the data, follow-ups 20-80 days later.
        auto anywhere = [&](int from) { return from >= last ? -1 : from + random.below(last - from); };
        auto later = [&](int after, int min_gap) {
            const int lo = after + min_gap;
            return lo >= last ? -1 : lo + random.below(std::min(60, last - lo));
        };
        const double u = random.uniform();
        if (old && u < 0.02) {  // substandard before the data starts
            cls = 2;
            const double v = random.uniform();
            const int d = anywhere(move_from);
            if (d > 0) {
                if (v < 0.4)
                    moves.push_back({d, 0});
                else if (v < 0.7)
                    moves.push_back({d, 3});
                else if (v < 0.8)
                    moves.push_back({d, 4});
            }
        } else if (old && u < 0.03) {  // doubtful before the data starts
            cls = 3;
            const int d = anywhere(move_from);
            if (d > 0 && random.chance(0.3)) moves.push_back({d, 4});
        } else if (u < 0.07) {  // special mention, half of them substandard later
            const int d = anywhere(move_from);
            if (d > 0) {
                moves.push_back({d, 1});
                const int e = later(d, 20);
                if (e > 0 && random.chance(0.5)) moves.push_back({e, 2});
            }
        } else if (u < 0.10) {  // straight to substandard, some on to doubtful
            const int d = anywhere(move_from);
            if (d > 0) {
                moves.push_back({d, 2});
                const int e = later(d, 20);
                if (e > 0 && random.chance(0.3)) moves.push_back({e, 3});
            }
        }
        fact(kLoanClassMetric[static_cast<size_t>(cls)], first, amount);
        if (!old) fact("loan_issued", first, amount);
        int top_up_day = 0;
        double top_up = 0;
        if (moves.empty() && cls == 0 && random.chance(0.3)) {
            const int qs = bank_.quarter_starts.front();
            top_up_day = std::max(first + 1, qs + random.below(last - qs));
            if (top_up_day <= last) top_up = std::round(amount * 0.3 / 1000) * 1000;
        }
        // Interest accrues monthly (on the 21st) on performing loans only.
        size_t next_move = 0;
        int current = cls;
        double balance = amount;
        std::vector<int> booking_days;
        for (int end : month_ends_) booking_days.push_back(end - civil(end).day + 21);
        size_t next_interest = 0;
        auto book_interest_until = [&](int day) {
            for (; next_interest < booking_days.size() && booking_days[next_interest] < day;
                 ++next_interest) {
                const int b = booking_days[next_interest];
                if (b > first && current <= 1) fact("loan_interest", b, balance * 0.0435 / 12);
            }
        };
        for (; next_move < moves.size(); ++next_move) {
            const auto [d, to] = moves[next_move];
            book_interest_until(d);
            fact(kLoanClassMetric[static_cast<size_t>(current)], d, 0);
            fact(kLoanClassMetric[static_cast<size_t>(to)], d, balance);
            if (current <= 1 && to >= 2) fact("loan_downgraded", d, balance);
            current = to;
        }
        if (top_up > 0) {
            book_interest_until(top_up_day);
            balance += top_up;
            fact("loan_issued", top_up_day, top_up);
            fact("loan_normal", top_up_day, balance);
        }
        book_interest_until(last + 1);
    }

    const Bank& bank_;
    const DayNames& day_;
    CsvWriter& out_;
    std::vector<int> month_ends_, quarter_ends_;
    const std::string* id_ = nullptr;
    std::vector<int> days_;
    std::vector<double> balances_;
};

void write_customers(const Bank& bank, const DayNames& day, CsvWriter& facts, WrittenRows& rows) {
    CsvWriter customers(bank.options.out, "customers.csv", "id,name,segment,org_unit_id");
    CsvWriter assignments(bank.options.out, "assignments.csv",
                          "customer_id,manager_id,share,role,valid_from,valid_to");
    CustomerFacts writer(bank, day, facts);
    RandomSource random(bank.options.seed + 2);
    char id[32], name[48];
    const auto& managers = bank.managers;
    for (size_t k = 0; k < bank.customers.size(); ++k) {
        const Customer& c = bank.customers[k];
        std::snprintf(id, sizeof id, "C%07zu", k + 1);
        std::snprintf(name, sizeof name, "客户%07zu", k + 1);
        const Manager& owner = managers[static_cast<size_t>(c.owner)];
        customers.text(id)
            .text(name)
            .text(segment_name(c.segment))
            .text(sub_branch_id(owner.sub_branch))
            .end_row();
        const double share = c.co_owner >= 0 ? 0.5 : 1.0;
        auto assign = [&](const Manager& m, double s, const char* role, int from, int to) {
            assignments.text(id).text(m.id).number(s, 1).text(role).text(day(from));
            if (to)
                assignments.text(day(to));
            else
                assignments.empty();
            assignments.end_row();
        };
        if (c.new_owner >= 0) {
            assign(owner, share, "owner", c.since, c.move_day - 1);
            assign(managers[static_cast<size_t>(c.new_owner)], share, "owner", c.move_day, 0);
        } else {
            assign(owner, share, "owner", c.since, 0);
        }
        if (c.co_owner >= 0) assign(managers[static_cast<size_t>(c.co_owner)], 0.5, "co_owner", c.since, 0);
        if (c.has_loan)  // the sub-branch's risk manager co-signs the loan
            assign(managers[static_cast<size_t>(owner.sub_branch)], 1.0, "risk", c.loan.start, 0);
        const std::string customer_id = id;
        writer.write(customer_id, c, random);
    }
    rows.customers = customers.rows();
    rows.assignments = assignments.rows();
}

// Quarterly compliance pass rates per manager (the risk dimension).
void write_manager_facts(const Bank& bank, const DayNames& day, CsvWriter& out) {
    RandomSource random(bank.options.seed + 3);
    std::vector<int> ends{bank.quarter_starts.front() - 1};
    for (size_t q = 1; q < bank.quarter_starts.size(); ++q) ends.push_back(bank.quarter_starts[q] - 1);
    for (const auto& m : bank.managers)
        for (int d : ends)
            for (const char* metric : {"admission_pass_rate", "aml_pass_rate", "credit_risk_pass_rate"}) {
                double v = random.uniform(90, 100);
                if (random.chance(0.03)) v = random.uniform(70, 90);  // a weak quarter
                out.text("manager").text(m.id).text(metric).text(day(d)).number(v, 1).end_row();
            }
}

void write_activity(const Bank& bank, const DayNames& day, WrittenRows& rows) {
    CsvWriter events(bank.options.out, "events.csv", "manager_id,kind,date,quantity,amount,note,ref");
    CsvWriter targets(bank.options.out, "targets.csv", "manager_id,indicator,period,value");
    CsvWriter ratings(bank.options.out, "ratings.csv", "manager_id,period,rater_role,item,score,rater_id");
    RandomSource random(bank.options.seed + 4);
    char note[64], ref[32];
    for (const auto& m : bank.managers) {
        if (std::string(m.status) == "left") continue;
        for (size_t q = 0; q + 1 < bank.quarter_starts.size(); ++q) {
            const std::string quarter = bank.quarter_name(static_cast<int>(q));
            const int qs = bank.quarter_starts[q], days = bank.quarter_starts[q + 1] - qs;
            if (!m.risk) {
                const int visits = 8 + random.below(12);
                for (int k = 0; k < visits; ++k) {
                    std::snprintf(note, sizeof note, "走访%s-%02d", quarter.c_str(), k + 1);
                    // The ref tells apart two visits on one day (the note is free text).
                    std::snprintf(ref, sizeof ref, "%s-%02d", quarter.c_str(), k + 1);
                    events.text(m.id)
                        .text("visit")
                        .text(day(qs + random.below(days)))
                        .integer(1)
                        .empty()
                        .text(note)
                        .text(ref)
                        .end_row();
                }
                const int complaints = m.quality >= 88 ? 0 : m.quality >= 80 ? 1 : 2;
                for (int k = 0; k < complaints; ++k) {
                    std::snprintf(note, sizeof note, "客户投诉%s-%d", quarter.c_str(), k + 1);
                    std::snprintf(ref, sizeof ref, "%s-%d", quarter.c_str(), k + 1);
                    events.text(m.id)
                        .text("complaint")
                        .text(day(qs + random.below(days)))
                        .integer(1)
                        .empty()
                        .text(note)
                        .text(ref)
                        .end_row();
                }
                if (random.chance(0.01))
                    events.text(m.id)
                        .text("violation")
                        .text(day(qs + random.below(days)))
                        .integer(1)
                        .empty()
                        .text("违规承诺保本理财收益 (合规部认定)")
                        .empty()
                        .end_row();
                if (random.chance(0.1))
                    events.text(m.id)
                        .text("meeting_late")
                        .text(day(qs + random.below(days)))
                        .integer(1)
                        .empty()
                        .text("晨会迟到")
                        .empty()
                        .end_row();
                const double task = std::round(m.book_base * random.uniform(0.06, 0.14) / 1000) * 1000;
                targets.text(m.id)
                    .text("deposit_increment")
                    .text(quarter)
                    .number(std::max(task, 1000.0))
                    .end_row();
            }
            auto rate = [&](const char* role, const char* item, double lo, double hi,
                            const std::string& rater) {
                ratings.text(m.id)
                    .text(quarter)
                    .text(role)
                    .text(item)
                    .number(std::min(100.0, std::round(m.quality + random.uniform(lo, hi))), 0)
                    .text(rater)
                    .end_row();
            };
            for (int k = 1; k <= 3; ++k) {
                rate("customer", "satisfaction", -6, 5, "客户" + std::to_string(k));
                rate("customer", "attitude", -5, 6, "客户" + std::to_string(k));
            }
            rate("supervisor", "efficiency", -8, 6, "支行长");
            rate("supervisor", "problem_solving", -6, 6, "支行长");
            for (int k = 1; k <= 2; ++k) rate("peer", "problem_solving", -8, 6, "同事" + std::to_string(k));
        }
    }
    rows.events = events.rows();
    rows.targets = targets.rows();
    rows.ratings = ratings.rows();
}

}  // namespace

WrittenRows write_workspace(const Bank& bank) {
    WrittenRows rows;
    const DayNames day(day_number(1995, 1, 1), bank.last_day());
    write_org_units(bank, rows);
    write_managers(bank, day, rows);
    write_metrics(bank, rows);
    {
        CsvWriter facts(bank.options.out, "facts.csv", "entity,entity_id,metric,date,value");
        write_customers(bank, day, facts, rows);
        write_manager_facts(bank, day, facts);
        rows.facts = facts.rows();
    }
    write_activity(bank, day, rows);
    return rows;
}

}  // namespace bench
