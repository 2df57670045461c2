// The host's guard rails on what a component hands back: every indicator
// value, score and pay amount must be a possible one. A violation fails the
// call with one line naming the component, the operation and the manager, e.g.
//   acme.visits: compute: manager M001: value is not finite (nan)
// and the run stores nothing (the engine stores only after every step passed).
#pragma once

#include <merit/plugin.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace merit {

// Scores live on a 0..100 scale; a cap above 100 rewards over-achievement,
// but nothing a scheme means reaches ten times the scale.
inline constexpr double kMinScore = 0.0;
inline constexpr double kMaxScore = 1000.0;

// "nan", "inf" or "-inf"; empty for a finite value.
std::string non_finite_name(double value);

// An indicator column: every row written (valid is 0 or 1, not the host's
// MERIT_VALID_UNWRITTEN mark) and every valid value finite. Normalises any
// other non-zero valid byte to 1.
void check_indicator_column(const std::string& component, const merit_scope& scope, const double* values,
                            unsigned char* valid);

// A score column: finite and within [kMinScore, kMaxScore].
void check_score_column(const std::string& component, const char* const* manager_ids, size_t count,
                        const double* scores);

// One pay line: within ±kMaxPayLineFen (merit/money.hpp). The message names
// the manager; the caller adds the component.
void check_pay_line(const std::string& manager_id, int64_t amount_fen);

// a + b in fen for the pay of `manager_id`, refusing an int64 overflow
// instead of wrapping; the message is only built when it overflows, since
// this runs once per pay line.
int64_t add_fen(int64_t a, int64_t b, std::string_view manager_id);

}  // namespace merit
