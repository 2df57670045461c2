#include "plugin/isolated_component.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <stdexcept>

#include "common/errors.hpp"
#include "plugin/host_api.hpp"
#include "plugin/isolated_child.hpp"
#include "plugin/isolated_protocol.hpp"
#include "plugin/plugin_image.hpp"
#include "plugin/value_tree.hpp"
#include "plugin/wire_columns.hpp"

namespace merit {
namespace {

// `destroy` without a configured limit still may not hold the host up.
constexpr double kDestroyLimitSeconds = 5;

// The longest message the host accepts from a child: a base for calls that
// carry no columns, plus room for a call's columns (numbers, flags and six
// text columns of a scope). Anything longer is a child trying to make the
// host allocate, and ends it.
constexpr uint64_t kBaseMessageBytes = 4u << 20;
constexpr uint64_t kMessageBytesPerRow = 4096;
constexpr uint64_t kMaxMessageBytes = 1u << 30;
// The longest string argument (names, codes, labels, notes, SQL).
constexpr size_t kMaxTextBytes = 64 * 1024;

uint32_t message_limit(size_t rows) {
    return static_cast<uint32_t>(
        std::min<uint64_t>(kMaxMessageBytes, kBaseMessageBytes + kMessageBytesPerRow * rows));
}

// An argument that a well-behaved plugin never sends and that would be a
// crash or undefined behaviour in the host's own process (a NULL column, a
// scope without ids, a huge string): the child is stopped and the call fails
// with one line naming the plugin. Refusals a plugin can expect (an unknown
// column, a row outside the scope) are answered to the plugin instead.
struct BadArgument : std::runtime_error {
    using std::runtime_error::runtime_error;
};

void require_argument(bool condition, const char* service, const std::string& what) {
    if (!condition) throw BadArgument(fmt::format("{}: {}", service, what));
}

// A string argument: NULL where NULL means "default", never overlong.
const std::optional<std::string>& text_argument(const std::optional<std::string>& text, const char* service,
                                                const char* name, bool required = false) {
    require_argument(text || !required, service, fmt::format("{} is NULL", name));
    require_argument(!text || text->size() <= kMaxTextBytes, service,
                     fmt::format("{} is longer than {} bytes", name, kMaxTextBytes));
    return text;
}

// A scope the child built: the host indexes its rows by manager id.
void check_scope(const merit_scope& scope, const char* service) {
    require_argument(scope.count == 0 || scope.manager_ids, service,
                     fmt::format("a scope of {} rows without manager ids", scope.count));
}

// Runs a service for the child: "ok, error" and the results, or the
// service's refusal as the error the child's plugin sees.
template <typename Fn>
void answer(WireWriter& reply, Fn&& body) {
    WireWriter results;
    try {
        body(results);
    } catch (const std::exception& e) {
        reply.u8(0).text(e.what());
        return;
    }
    reply.u8(1).text("").raw(results.bytes());
}

PluginChannel::Deadline deadline_after(double seconds) {
    if (seconds <= 0) return std::nullopt;
    return PluginChannel::Clock::now() +
           std::chrono::duration_cast<PluginChannel::Clock::duration>(std::chrono::duration<double>(seconds));
}

// A query's row as two values: the column names, then the cells.
struct RowCollector {
    WireWriter* out;
    uint64_t rows = 0;
    static int add(void* user, size_t count, const char* const* names, const merit_value* cells) {
        auto& self = *static_cast<RowCollector*>(user);
        self.out->u8(MERIT_VALUE_ARRAY).u64(count);
        for (size_t i = 0; i < count; ++i) self.out->u8(MERIT_VALUE_STRING).text(names[i] ? names[i] : "");
        self.out->u8(MERIT_VALUE_ARRAY).u64(count);
        for (size_t i = 0; i < count; ++i) self.out->value(cells[i]);
        ++self.rows;
        return 0;
    }
};

}  // namespace

IsolatedComponent::IsolatedComponent(const Component& component, const boost::json::value& params,
                                     const CallEnv& env, const PluginOptions& options)
    : component_(&component),
      plugin_id_(component.plugin && component.plugin->manifest ? component.plugin->manifest->id : ""),
      time_limit_seconds_(options.time_limit_seconds) {
    const PluginRecord* plugin = component.plugin.get();
    if (!plugin || !plugin->image || !component.manifest)
        fail("has no checked image to load in its sandbox", "create");
    const SandboxView view{plugin->path, plugin->image->fd()};
    const std::string plugin_id = plugin_id_;
    const ComponentKind kind = component.kind;
    const std::string local_id = component.manifest->id;
    process_ = std::make_unique<PluginProcess>(
        plugin_id_, options, &view, [&](PluginChannel& channel, const std::string& library) {
            serve_isolated_plugin(plugin_id, kind, local_id, library, channel);
        });
    const ValueTree tree(params.is_null() ? boost::json::value(boost::json::object{}) : params);
    WireWriter message = request(isolated::kCreate, env, 0);
    message.value(*tree.root());
    exchange(message, env, 0, "create");
}

IsolatedComponent::~IsolatedComponent() {
    if (!process_ || !process_->running()) return;
    WireWriter message = request(isolated::kDestroy, CallEnv{}, 0);
    const auto deadline =
        deadline_after(time_limit_seconds_ > 0 ? time_limit_seconds_ : kDestroyLimitSeconds);
    PluginChannel& channel = process_->channel();
    if (channel.send(message.bytes(), deadline) == PluginChannel::Status::ok) {
        std::string reply;
        // Log lines may precede `done`; nothing else is served while destroying.
        while (channel.receive(reply, deadline) == PluginChannel::Status::ok) {
            if (!reply.empty() && static_cast<uint8_t>(reply[0]) == isolated::kDone) break;
            if (!reply.empty() && static_cast<uint8_t>(reply[0]) == isolated::kCall) {
                spdlog::warn("plugin '{}' component {} asked for a service in destroy; stopped it",
                             plugin_id_, component_->qualified_id);
                break;
            }
        }
    }
    process_->kill();
}

WireWriter IsolatedComponent::request(uint8_t kind, const CallEnv& env, size_t rows) {
    WireWriter out;
    out.u8(kind).u8(env.data ? 1 : 0).u8(env.run ? 1 : 0).u8(env.trace ? 1 : 0).u64(rows);
    return out;
}

void IsolatedComponent::fail(const std::string& what, const char* operation) {
    throw UserError(fmt::format("plugin '{}' component {} {} during {}", plugin_id_, component_->qualified_id,
                                what, operation));
}

WireReader IsolatedComponent::exchange(const WireWriter& message, const CallEnv& env, size_t rows,
                                       const char* operation) {
    if (!process_ || !process_->running())
        fail("is no longer running (it failed in an earlier call)", operation);
    merit_context ctx;
    ctx.plugin_id = plugin_id_;
    ctx.component_id = component_->qualified_id;
    ctx.scope_count = rows;
    ctx.data = env.data;
    ctx.run = env.run;
    ctx.trace = env.trace;

    const auto deadline = deadline_after(time_limit_seconds_);
    PluginChannel& channel = process_->channel();
    channel.limit_messages(message_limit(rows));
    auto check = [&](PluginChannel::Status status) {
        if (status == PluginChannel::Status::ok) return;
        if (status == PluginChannel::Status::timed_out) {
            process_->kill();
            fail(fmt::format("exceeded its time limit of {:g} s", time_limit_seconds_),
                 fmt::format("{} and was stopped", operation).c_str());
        }
        fail(process_->end(), operation);
    };
    check(channel.send(message.bytes(), deadline));
    for (;;) {
        check(channel.receive(done_, deadline));
        try {
            WireReader in(done_);
            switch (in.u8()) {
                case isolated::kLog: {
                    const auto level = static_cast<merit_log_level>(in.u8());
                    const std::string text = in.text();
                    require_argument(text.size() <= kMaxTextBytes, "log", "a line longer than 64 KiB");
                    host_api()->log(&ctx, level, text.c_str());
                    break;
                }
                case isolated::kCall: {
                    WireWriter reply;
                    reply.u8(isolated::kReply);
                    serve_call(in, ctx, reply);
                    check(channel.send(reply.bytes(), deadline));
                    break;
                }
                case isolated::kDone: {
                    const bool ok = in.u8() != 0;
                    ctx.error = in.text();
                    if (!ok) throw UserError(call_error(ctx, operation));
                    return in;
                }
                default:
                    throw std::runtime_error("malformed message: unknown kind");
            }
        } catch (const UserError&) {
            throw;
        } catch (const BadArgument& e) {
            process_->kill();
            fail(fmt::format("passed a bad argument ({}) and was stopped", e.what()), operation);
        } catch (const std::exception& e) {
            // The child broke the protocol: it cannot be trusted with more calls.
            process_->kill();
            fail(fmt::format("sent a message the host cannot read ({})", e.what()), operation);
        }
    }
}

void IsolatedComponent::serve_call(WireReader& in, merit_context& ctx, WireWriter& reply) {
    // Arguments are read before the service runs: a malformed call is the
    // child's fault (thrown on), a refused service is answered as an error.
    const uint8_t service = in.u8();
    auto require = [&](auto* target, const char* name) -> decltype(*target)& {
        if (!target)
            throw std::runtime_error(fmt::format("not available to {} in this call", ctx.component_id));
        (void)name;
        return *target;
    };
    auto column_answer = [&](size_t count, auto&& fill) {
        answer(reply, [&](WireWriter& out) {
            std::vector<double> values(count, 0.0);
            std::vector<unsigned char> valid(count, 0);
            fill(values.data(), valid.data());
            out.doubles(values.data(), count).flags(valid.data(), count);
        });
    };
    switch (service) {
        case isolated::kFactAggregate: {
            const WireScope scope(in);
            check_scope(scope.get(), "fact_aggregate");
            const auto metric = text_argument(in.optional_text(), "fact_aggregate", "metric", true);
            merit_fact_query query{};
            query.struct_size = sizeof query;
            query.metric = c_str_or_null(metric);
            query.aggregation = static_cast<merit_aggregation>(in.u8());
            query.source = static_cast<merit_fact_source>(in.u8());
            const auto period = text_argument(in.optional_text(), "fact_aggregate", "period");
            const auto segment = text_argument(in.optional_text(), "fact_aggregate", "segment");
            const auto role = text_argument(in.optional_text(), "fact_aggregate", "assignment_role");
            query.period = c_str_or_null(period);
            query.segment = c_str_or_null(segment);
            query.assignment_role = c_str_or_null(role);
            query.use_shares = in.u8();
            column_answer(scope.get().count, [&](double* out, unsigned char* valid) {
                require(ctx.data, "data").fact_aggregate(scope.get(), query, out, valid);
            });
            break;
        }
        case isolated::kEventAggregate: {
            const WireScope scope(in);
            check_scope(scope.get(), "event_aggregate");
            const auto kind = text_argument(in.optional_text(), "event_aggregate", "kind");
            merit_event_query query{};
            query.struct_size = sizeof query;
            query.kind = c_str_or_null(kind);
            query.measure = static_cast<merit_event_measure>(in.u8());
            const auto period = text_argument(in.optional_text(), "event_aggregate", "period");
            query.period = c_str_or_null(period);
            answer(reply, [&](WireWriter& out) {
                std::vector<double> values(scope.get().count, 0.0);
                require(ctx.data, "data").event_aggregate(scope.get(), query, values.data());
                out.doubles(values.data(), values.size());
            });
            break;
        }
        case isolated::kTargetValues: {
            const WireScope scope(in);
            check_scope(scope.get(), "target_values");
            const auto indicator = text_argument(in.optional_text(), "target_values", "indicator", true);
            const auto period = text_argument(in.optional_text(), "target_values", "period");
            column_answer(scope.get().count, [&](double* out, unsigned char* valid) {
                require(ctx.data, "data")
                    .target_values(scope.get(), c_str_or_null(indicator), c_str_or_null(period), out, valid);
            });
            break;
        }
        case isolated::kRatingAverage: {
            const WireScope scope(in);
            check_scope(scope.get(), "rating_average");
            const auto role = text_argument(in.optional_text(), "rating_average", "rater_role");
            const auto item = text_argument(in.optional_text(), "rating_average", "item");
            const auto period = text_argument(in.optional_text(), "rating_average", "period");
            column_answer(scope.get().count, [&](double* out, unsigned char* valid) {
                require(ctx.data, "data")
                    .rating_average(scope.get(), c_str_or_null(role), c_str_or_null(item),
                                    c_str_or_null(period), out, valid);
            });
            break;
        }
        case isolated::kQuery: {
            const auto sql = text_argument(in.optional_text(), "query", "sql", true);
            const uint64_t count = in.u64();
            boost::json::array params;
            for (uint64_t i = 0; i < count; ++i) params.push_back(in.value());
            const ValueTree tree(params);
            answer(reply, [&](WireWriter& out) {
                WireWriter rows;
                RowCollector collector{&rows};
                require(ctx.data, "data")
                    .query(c_str_or_null(sql), tree.root()->items, tree.root()->count, &RowCollector::add,
                           &collector);
                out.u64(collector.rows).raw(rows.bytes());
            });
            break;
        }
        case isolated::kCustomerValues: {
            const auto metric = text_argument(in.optional_text(), "customer_values", "metric", true);
            const auto day = text_argument(in.optional_text(), "customer_values", "day", true);
            answer(reply, [&](WireWriter& out) {
                struct Collect {
                    WireWriter rows;
                    uint64_t count = 0;
                    static int add(void* user, const char* id, double value) {
                        auto& self = *static_cast<Collect*>(user);
                        self.rows.text(id ? id : "").f64(value);
                        ++self.count;
                        return 0;
                    }
                } collect;
                require(ctx.data, "data")
                    .customer_values(c_str_or_null(metric), c_str_or_null(day), &Collect::add, &collect);
                out.u64(collect.count).raw(collect.rows.bytes());
            });
            break;
        }
        case isolated::kEventRows: {
            const auto kind = text_argument(in.optional_text(), "event_rows", "kind", true);
            const auto first = text_argument(in.optional_text(), "event_rows", "first_day");
            const auto last = text_argument(in.optional_text(), "event_rows", "last_day");
            answer(reply, [&](WireWriter& out) {
                struct Collect {
                    WireWriter rows;
                    uint64_t count = 0;
                    static int add(void* user, const merit_event_row* r) {
                        auto& self = *static_cast<Collect*>(user);
                        self.rows.text(r->manager_id).text(r->date).text(r->ref).text(r->note);
                        self.rows.f64(r->quantity).u8(r->has_amount ? 1 : 0).f64(r->amount);
                        ++self.count;
                        return 0;
                    }
                } collect;
                require(ctx.data, "data")
                    .event_rows(c_str_or_null(kind), c_str_or_null(first), c_str_or_null(last), &Collect::add,
                                &collect);
                out.u64(collect.count).raw(collect.rows.bytes());
            });
            break;
        }
        case isolated::kOrganisation: {
            const auto day = text_argument(in.optional_text(), "organisation", "day", true);
            const uint8_t wanted = in.u8();
            require_argument(wanted <= 3, "organisation", fmt::format("unknown parts {}", wanted));
            answer(reply, [&](WireWriter& out) {
                struct Collect {
                    WireWriter units, managers;
                    uint64_t unit_count = 0, manager_count = 0;
                    static int unit(void* user, const merit_org_unit_row* u) {
                        auto& self = *static_cast<Collect*>(user);
                        self.units.text(u->id).text(u->name).text(u->parent_id).text(u->kind);
                        ++self.unit_count;
                        return 0;
                    }
                    static int manager(void* user, const merit_org_manager_row* m) {
                        auto& self = *static_cast<Collect*>(user);
                        self.managers.text(m->id).text(m->name).text(m->org_unit_id).text(m->role);
                        self.managers.text(m->grade).text(m->status).text(m->hired_on);
                        ++self.manager_count;
                        return 0;
                    }
                } collect;
                require(ctx.data, "data")
                    .organisation(c_str_or_null(day), (wanted & 1) ? &Collect::unit : nullptr,
                                  (wanted & 2) ? &Collect::manager : nullptr, &collect);
                out.u64(collect.unit_count).raw(collect.units.bytes());
                out.u64(collect.manager_count).raw(collect.managers.bytes());
            });
            break;
        }
        case isolated::kCustomerHoldings: {
            const auto metric = text_argument(in.optional_text(), "customer_holdings", "metric");
            const auto first = text_argument(in.optional_text(), "customer_holdings", "first_day", true);
            const auto last = text_argument(in.optional_text(), "customer_holdings", "last_day", true);
            const auto role = text_argument(in.optional_text(), "customer_holdings", "assignment_role");
            answer(reply, [&](WireWriter& out) {
                struct Collect {
                    WireWriter rows;
                    uint64_t count = 0;
                    static int add(void* user, const merit_holding_row* h) {
                        auto& self = *static_cast<Collect*>(user);
                        self.rows.text(h->customer_id).text(h->manager_id).text(h->role).f64(h->share);
                        self.rows.text(h->segment).text(h->first_day).text(h->last_day);
                        self.rows.f64(h->value).u64(h->fact_count);
                        ++self.count;
                        return 0;
                    }
                } collect;
                require(ctx.data, "data")
                    .customer_holdings(c_str_or_null(metric), c_str_or_null(first), c_str_or_null(last),
                                       c_str_or_null(role), &Collect::add, &collect);
                out.u64(collect.count).raw(collect.rows.bytes());
            });
            break;
        }
        case isolated::kCustomerFacts: {
            const auto metric = text_argument(in.optional_text(), "customer_facts", "metric", true);
            const auto first = text_argument(in.optional_text(), "customer_facts", "first_day");
            const auto last = text_argument(in.optional_text(), "customer_facts", "last_day");
            answer(reply, [&](WireWriter& out) {
                struct Collect {
                    WireWriter rows;
                    uint64_t count = 0;
                    static int add(void* user, const char* id, const char* date, double value) {
                        auto& self = *static_cast<Collect*>(user);
                        self.rows.text(id ? id : "").text(date ? date : "").f64(value);
                        ++self.count;
                        return 0;
                    }
                } collect;
                require(ctx.data, "data")
                    .customer_facts(c_str_or_null(metric), c_str_or_null(first), c_str_or_null(last),
                                    &Collect::add, &collect);
                out.u64(collect.count).raw(collect.rows.bytes());
            });
            break;
        }
        case isolated::kResultColumn: {
            const auto name = text_argument(in.optional_text(), "result_column", "name", true);
            column_answer(ctx.scope_count, [&](double* out, unsigned char* valid) {
                require(ctx.run, "run").result_column(ctx, c_str_or_null(name), out, valid);
            });
            break;
        }
        case isolated::kResultText: {
            const auto name = text_argument(in.optional_text(), "result_text", "name", true);
            answer(reply, [&](WireWriter& out) {
                std::vector<const char*> texts(ctx.scope_count, nullptr);
                require(ctx.run, "run").result_text(ctx, c_str_or_null(name), texts.data());
                out.optional_texts(texts.data(), texts.size());
            });
            break;
        }
        case isolated::kRunLatest: {
            const auto scheme = text_argument(in.optional_text(), "run_latest", "scheme", true);
            const auto day = text_argument(in.optional_text(), "run_latest", "on_or_before", true);
            answer(reply, [&](WireWriter& out) {
                out.text(require(ctx.run, "run").run_latest(ctx, c_str_or_null(scheme), c_str_or_null(day)));
            });
            break;
        }
        case isolated::kRunColumn:
        case isolated::kRunText: {
            const char* what = service == isolated::kRunColumn ? "run_column" : "run_text";
            const auto scheme = text_argument(in.optional_text(), what, "scheme", true);
            const auto period = text_argument(in.optional_text(), what, "period", true);
            const auto column = text_argument(in.optional_text(), what, "column", true);
            // The managers named, or (none sent) the call's own.
            const auto ids = in.optional_texts();
            std::vector<const char*> id_pointers;
            if (ids)
                for (const auto& id : *ids) id_pointers.push_back(id.c_str());
            const size_t count = ids ? ids->size() : ctx.scope_count;
            static const char* const kNoManagers[1] = {nullptr};
            const char* const* named =
                ids ? (id_pointers.empty() ? kNoManagers : id_pointers.data()) : nullptr;
            if (service == isolated::kRunColumn) {
                column_answer(count, [&](double* out, unsigned char* valid) {
                    require(ctx.run, "run")
                        .run_column(ctx, c_str_or_null(scheme), c_str_or_null(period), c_str_or_null(column),
                                    named, count, out, valid);
                });
            } else {
                answer(reply, [&](WireWriter& out) {
                    std::vector<const char*> texts(count, nullptr);
                    require(ctx.run, "run")
                        .run_text(ctx, c_str_or_null(scheme), c_str_or_null(period), c_str_or_null(column),
                                  named, count, texts.data());
                    out.optional_texts(texts.data(), texts.size());
                });
            }
            break;
        }
        case isolated::kEmitPay: {
            const size_t row = static_cast<size_t>(in.u64());
            const auto code = text_argument(in.optional_text(), "emit_pay", "code");
            const auto label = text_argument(in.optional_text(), "emit_pay", "label");
            const int64_t fen = in.i64();
            const auto basis = text_argument(in.optional_text(), "emit_pay", "basis");
            answer(reply, [&](WireWriter&) {
                require(ctx.run, "run")
                    .emit_pay(ctx, row, c_str_or_null(code), c_str_or_null(label), fen, c_str_or_null(basis));
            });
            break;
        }
        case isolated::kEmitDecision: {
            const size_t row = static_cast<size_t>(in.u64());
            const auto kind = text_argument(in.optional_text(), "emit_decision", "kind");
            const auto value = text_argument(in.optional_text(), "emit_decision", "value");
            const auto reason = text_argument(in.optional_text(), "emit_decision", "reason");
            answer(reply, [&](WireWriter&) {
                require(ctx.run, "run")
                    .emit_decision(ctx, row, c_str_or_null(kind), c_str_or_null(value),
                                   c_str_or_null(reason));
            });
            break;
        }
        case isolated::kStateRead: {
            const auto key = text_argument(in.optional_text(), "state_read", "key", true);
            column_answer(ctx.scope_count, [&](double* out, unsigned char* valid) {
                require(ctx.run, "run").state_read(ctx, c_str_or_null(key), out, valid);
            });
            break;
        }
        case isolated::kStateWrite:
        case isolated::kTraceColumn: {
            const char* what = service == isolated::kStateWrite ? "state_write" : "trace_column";
            const auto name =
                text_argument(in.optional_text(), what, "name", service == isolated::kStateWrite);
            const auto values = in.optional_doubles();
            const auto valid = in.optional_flags();
            if ((values && values->size() != ctx.scope_count) || (valid && valid->size() != ctx.scope_count))
                throw std::runtime_error("malformed message: column length differs from the call's rows");
            require_argument(values || service != isolated::kStateWrite, what, "values is NULL");
            const double* v = values ? values->data() : nullptr;
            const unsigned char* f = valid ? valid->data() : nullptr;
            answer(reply, [&](WireWriter&) {
                if (service == isolated::kStateWrite) {
                    require(ctx.run, "run").state_write(ctx, c_str_or_null(name), v, f);
                } else if (ctx.trace && name && v) {
                    // As in the host's own process: no sink or no values, no line.
                    ctx.trace->column(ctx, name->c_str(), v, f);
                }
            });
            break;
        }
        case isolated::kTraceNote: {
            const size_t row = static_cast<size_t>(in.u64());
            const auto text = text_argument(in.optional_text(), "trace_note", "text");
            answer(reply, [&](WireWriter&) {
                if (ctx.trace && text) ctx.trace->note(ctx, row, text->c_str());
            });
            break;
        }
        default:
            throw std::runtime_error("malformed message: unknown service");
    }
}

void IsolatedComponent::compute(const merit_scope& scope, double* out, unsigned char* valid,
                                const CallEnv& env) {
    WireWriter message = request(isolated::kCompute, env, scope.count);
    write_scope(message, scope);
    message.doubles(out, scope.count).flags(valid, scope.count);
    WireReader in = exchange(message, env, scope.count, "compute");
    try {
        const auto values = in.doubles();
        const auto flags = in.flags();
        if (values.size() != scope.count || flags.size() != scope.count)
            throw std::runtime_error("column length");
        std::copy(values.begin(), values.end(), out);
        std::copy(flags.begin(), flags.end(), valid);
    } catch (const std::runtime_error& e) {
        process_->kill();
        fail(fmt::format("sent a message the host cannot read ({})", e.what()), "compute");
    }
}

void IsolatedComponent::score(const merit_score_input& input, double* out, const CallEnv& env) {
    WireWriter message = request(isolated::kScore, env, input.count);
    write_score_input(message, input);
    message.doubles(out, input.count);
    WireReader in = exchange(message, env, input.count, "score");
    try {
        const auto values = in.doubles();
        if (values.size() != input.count) throw std::runtime_error("column length");
        std::copy(values.begin(), values.end(), out);
    } catch (const std::runtime_error& e) {
        process_->kill();
        fail(fmt::format("sent a message the host cannot read ({})", e.what()), "score");
    }
}

void IsolatedComponent::reward(const merit_scope& scope, const CallEnv& env) {
    WireWriter message = request(isolated::kReward, env, scope.count);
    write_scope(message, scope);
    exchange(message, env, scope.count, "compute");
}

}  // namespace merit
