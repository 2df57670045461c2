#include "plugin/isolated_describe.hpp"

#include <fmt/format.h>

#include <chrono>
#include <stdexcept>

#include "common/errors.hpp"
#include "plugin/host_api.hpp"
#include "plugin/isolated_child.hpp"
#include "plugin/isolated_protocol.hpp"
#include "plugin/plugin_image.hpp"
#include "plugin/plugin_process.hpp"

namespace merit {
namespace {

// Loading may not hold the host up without a configured limit either.
constexpr double kDescribeLimitSeconds = 30;
// A description of thousands of components fits; more is a hostile child.
constexpr uint32_t kMaxDescriptionBytes = 1u << 20;
constexpr size_t kMaxLogBytes = 64 * 1024;

}  // namespace

PluginCode describe_isolated(const PluginRecord& record) {
    const std::string id = record.manifest ? record.manifest->id : "";
    if (!record.image) throw UserError("no checked image to load in its sandbox");
    const SandboxView view{record.path, record.image->fd()};
    PluginProcess process(id, record.options, &view, [](PluginChannel& channel, const std::string& library) {
        describe_isolated_plugin(library, channel);
    });
    const double seconds =
        record.options.time_limit_seconds > 0 ? record.options.time_limit_seconds : kDescribeLimitSeconds;
    const auto deadline =
        PluginChannel::Clock::now() +
        std::chrono::duration_cast<PluginChannel::Clock::duration>(std::chrono::duration<double>(seconds));
    PluginChannel& channel = process.channel();
    channel.limit_messages(kMaxDescriptionBytes);
    merit_context ctx;
    ctx.plugin_id = id;
    ctx.component_id = id;
    for (;;) {
        std::string message;
        const auto status = channel.receive(message, deadline);
        if (status == PluginChannel::Status::timed_out) {
            process.kill();
            throw UserError(
                fmt::format("loading it in its sandbox took longer than {:g} s; stopped it", seconds));
        }
        if (status != PluginChannel::Status::ok)
            throw UserError(fmt::format("its process {} while loading it in its sandbox", process.end()));
        try {
            WireReader in(message);
            const uint8_t kind = in.u8();
            if (kind == isolated::kLog) {
                const auto level = static_cast<merit_log_level>(in.u8());
                const std::string text = in.text();
                if (text.size() > kMaxLogBytes) throw std::runtime_error("a log line longer than 64 KiB");
                host_api()->log(&ctx, level, text.c_str());
                continue;
            }
            if (kind != isolated::kDescribed) throw std::runtime_error("unexpected message");
            const bool ok = in.u8() != 0;
            const std::string error = in.text();
            if (!ok) throw UserError(one_line(error));
            return read_plugin_description(in);
        } catch (const UserError&) {
            throw;
        } catch (const std::exception& e) {
            process.kill();
            throw UserError(
                fmt::format("its process sent a description the host cannot read ({})", e.what()));
        }
    }
}

}  // namespace merit
