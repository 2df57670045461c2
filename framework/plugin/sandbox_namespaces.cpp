#include "plugin/sandbox_namespaces.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <linux/capability.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

namespace merit {
namespace {

std::string failed(const std::string& what) {
    return fmt::format("{}: {}", what, ::strerror(errno));
}

void add_reason(SandboxLayers& held, const std::string& layer, const std::string& why) {
    held.why += (held.why.empty() ? "" : "; ") + layer + ": " + why;
}

bool write_text(const char* path, const std::string& text) {
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    return ok;
}

// Root inside is Merit's own user outside, and nobody else exists.
std::string enter_user_namespace() {
    const uid_t uid = ::getuid();
    const gid_t gid = ::getgid();
    if (::unshare(CLONE_NEWUSER) != 0) return failed("unshare(CLONE_NEWUSER)");
    // A process that is not dumpable (a fork of the host while another
    // child runs) has its /proc files owned by the real root: writable for a
    // moment, so that its own maps can be written.
    const int dumpable = ::prctl(PR_GET_DUMPABLE);
    ::prctl(PR_SET_DUMPABLE, 1);
    std::string why;
    if (!write_text("/proc/self/setgroups", "deny") && errno != ENOENT) why = failed("setgroups");
    if (why.empty() && !write_text("/proc/self/uid_map", fmt::format("0 {} 1", uid))) why = failed("uid_map");
    if (why.empty() && !write_text("/proc/self/gid_map", fmt::format("0 {} 1", gid))) why = failed("gid_map");
    ::prctl(PR_SET_DUMPABLE, dumpable);
    return why;
}

// What the new root shows, opened (O_PATH) before anything is mounted.
struct Shown {
    std::string path;         // inside the sandbox, the same as outside
    std::string link_target;  // a symbolic link (/lib -> usr/lib) is recreated
    int fd = -1;
    bool directory = false;
};

bool under(const std::string& path, const std::string& dir) {
    return path == dir ||
           (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/');
}

// Creates `path` and its parents inside the new root (still writable).
bool make_parents(const std::string& path) {
    for (size_t slash = path.find('/', 1); slash != std::string::npos; slash = path.find('/', slash + 1))
        if (::mkdir(path.substr(0, slash).c_str(), 0755) != 0 && errno != EEXIST) return false;
    return true;
}

// A read-only bind of `fd` at `target`, keeping the flags a user namespace
// may not drop (nosuid, nodev, noexec, atime) and adding nosuid and nodev.
bool bind_read_only(int fd, const std::string& target) {
    const std::string source = fmt::format("/proc/self/fd/{}", fd);
    if (::mount(source.c_str(), target.c_str(), nullptr, MS_BIND, nullptr) != 0) return false;
    struct statvfs fs {};
    if (::statvfs(target.c_str(), &fs) != 0) return false;
    unsigned long flags = MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV;
    if (fs.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
    if (fs.f_flag & ST_NOATIME) flags |= MS_NOATIME;
    if (fs.f_flag & ST_NODIRATIME) flags |= MS_NODIRATIME;
    if (fs.f_flag & ST_RELATIME) flags |= MS_RELATIME;
    return ::mount(nullptr, target.c_str(), nullptr, flags, nullptr) == 0;
}

// An existing directory to mount the new root on; it is hidden only inside
// the child's own mount namespace.
// Copies the checked bytes (from the start of the sealed memory file).
std::string copy_image(int image_fd, const std::string& target) {
    const int out = ::open(target.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0555);
    if (out < 0) return failed("create " + target);
    off_t offset = 0;
    std::string why;
    for (;;) {
        const ssize_t n = ::sendfile(out, image_fd, &offset, 1 << 20);
        if (n == 0) break;
        if (n < 0) {
            why = failed("copy the plugin's bytes");
            break;
        }
    }
    ::close(out);
    return why;
}

const char* root_mount_point() {
    for (const char* dir : {"/tmp", "/mnt", "/media", "/srv", "/opt"}) {
        struct stat st {};
        if (::lstat(dir, &st) == 0 && S_ISDIR(st.st_mode)) return dir;
    }
    return nullptr;
}

std::string build_root(const SandboxView& view, std::string& library) {
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return failed("making / private");
    std::vector<Shown> shown;
    std::vector<std::string> system_dirs;
    for (const char* path : {"/usr", "/lib", "/lib64", "/lib32", "/libx32", "/etc/ld.so.cache"}) {
        struct stat st {};
        if (::lstat(path, &st) != 0) continue;
        Shown s{path, "", -1, S_ISDIR(st.st_mode)};
        if (S_ISLNK(st.st_mode)) {
            char target[4096] = {};
            if (::readlink(path, target, sizeof target - 1) <= 0) continue;
            s.link_target = target;
        } else {
            s.fd = ::open(path, O_PATH | O_CLOEXEC);
            if (s.fd < 0) return failed(fmt::format("open {}", path));
            if (s.directory) system_dirs.emplace_back(path);
        }
        shown.push_back(s);
    }
    std::string folder;
    if (!view.plugin_path.empty()) {
        folder = view.plugin_path.parent_path().string();
        bool inside_system = false;
        for (const auto& dir : system_dirs) inside_system = inside_system || under(folder, dir);
        if (!inside_system) {
            Shown s{folder, "", ::open(folder.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC), true};
            if (s.fd < 0) return failed(fmt::format("open {}", folder));
            shown.push_back(s);
        }
    }
    const char* point = root_mount_point();
    if (!point) return "no directory to mount the sandbox's root on";
    const std::string root = point;
    struct stat image {};
    if (view.image_fd >= 0 && ::fstat(view.image_fd, &image) != 0) return failed("fstat the plugin's bytes");
    const std::string size = fmt::format("size={},mode=0755", image.st_size + (1 << 20));
    if (::mount("merit-sandbox", point, "tmpfs", MS_NOSUID | MS_NODEV, size.c_str()) != 0)
        return failed("mount tmpfs");
    std::string why;
    for (const auto& s : shown) {
        const std::string target = root + s.path;
        if (why.empty() && !make_parents(target)) why = failed(fmt::format("mkdir {}", target));
        if (!why.empty()) break;
        if (!s.link_target.empty()) {
            if (::symlink(s.link_target.c_str(), target.c_str()) != 0) why = failed("symlink " + s.path);
            continue;
        }
        const int made = s.directory ? ::mkdir(target.c_str(), 0755)
                                     : ::close(::open(target.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0444));
        if (made != 0 && errno != EEXIST) why = failed("create " + target);
        if (why.empty() && !bind_read_only(s.fd, target)) why = failed("bind " + s.path);
    }
    for (const auto& s : shown)
        if (s.fd >= 0) ::close(s.fd);
    if (!why.empty()) return why;
    if (view.image_fd >= 0) {
        // A copy of the sealed bytes on the sandbox's own tmpfs (a memory
        // file cannot be bind-mounted), shown at the plugin's own path too
        // when it is still there, so $ORIGIN is its folder.
        const std::string copy = "/.merit-plugin/" + view.plugin_path.filename().string();
        if (!make_parents(root + copy)) return failed("mkdir " + copy);
        if (const std::string why_copy = copy_image(view.image_fd, root + copy); !why_copy.empty())
            return why_copy;
        library = copy;
        struct stat st {};
        const std::string real = root + view.plugin_path.string();
        if (::stat(real.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
            const int fd = ::open((root + copy).c_str(), O_PATH | O_CLOEXEC);
            const bool bound = fd >= 0 && bind_read_only(fd, real);
            if (fd >= 0) ::close(fd);
            if (!bound) return failed("bind the plugin's bytes");
            library = view.plugin_path.string();
        }
    }
    if (::chdir(point) != 0 || ::mkdir(".old", 0700) != 0) return failed("prepare pivot_root");
    if (::syscall(SYS_pivot_root, ".", ".old") != 0) return failed("pivot_root");
    if (::chdir("/") != 0 || ::umount2("/.old", MNT_DETACH) != 0 || ::rmdir("/.old") != 0)
        return failed("leave the old root");
    if (::mount(nullptr, "/", nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, nullptr) != 0)
        return failed("make the root read-only");
    return "";
}

}  // namespace

std::string enter_namespaces(const SandboxView& view, const SandboxLayers& want, SandboxLayers& held) {
    // Not "/proc/self/fd/N": the dynamic loader knows loaded objects by name,
    // and the host (whose fork this is) may have loaded an in-process plugin
    // under that very name.
    std::string library = view.image_fd >= 0 ? fmt::format("/proc/thread-self/fd/{}", view.image_fd) : "";
    if (want.user) {
        const std::string why = enter_user_namespace();
        held.user = why.empty();
        if (!held.user) add_reason(held, "user namespace", why);
    }
    if (want.mount) {
        std::string why = ::unshare(CLONE_NEWNS) == 0 ? "" : failed("unshare(CLONE_NEWNS)");
        if (why.empty()) why = build_root(view, library);
        held.mount = why.empty();
        if (!held.mount && view.image_fd >= 0)
            library = fmt::format("/proc/thread-self/fd/{}", view.image_fd);
        if (!held.mount) add_reason(held, "mount namespace", why);
    }
    if (want.network) {
        held.network = ::unshare(CLONE_NEWNET) == 0;
        if (!held.network) add_reason(held, "network namespace", failed("unshare(CLONE_NEWNET)"));
    }
    if (want.pid) {
        held.pid = ::unshare(CLONE_NEWPID) == 0;
        if (!held.pid) add_reason(held, "pid namespace", failed("unshare(CLONE_NEWPID)"));
    }
    return library;
}

std::string drop_privileges() {
    // The bounding set first (it needs CAP_SETPCAP, dropped last).
    for (int cap = 0; cap < 64; ++cap)
        if (::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL && errno != EPERM)
            return failed("PR_CAPBSET_DROP");
    ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2] = {};
    if (::syscall(SYS_capset, &header, data) != 0) return failed("capset");
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return failed("PR_SET_NO_NEW_PRIVS");
    return "";
}

}  // namespace merit
