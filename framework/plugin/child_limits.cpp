#include "plugin/child_limits.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>

namespace merit {
namespace {

constexpr uint64_t kMiB = uint64_t{1} << 20;
// Enough descriptors for the plugin's own work, far from the host's.
constexpr rlim_t kMaxDescriptors = 64;

bool set(int resource, rlim_t soft, rlim_t hard) {
    const rlimit limit{soft, hard};
    return ::setrlimit(resource, &limit) == 0;
}

}  // namespace

// The first field of /proc/self/statm, in pages.
uint64_t current_address_space() {
    const int fd = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    char text[64] = {};
    const ssize_t n = ::read(fd, text, sizeof text - 1);
    ::close(fd);
    if (n <= 0) return 0;
    return std::strtoull(text, nullptr, 10) * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
}

std::string apply_child_limits(const PluginOptions& options, uint64_t address_space_at_start) {
    const uint64_t memory = address_space_at_start + options.memory_limit_mb * kMiB;
    if (!set(RLIMIT_AS, memory, memory)) return "memory (RLIMIT_AS)";
    // SIGXCPU at the soft limit, SIGKILL one second later if it is ignored.
    if (!set(RLIMIT_CPU, options.cpu_limit_seconds, options.cpu_limit_seconds + 1)) return "CPU (RLIMIT_CPU)";
    // The kernel counts the child itself, so N new processes need N + 1;
    // 0 refuses every fork.
    const rlim_t processes = options.process_limit == 0 ? 0 : options.process_limit + 1;
    if (!set(RLIMIT_NPROC, processes, processes)) return "processes (RLIMIT_NPROC)";
    const rlim_t file_size = options.file_size_limit_mb * kMiB;
    if (!set(RLIMIT_FSIZE, file_size, file_size)) return "file size (RLIMIT_FSIZE)";
    if (!set(RLIMIT_CORE, 0, 0)) return "core dumps (RLIMIT_CORE)";
    if (!set(RLIMIT_NOFILE, kMaxDescriptors, kMaxDescriptors)) return "descriptors (RLIMIT_NOFILE)";
    return "";
}

}  // namespace merit
