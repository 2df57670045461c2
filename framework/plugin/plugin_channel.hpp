// One end of the socket between the host and an isolated plugin process:
// whole messages (a 4-byte length, then the bytes), sent and received with
// an optional deadline. The host never blocks past its deadline and never
// gets SIGPIPE when the other side has died.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace merit {

class PluginChannel {
public:
    using Clock = std::chrono::steady_clock;
    // nullopt: wait as long as it takes.
    using Deadline = std::optional<Clock::time_point>;

    enum class Status { ok, closed, timed_out };

    explicit PluginChannel(int fd = -1) : fd_(fd) {}
    ~PluginChannel();
    PluginChannel(PluginChannel&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    PluginChannel& operator=(PluginChannel&& other) noexcept;
    PluginChannel(const PluginChannel&) = delete;
    PluginChannel& operator=(const PluginChannel&) = delete;

    // `closed`: the other side is gone (or the message could not be sent).
    Status send(const std::string& message, Deadline deadline = std::nullopt);
    Status receive(std::string& message, Deadline deadline = std::nullopt);

    int fd() const { return fd_; }
    void close();

private:
    Status wait(short events, Deadline deadline);
    int fd_ = -1;
};

}  // namespace merit
