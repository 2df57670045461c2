#include "plugin/isolated_component.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <stdexcept>

#include "common/errors.hpp"
#include "plugin/host_api.hpp"
#include "plugin/isolated_child.hpp"
#include "plugin/isolated_protocol.hpp"
#include "plugin/value_tree.hpp"
#include "plugin/wire_columns.hpp"

namespace merit {
namespace {

// `destroy` without a configured limit still may not hold the host up.
constexpr double kDestroyLimitSeconds = 5;

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
                                     const CallEnv& env, double time_limit_seconds)
    : component_(&component),
      plugin_id_(component.plugin && component.plugin->manifest ? component.plugin->manifest->id : ""),
      time_limit_seconds_(time_limit_seconds) {
    process_ = std::make_unique<PluginProcess>(
        [&component](PluginChannel& channel) { serve_isolated_component(component, channel); });
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
            const auto metric = in.optional_text();
            merit_fact_query query{};
            query.struct_size = sizeof query;
            query.metric = c_str_or_null(metric);
            query.aggregation = static_cast<merit_aggregation>(in.u8());
            query.source = static_cast<merit_fact_source>(in.u8());
            const auto period = in.optional_text();
            const auto segment = in.optional_text();
            const auto role = in.optional_text();
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
            const auto kind = in.optional_text();
            merit_event_query query{};
            query.struct_size = sizeof query;
            query.kind = c_str_or_null(kind);
            query.measure = static_cast<merit_event_measure>(in.u8());
            const auto period = in.optional_text();
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
            const auto indicator = in.optional_text();
            const auto period = in.optional_text();
            column_answer(scope.get().count, [&](double* out, unsigned char* valid) {
                require(ctx.data, "data")
                    .target_values(scope.get(), c_str_or_null(indicator), c_str_or_null(period), out, valid);
            });
            break;
        }
        case isolated::kRatingAverage: {
            const WireScope scope(in);
            const auto role = in.optional_text();
            const auto item = in.optional_text();
            const auto period = in.optional_text();
            column_answer(scope.get().count, [&](double* out, unsigned char* valid) {
                require(ctx.data, "data")
                    .rating_average(scope.get(), c_str_or_null(role), c_str_or_null(item),
                                    c_str_or_null(period), out, valid);
            });
            break;
        }
        case isolated::kQuery: {
            const auto sql = in.optional_text();
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
        case isolated::kResultColumn: {
            const auto name = in.optional_text();
            column_answer(ctx.scope_count, [&](double* out, unsigned char* valid) {
                require(ctx.run, "run").result_column(ctx, c_str_or_null(name), out, valid);
            });
            break;
        }
        case isolated::kResultText: {
            const auto name = in.optional_text();
            answer(reply, [&](WireWriter& out) {
                std::vector<const char*> texts(ctx.scope_count, nullptr);
                require(ctx.run, "run").result_text(ctx, c_str_or_null(name), texts.data());
                out.optional_texts(texts.data(), texts.size());
            });
            break;
        }
        case isolated::kEmitPay: {
            const size_t row = static_cast<size_t>(in.u64());
            const auto code = in.optional_text();
            const auto label = in.optional_text();
            const int64_t fen = in.i64();
            const auto basis = in.optional_text();
            answer(reply, [&](WireWriter&) {
                require(ctx.run, "run")
                    .emit_pay(ctx, row, c_str_or_null(code), c_str_or_null(label), fen, c_str_or_null(basis));
            });
            break;
        }
        case isolated::kEmitDecision: {
            const size_t row = static_cast<size_t>(in.u64());
            const auto kind = in.optional_text();
            const auto value = in.optional_text();
            const auto reason = in.optional_text();
            answer(reply, [&](WireWriter&) {
                require(ctx.run, "run")
                    .emit_decision(ctx, row, c_str_or_null(kind), c_str_or_null(value),
                                   c_str_or_null(reason));
            });
            break;
        }
        case isolated::kStateRead: {
            const auto key = in.optional_text();
            column_answer(ctx.scope_count, [&](double* out, unsigned char* valid) {
                require(ctx.run, "run").state_read(ctx, c_str_or_null(key), out, valid);
            });
            break;
        }
        case isolated::kStateWrite:
        case isolated::kTraceColumn: {
            const auto name = in.optional_text();
            const auto values = in.optional_doubles();
            const auto valid = in.optional_flags();
            if ((values && values->size() != ctx.scope_count) || (valid && valid->size() != ctx.scope_count))
                throw std::runtime_error("malformed message: column length differs from the call's rows");
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
            const auto text = in.optional_text();
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
