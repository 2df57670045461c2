// Errors the host reports to users. Each carries one line that names the
// file and line, the JSON path or the plugin it is about.
#pragma once

#include <stdexcept>
#include <string>

namespace merit {

// Bad input, a failed check or a failed run: `merit: error: ...`, exit 1.
class UserError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The command line itself is wrong: exit 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace merit
