// A scheme problem as --json and the API give it: where, a stable code, and
// the sentence for people. The validator words each problem as one line
// "PATH: message" (what people read); the code is derived here from that
// wording, in one table, so the text and the code cannot disagree.
#pragma once

#include <string>

namespace merit {

struct SchemeProblem {
    std::string path;     // a JSON path ("dimensions[0].weight"), or "file:line:column"
    std::string code;     // one of the codes in the README ("missing", "wrong_type", ...)
    std::string message;  // the line without its path
};

SchemeProblem split_problem(const std::string& line);

}  // namespace merit
