#include "plugin/plugin_image.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>

#include "common/errors.hpp"

namespace merit {

PluginImage::PluginImage(const std::string& bytes, const std::string& plugin_id) {
    fd_ = ::memfd_create(("merit-plugin-" + plugin_id).c_str(), MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd_ < 0)
        throw UserError(fmt::format("cannot create an in-memory file for loading: {}", ::strerror(errno)));
    size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
        if (n <= 0) {
            ::close(fd_);
            throw UserError("cannot write the plugin into memory");
        }
        written += static_cast<size_t>(n);
    }
    if (::fcntl(fd_, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0) {
        const int error = errno;
        ::close(fd_);
        throw UserError(fmt::format("cannot seal the plugin's in-memory file: {}", ::strerror(error)));
    }
}

PluginImage::~PluginImage() {
    if (fd_ >= 0) ::close(fd_);
}

std::string PluginImage::path() const {
    return fmt::format("/proc/self/fd/{}", fd_);
}

}  // namespace merit
