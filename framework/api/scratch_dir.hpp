// A private (0700) temporary directory, removed with everything in it when
// the object goes: where uploads and report files are written on their way.
#pragma once

#include <filesystem>

namespace merit::api {

class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace merit::api
