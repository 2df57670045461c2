// One end of the socket between the host and an isolated plugin process:
// whole messages (a 4-byte length, then the bytes), sent and received with
// an optional deadline. The host never blocks past its deadline and never
// gets SIGPIPE when the other side has died.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace merit {

class PluginChannel {
public:
    using Clock = std::chrono::steady_clock;
    // nullopt: wait as long as it takes.
    using Deadline = std::optional<Clock::time_point>;

    enum class Status { ok, closed, timed_out };

    explicit PluginChannel(int fd = -1);
    ~PluginChannel();
    PluginChannel(PluginChannel&& other) noexcept { *this = std::move(other); }
    PluginChannel& operator=(PluginChannel&& other) noexcept;
    PluginChannel(const PluginChannel&) = delete;
    PluginChannel& operator=(const PluginChannel&) = delete;

    // `closed`: the other side is gone (or the message could not be sent).
    Status send(const std::string& message, Deadline deadline = std::nullopt);
    Status receive(std::string& message, Deadline deadline = std::nullopt);

    int fd() const { return fd_; }
    void close();

    // The host's side refuses messages longer than this (a hostile child
    // could otherwise make the host allocate up to the protocol's 1 GiB).
    void limit_messages(uint32_t max_bytes) { max_message_ = max_bytes; }
    // While waiting, also reads `fd` (the other side's stdout/stderr pipe,
    // not owned) and hands what arrives to `sink`, so the child never blocks
    // on a full pipe and its output never reaches Merit's own.
    void watch_output(int fd, std::function<void(std::string_view)> sink);
    // Reads what is already in the output pipe, without waiting.
    void drain_output();

private:
    Status wait(short events, Deadline deadline);
    // Reads once from the output pipe; false at its end.
    bool read_output();
    int fd_ = -1;
    uint32_t max_message_ = 0;
    int output_fd_ = -1;
    std::function<void(std::string_view)> output_sink_;
};

}  // namespace merit
