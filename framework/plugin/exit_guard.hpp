// An in-process plugin that calls exit() (or quick_exit()) would end `merit run`
// with the plugin's status -- 0 for exit(0) -- and no word of why. While a
// component call is active, an ExitGuard is alive for it; the exit hooks then
// print one line naming the component and end the process with status 1.
// Nothing is stored: the run's results are written only after every step.
// (_exit() and signals bypass these hooks; process isolation covers those.)
#pragma once

#include <string>

namespace merit {

class ExitGuard {
public:
    ExitGuard(const std::string& component, const char* operation);
    ~ExitGuard();
    ExitGuard(const ExitGuard&) = delete;
    ExitGuard& operator=(const ExitGuard&) = delete;

private:
    size_t slot_;
};

}  // namespace merit
