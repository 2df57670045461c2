// Where a command's text goes (the conventions people bring from git or
// cargo): what the command is for on stdout; messages meant for people
// (created, wrote, stored as run N, counts) on stdout at a terminal and on
// stderr when stdout is a pipe or a file, so a program reading stdout gets
// only the data; progress and log lines on stderr only.
#pragma once

#include <spdlog/sinks/sink.h>

#include <iosfwd>
#include <memory>

namespace merit {

bool stdout_is_terminal();
bool stderr_is_terminal();

// Messages for people: std::cout at a terminal, else std::cerr.
std::ostream& people();

// Progress lines on stderr, redrawn in place, when stderr is a terminal.
void show_progress_on_terminal();

// Log lines on stderr as `merit: warning: ...` (no timestamp: the log file
// has those), taking any progress line away first.
std::shared_ptr<spdlog::sinks::sink> stderr_log_sink();

}  // namespace merit
