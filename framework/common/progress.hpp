// Progress of long work (an import, a run). The work says what it is doing;
// where that goes is the command line's decision: a line on stderr redrawn in
// place when stderr is a terminal, and otherwise nowhere. Progress is never
// part of a command's output or of the log.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace merit {

struct ProgressState {
    std::string title;             // "import facts.csv (file 3 of 9)", "run: scores (stage 3 of 7)"
    uint64_t count = 0;            // things done so far (rows, managers); 0: nothing to count
    std::string unit;              // what `count` counts: "rows", "managers"
    uint64_t done = 0, total = 0;  // how far along (bytes read, ...); total 0: unknown
};

// Receives the state to show, or nullptr to take the line away. Calls are
// serialized and at most ten a second, plus one when work starts or ends.
using ProgressDisplay = std::function<void(const ProgressState*)>;

// Where progress goes from now on; an empty display (the default): nowhere.
void set_progress_display(ProgressDisplay display);

// Takes the line away (before other text is written to the same terminal);
// the next update draws it again.
void clear_progress();

// One piece of long work, shown from construction until destruction. Cheap
// when nothing displays progress; update() may be called from any thread and
// in a hot loop (it draws at most ten times a second).
class ProgressTask {
public:
    explicit ProgressTask(std::string title, std::string unit = {});
    ~ProgressTask();
    ProgressTask(const ProgressTask&) = delete;
    ProgressTask& operator=(const ProgressTask&) = delete;

    void update(uint64_t count, uint64_t done = 0, uint64_t total = 0);
    // The next step of the same work ("run: rewards (stage 5 of 7)"), with
    // its count so far; drawn at once.
    void retitle(std::string title, uint64_t count = 0);

private:
    ProgressState state_;
};

}  // namespace merit
