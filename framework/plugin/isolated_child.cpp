#include "plugin/isolated_child.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <stdexcept>

#include "plugin/isolated_protocol.hpp"
#include "plugin/plugin_code.hpp"
#include "plugin/plugin_process.hpp"
#include "plugin/remote_services.hpp"
#include "plugin/value_tree.hpp"
#include "plugin/wire_columns.hpp"

namespace merit {
namespace {

// One component of the plugin loaded in this process.
struct Served {
    std::string plugin_id;
    std::string qualified_id;
    CodeComponent code;
};

void* create(const CodeComponent& c, merit_context& ctx, const merit_value* params) {
    switch (c.kind) {
        case ComponentKind::indicator:
            return c.provider->create(&ctx, params);
        case ComponentKind::scorer:
            return c.scorer->create(&ctx, params);
        case ComponentKind::reward:
            return c.reward->create(&ctx, params);
    }
    return nullptr;
}

void destroy(const CodeComponent& c, void* instance) {
    if (!instance) return;
    switch (c.kind) {
        case ComponentKind::indicator:
            c.provider->destroy(instance);
            break;
        case ComponentKind::scorer:
            c.scorer->destroy(instance);
            break;
        case ComponentKind::reward:
            c.reward->destroy(instance);
            break;
    }
}

void require(bool condition, const char* what) {
    if (!condition) throw std::runtime_error(std::string("malformed message: ") + what);
}

// Loads the plugin; the image's descriptor goes once the loader has it.
PluginCode load(const std::string& library) {
    PluginCode code = load_plugin_code(library);
    ::close(kChildImageFd);
    return code;
}

void serve(const Served& served, PluginChannel& channel) {
    const CodeComponent& component = served.code;
    void* instance = nullptr;
    std::string message;
    while (channel.receive(message) == PluginChannel::Status::ok) {
        WireReader in(message);
        const uint8_t kind = in.u8();
        const bool has_data = in.u8() != 0;
        const bool has_run = in.u8() != 0;
        const bool has_trace = in.u8() != 0;
        const size_t rows = static_cast<size_t>(in.u64());
        RemoteServices remote(channel);
        merit_context ctx;
        ctx.plugin_id = served.plugin_id;
        ctx.component_id = served.qualified_id;
        ctx.scope_count = rows;
        ctx.data = has_data ? &remote : nullptr;
        ctx.run = has_run ? &remote : nullptr;
        ctx.trace = has_trace ? &remote : nullptr;

        WireWriter done;
        done.u8(isolated::kDone);
        switch (kind) {
            case isolated::kCreate: {
                const ValueTree params(in.value());
                instance = create(component, ctx, params.root());
                done.u8(instance ? 1 : 0).text(ctx.error);
                break;
            }
            case isolated::kCompute: {
                require(component.kind == ComponentKind::indicator, "compute on a non-indicator");
                const WireScope scope(in);
                std::vector<double> out = in.doubles();
                std::vector<unsigned char> valid = in.flags();
                require(out.size() == rows && valid.size() == rows && scope.get().count == rows, "columns");
                const merit_status status =
                    component.provider->compute(instance, &ctx, &scope.get(), out.data(), valid.data());
                done.u8(status == MERIT_OK ? 1 : 0)
                    .text(ctx.error)
                    .doubles(out.data(), rows)
                    .flags(valid.data(), rows);
                break;
            }
            case isolated::kScore: {
                require(component.kind == ComponentKind::scorer, "score on a non-scorer");
                const WireScoreInput input(in);
                std::vector<double> out = in.doubles();
                require(out.size() == rows && input.get().count == rows, "columns");
                const merit_status status = component.scorer->score(instance, &ctx, &input.get(), out.data());
                done.u8(status == MERIT_OK ? 1 : 0).text(ctx.error).doubles(out.data(), rows);
                break;
            }
            case isolated::kReward: {
                require(component.kind == ComponentKind::reward, "reward on a non-reward");
                const WireScope scope(in);
                require(scope.get().count == rows, "columns");
                const merit_status status = component.reward->compute(instance, &ctx, &scope.get());
                done.u8(status == MERIT_OK ? 1 : 0).text(ctx.error);
                break;
            }
            case isolated::kDestroy:
                destroy(component, instance);
                done.u8(1).text("");
                channel.send(done.bytes());
                return;
            default:
                require(false, "unknown request");
        }
        if (channel.send(done.bytes()) != PluginChannel::Status::ok) return;
    }
}

}  // namespace

void describe_isolated_plugin(const std::string& library, PluginChannel& channel) {
    forward_log_through(&channel);
    WireWriter out;
    out.u8(isolated::kDescribed);
    try {
        const PluginCode code = load(library);
        out.u8(1).text("");
        write_plugin_code(out, code);
    } catch (const std::exception& e) {
        out.u8(0).text(e.what());
    }
    channel.send(out.bytes());
}

void serve_isolated_plugin(const std::string& plugin_id, ComponentKind kind, const std::string& local_id,
                           const std::string& library, PluginChannel& channel) {
    forward_log_through(&channel);
    Served served{plugin_id, plugin_id + "." + local_id, {}};
    std::string why;
    try {
        const PluginCode code = load(library);
        for (const auto& c : code.components)
            if (c.kind == kind && c.id == local_id) served.code = c;
        if (served.code.id.empty())
            why = fmt::format("its code no longer offers {} '{}'", to_string(kind), local_id);
    } catch (const std::exception& e) {
        why = e.what();
    }
    if (why.empty()) return serve(served, channel);
    std::string request;
    if (channel.receive(request) != PluginChannel::Status::ok) return;
    WireWriter done;
    done.u8(isolated::kDone).u8(0).text("cannot load the plugin in its sandbox: " + why);
    channel.send(done.bytes());
}

}  // namespace merit
