#include "support/merit_cli.hpp"

#include <stdlib.h>

#include <array>
#include <cstdio>
#include <stdexcept>

namespace merit_test {

CliOutput run_merit(const std::string& args) {
    const std::string command = std::string(MERIT_STAGE_DIR) + "/bin/merit " + args + " 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + command);
    std::string text;
    std::array<char, 4096> buffer;
    while (size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) text.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    return {WEXITSTATUS(status), text};
}

}  // namespace merit_test
