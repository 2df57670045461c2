// The exact bytes of a plugin file the host read and hashed, in a sealed
// anonymous memory file: nothing can change them afterwards (no writes, no
// resizing, the seals themselves fixed), so whatever loads them, the host or
// an isolated plugin's sandbox, loads what was checked, with no window for a
// swap on disk between the check and the load.
#pragma once

#include <string>

namespace merit {

class PluginImage {
public:
    // Throws UserError when the kernel refuses the memory file.
    PluginImage(const std::string& bytes, const std::string& plugin_id);
    ~PluginImage();
    PluginImage(const PluginImage&) = delete;
    PluginImage& operator=(const PluginImage&) = delete;

    int fd() const { return fd_; }
    // "/proc/self/fd/N", for the dynamic loader in this process.
    std::string path() const;

private:
    int fd_ = -1;
};

}  // namespace merit
