// The workspace as it was when a run was made, for recomputing it (issue 15
// point 4): a private copy whose input tables hold the data of the run's
// pinned version (store/data_history.hpp: the live rows written by then plus
// the history rows that held then) and whose runs are only those stored
// before it, since earlier runs' carried state is an input too.
//
// The copy lives beside the workspace (same owner, same file system), is
// created 0600 like the workspace and removed when this object goes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "store/workspace.hpp"

namespace merit {

class AsOfCopy {
public:
    // Copies `ws` (VACUUM INTO) and rolls the copy back to `data_version`,
    // keeping the runs with an id below `before_run`.
    AsOfCopy(const Workspace& ws, int64_t data_version, int64_t before_run);
    ~AsOfCopy();
    AsOfCopy(const AsOfCopy&) = delete;
    AsOfCopy& operator=(const AsOfCopy&) = delete;

    Workspace& workspace() { return *copy_; }

private:
    std::filesystem::path path_;
    std::optional<Workspace> copy_;
};

}  // namespace merit
