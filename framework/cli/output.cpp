#include "cli/output.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/base_sink.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <mutex>

#include "common/progress.hpp"
#include "engine/text_table.hpp"

namespace merit {
namespace {

// Terminal columns of stderr; 0 when unknown.
size_t terminal_columns() {
    winsize size{};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_col;
}

std::string progress_text(const ProgressState& s) {
    std::string text = s.title;
    if (s.count) text += fmt::format(": {} {}", s.count, s.unit);
    if (s.total) text += fmt::format(" ({}%)", std::min<uint64_t>(100, s.done * 100 / s.total));
    return text;
}

// A line wider than the terminal would wrap, and "\r" would then redraw only
// its last part.
std::string fit_to_terminal(std::string text) {
    const size_t columns = terminal_columns();
    if (columns < 2) return text;
    size_t bytes = text.size();
    while (bytes && display_width(std::string_view(text).substr(0, bytes)) > columns - 1)
        bytes = utf8_prefix(text, bytes - 1).size();
    text.resize(bytes);
    return text;
}

void draw_on_stderr(const ProgressState* state) {
    // "\r" to the line's start, ESC[K clears to its end.
    const std::string line = state ? fit_to_terminal(progress_text(*state)) : std::string();
    std::fputs(("\r\033[K" + line).c_str(), stderr);
    std::fflush(stderr);
}

class StderrLogSink final : public spdlog::sinks::base_sink<std::mutex> {
protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        spdlog::memory_buf_t text;
        formatter_->format(msg, text);
        clear_progress();
        std::fwrite(text.data(), 1, text.size(), stderr);
        std::fflush(stderr);
    }
    void flush_() override { std::fflush(stderr); }
};

}  // namespace

bool stdout_is_terminal() {
    static const bool terminal = ::isatty(STDOUT_FILENO) == 1;
    return terminal;
}

bool stderr_is_terminal() {
    static const bool terminal = ::isatty(STDERR_FILENO) == 1;
    return terminal;
}

std::ostream& people() {
    return stdout_is_terminal() ? std::cout : std::cerr;
}

void show_progress_on_terminal() {
    if (stderr_is_terminal()) set_progress_display(&draw_on_stderr);
}

std::shared_ptr<spdlog::sinks::sink> stderr_log_sink() {
    auto sink = std::make_shared<StderrLogSink>();
    sink->set_pattern("merit: %l: %v");
    return sink;
}

}  // namespace merit
