// Writes a drawn Bank as the contract's CSV files (org_units, managers,
// customers, assignments, metrics, facts, events, targets, ratings).
#pragma once

#include "bank_model.hpp"

namespace bench {

struct WrittenRows {
    long long org_units = 0, managers = 0, customers = 0, assignments = 0, metrics = 0, facts = 0, events = 0,
              targets = 0, ratings = 0;
};

WrittenRows write_workspace(const Bank& bank);

}  // namespace bench
