// What a component reads of other runs through the 1.1 services, for one
// component call: the rows it names, and the record of each read in the
// call's trace (the reading run's provenance). The host's run services and
// the test harnesses' fakes share it, so both follow one rule.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/stored_run_reader.hpp"
#include "plugin/services.hpp"

namespace merit {

class OtherRunReads {
public:
    // `call_ids`: the call's managers, row by row; outlives this object.
    OtherRunReads(StoredRunReader& runs, const std::vector<std::string>& call_ids, TraceSink* trace)
        : runs_(&runs), call_ids_(call_ids), trace_(trace) {}

    std::string latest(merit_context& ctx, const char* scheme, const char* on_or_before);
    void column(merit_context& ctx, const char* scheme, const char* period, const char* column,
                const char* const* ids, size_t count, double* out, unsigned char* valid);
    void text(merit_context& ctx, const char* scheme, const char* period, const char* column,
              const char* const* ids, size_t count, const char** out);

private:
    std::shared_ptr<const StoredRun> read_run(const char* scheme, const char* period,
                                              const char* service) const;
    // The manager of each row read: `ids`, or the call's own.
    std::vector<std::string> rows_read(const char* const* ids, size_t count, const char* service) const;
    // A read of other managers' results: one note on each row of the call,
    // once per run and column.
    void note_read(merit_context& ctx, const StoredRun& run, const std::string& column, size_t managers);
    StoredRunReader* runs_;
    const std::vector<std::string>& call_ids_;
    TraceSink* trace_;
    std::set<std::string> reads_noted_;
};

}  // namespace merit
