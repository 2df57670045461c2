// Runs the staged `merit` binary, as the end-to-end tests do.
#pragma once

#include <string>

namespace merit_test {

struct CliOutput {
    int status;        // exit status
    std::string text;  // stdout and stderr together
};

// `MERIT_STAGE_DIR/bin/merit <args>` through the shell.
CliOutput run_merit(const std::string& args);

}  // namespace merit_test
