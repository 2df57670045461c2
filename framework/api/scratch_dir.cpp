#include "api/scratch_dir.hpp"

#include <stdlib.h>

#include <string>

#include "common/errors.hpp"

namespace merit::api {

ScratchDir::ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "merit-serve-XXXXXX").string();
    // mkdtemp creates the directory 0700.
    if (!::mkdtemp(pattern.data())) throw UserError("cannot create a temporary directory");
    path_ = pattern;
}

ScratchDir::~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

}  // namespace merit::api
