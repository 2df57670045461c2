#include "plugin/sandbox_seccomp.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sched.h>
#include <seccomp.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>

namespace merit {
namespace {

// Allowed as they are: none of them reaches beyond the process.
constexpr int kAllowed[] = {
    // descriptors it holds
    SCMP_SYS(read),
    SCMP_SYS(write),
    SCMP_SYS(readv),
    SCMP_SYS(writev),
    SCMP_SYS(pread64),
    SCMP_SYS(pwrite64),
    SCMP_SYS(preadv),
    SCMP_SYS(pwritev),
    SCMP_SYS(lseek),
    SCMP_SYS(close),
    SCMP_SYS(fstat),
    SCMP_SYS(newfstatat),
    SCMP_SYS(stat),
    SCMP_SYS(lstat),
    SCMP_SYS(statx),
    SCMP_SYS(fcntl),
    SCMP_SYS(dup),
    SCMP_SYS(dup2),
    SCMP_SYS(dup3),
    SCMP_SYS(ioctl),
    SCMP_SYS(poll),
    SCMP_SYS(ppoll),
    SCMP_SYS(select),
    SCMP_SYS(pselect6),
    SCMP_SYS(sendto),
    SCMP_SYS(recvfrom),
    SCMP_SYS(sendmsg),
    SCMP_SYS(recvmsg),
    SCMP_SYS(getdents64),
    SCMP_SYS(readlink),
    SCMP_SYS(readlinkat),
    SCMP_SYS(access),
    SCMP_SYS(faccessat),
    SCMP_SYS(faccessat2),
    SCMP_SYS(getcwd),
    // A pipe connects the process to itself only (it cannot start another).
    // The sanitizers' runtimes probe whether memory is readable by writing it
    // into one; the same filter ships and is tested under them.
    SCMP_SYS(pipe),
    SCMP_SYS(pipe2),
    // memory
    SCMP_SYS(brk),
    SCMP_SYS(mmap),
    SCMP_SYS(munmap),
    SCMP_SYS(mprotect),
    SCMP_SYS(mremap),
    SCMP_SYS(madvise),
    SCMP_SYS(mincore),
    SCMP_SYS(msync),
    // threads and waiting
    SCMP_SYS(futex),
    SCMP_SYS(set_robust_list),
    SCMP_SYS(get_robust_list),
    SCMP_SYS(rseq),
    SCMP_SYS(set_tid_address),
    SCMP_SYS(sched_yield),
    SCMP_SYS(sched_getaffinity),
    SCMP_SYS(nanosleep),
    SCMP_SYS(clock_nanosleep),
    SCMP_SYS(membarrier),
    // time, identity, randomness, limits (reading)
    SCMP_SYS(clock_gettime),
    SCMP_SYS(clock_getres),
    SCMP_SYS(gettimeofday),
    SCMP_SYS(time),
    SCMP_SYS(getpid),
    SCMP_SYS(gettid),
    SCMP_SYS(getppid),
    SCMP_SYS(getuid),
    SCMP_SYS(geteuid),
    SCMP_SYS(getgid),
    SCMP_SYS(getegid),
    SCMP_SYS(getpgrp),
    SCMP_SYS(getrandom),
    SCMP_SYS(uname),
    SCMP_SYS(getrlimit),
    SCMP_SYS(getrusage),
    SCMP_SYS(times),
    SCMP_SYS(sysinfo),
    // signals (to itself: kill and tgkill are below)
    SCMP_SYS(rt_sigreturn),
    SCMP_SYS(rt_sigaction),
    SCMP_SYS(rt_sigprocmask),
    SCMP_SYS(sigaltstack),
    SCMP_SYS(rt_sigpending),
    SCMP_SYS(rt_sigtimedwait),
    SCMP_SYS(restart_syscall),
    // ending
    SCMP_SYS(exit),
    SCMP_SYS(exit_group),
};

// What opening a file may not ask for: write access, creating, truncating,
// appending, or an anonymous temporary file.
constexpr scmp_datum_t kWriteFlags = O_ACCMODE | O_CREAT | O_TRUNC | O_APPEND | __O_TMPFILE;

struct Filter {
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
    ~Filter() {
        if (ctx) seccomp_release(ctx);
    }
};

}  // namespace

std::string install_system_call_filter() {
    Filter filter;
    if (!filter.ctx) return "seccomp_init failed";
    int rc = 0;
    auto allow = [&](int call, unsigned count, const scmp_arg_cmp* args) {
        if (rc == 0) rc = seccomp_rule_add_array(filter.ctx, SCMP_ACT_ALLOW, call, count, args);
    };
    for (int call : kAllowed) allow(call, 0, nullptr);
    // Opening read-only (the dynamic loader reads the libraries).
    const scmp_arg_cmp open_flags = SCMP_A1(SCMP_CMP_MASKED_EQ, kWriteFlags, O_RDONLY);
    allow(SCMP_SYS(open), 1, &open_flags);
    const scmp_arg_cmp openat_flags = SCMP_A2(SCMP_CMP_MASKED_EQ, kWriteFlags, O_RDONLY);
    allow(SCMP_SYS(openat), 1, &openat_flags);
    // Threads, never processes; clone3 cannot be inspected, so glibc is told
    // it does not exist and uses clone.
    const scmp_arg_cmp thread = SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD);
    allow(SCMP_SYS(clone), 1, &thread);
    if (rc == 0) rc = seccomp_rule_add(filter.ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
    // Signals to itself only (raise, abort, pthread_kill).
    const auto self = static_cast<scmp_datum_t>(::getpid());
    const scmp_arg_cmp to_self = SCMP_A0(SCMP_CMP_EQ, self);
    allow(SCMP_SYS(kill), 1, &to_self);
    allow(SCMP_SYS(tgkill), 1, &to_self);
    // Limits may be read, not raised.
    const scmp_arg_cmp read_only_limit = SCMP_A2(SCMP_CMP_EQ, 0);
    allow(SCMP_SYS(prlimit64), 1, &read_only_limit);
    // Naming its threads.
    const scmp_arg_cmp name = SCMP_A0(SCMP_CMP_EQ, PR_SET_NAME);
    allow(SCMP_SYS(prctl), 1, &name);
    if (rc != 0) return fmt::format("seccomp rule: {}", ::strerror(-rc));
    rc = seccomp_load(filter.ctx);
    if (rc != 0) return fmt::format("seccomp_load: {}", ::strerror(-rc));
    return "";
}

}  // namespace merit
