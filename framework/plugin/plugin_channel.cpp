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

PluginChannel::~PluginChannel() {
    close();
}

PluginChannel& PluginChannel::operator=(PluginChannel&& other) noexcept {
    if (this != &other) {
        close();
        fd_ = other.fd_;
        other.fd_ = -1;
    }
    return *this;
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
        pollfd p{fd_, events, 0};
        const int rc = ::poll(&p, 1, timeout_ms);
        if (rc < 0) {
            if (errno == EINTR) continue;
            return Status::closed;
        }
        if (rc == 0) continue;  // re-check the deadline
        // POLLHUP with data still buffered: read it; the next read sees EOF.
        if (p.revents & events) return Status::ok;
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
    if (size > kMaxMessage) return Status::closed;
    message.assign(size, '\0');
    return read_exactly(message.data(), size);
}

}  // namespace merit
