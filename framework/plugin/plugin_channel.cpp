#include "plugin/plugin_channel.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>

namespace merit {
namespace {

// Larger than any column set a run passes; a longer length is corruption.
constexpr uint32_t kMaxMessage = 1u << 30;

}  // namespace

PluginChannel::PluginChannel(int fd) : fd_(fd), max_message_(kMaxMessage) {}

PluginChannel::~PluginChannel() {
    close();
}

PluginChannel& PluginChannel::operator=(PluginChannel&& other) noexcept {
    if (this != &other) {
        close();
        fd_ = other.fd_;
        max_message_ = other.max_message_;
        output_fd_ = other.output_fd_;
        output_sink_ = std::move(other.output_sink_);
        other.fd_ = -1;
        other.output_fd_ = -1;
    }
    return *this;
}

void PluginChannel::watch_output(int fd, std::function<void(std::string_view)> sink) {
    output_fd_ = fd;
    output_sink_ = std::move(sink);
}

bool PluginChannel::read_output() {
    char buffer[4096];
    const ssize_t n = ::read(output_fd_, buffer, sizeof buffer);
    if (n > 0) {
        if (output_sink_) output_sink_(std::string_view(buffer, static_cast<size_t>(n)));
        return true;
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) return true;
    output_fd_ = -1;  // the pipe's end: nothing more will come
    return false;
}

void PluginChannel::drain_output() {
    while (output_fd_ >= 0) {
        pollfd p{output_fd_, POLLIN, 0};
        if (::poll(&p, 1, 0) <= 0) return;
        if (!read_output()) return;
    }
}

void PluginChannel::close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

PluginChannel::Status PluginChannel::wait(short events, Deadline deadline) {
    for (;;) {
        int timeout_ms = -1;
        if (deadline) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now()).count();
            if (left <= 0) return Status::timed_out;
            timeout_ms = static_cast<int>(std::min<long long>(left, 1 << 30));
        }
        pollfd p[2] = {{fd_, events, 0}, {output_fd_, POLLIN, 0}};
        const int rc = ::poll(p, output_fd_ >= 0 ? 2 : 1, timeout_ms);
        if (rc < 0) {
            if (errno == EINTR) continue;
            return Status::closed;
        }
        if (rc == 0) continue;  // re-check the deadline
        if (output_fd_ >= 0 && p[1].revents) {
            read_output();
            if (!p[0].revents) continue;
        }
        // POLLHUP with data still buffered: read it; the next read sees EOF.
        if (p[0].revents & events) return Status::ok;
        return Status::closed;
    }
}

PluginChannel::Status PluginChannel::send(const std::string& message, Deadline deadline) {
    if (fd_ < 0 || message.size() > kMaxMessage) return Status::closed;
    const uint32_t size = static_cast<uint32_t>(message.size());
    std::string frame(4, '\0');
    for (int i = 0; i < 4; ++i) frame[i] = static_cast<char>((size >> (8 * i)) & 0xff);
    frame += message;
    size_t sent = 0;
    while (sent < frame.size()) {
        if (const Status s = wait(POLLOUT, deadline); s != Status::ok) return s;
        const ssize_t n = ::send(fd_, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
            return Status::closed;
        }
        sent += static_cast<size_t>(n);
    }
    return Status::ok;
}

PluginChannel::Status PluginChannel::receive(std::string& message, Deadline deadline) {
    if (fd_ < 0) return Status::closed;
    auto read_exactly = [&](char* into, size_t size) {
        size_t got = 0;
        while (got < size) {
            if (const Status s = wait(POLLIN, deadline); s != Status::ok) return s;
            const ssize_t n = ::recv(fd_, into + got, size - got, MSG_DONTWAIT);
            if (n == 0) return Status::closed;
            if (n < 0) {
                if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
                return Status::closed;
            }
            got += static_cast<size_t>(n);
        }
        return Status::ok;
    };
    unsigned char header[4];
    if (const Status s = read_exactly(reinterpret_cast<char*>(header), 4); s != Status::ok) return s;
    uint32_t size = 0;
    for (int i = 0; i < 4; ++i) size |= static_cast<uint32_t>(header[i]) << (8 * i);
    if (size > max_message_) return Status::closed;
    message.assign(size, '\0');
    return read_exactly(message.data(), size);
}

}  // namespace merit
