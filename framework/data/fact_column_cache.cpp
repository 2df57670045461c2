#include "data/fact_column_cache.hpp"

#include <exception>

namespace merit {

std::shared_ptr<const FactColumns> FactColumnCache::get(sqlite3* db, const std::string& entity,
                                                        const std::string& metric) {
    std::unique_lock lock(mutex_);
    const auto key = std::make_pair(entity, metric);
    if (auto it = entries_.find(key); it != entries_.end()) {
        const Entry entry = it->second;
        lock.unlock();
        return entry.get();  // waits while another thread reads it; rethrows its failure
    }
    std::promise<std::shared_ptr<const FactColumns>> promise;
    const Entry entry = promise.get_future().share();
    entries_.emplace(key, entry);
    lock.unlock();
    try {
        promise.set_value(std::make_shared<const FactColumns>(load_fact_columns(db, entity, metric)));
    } catch (...) {
        promise.set_exception(std::current_exception());
    }
    return entry.get();
}

}  // namespace merit
