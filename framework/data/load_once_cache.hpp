// Values read from the workspace once per key and shared afterwards, for the
// data services of one run (the inputs do not change during a run).
// Thread-safe: two threads asking for the same key wait for one load; other
// keys load in parallel. A failed load is remembered and rethrown.
#pragma once

#include <chrono>
#include <exception>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace merit {

template <typename Value>
class LoadOnceCache {
public:
    template <typename Load>
    std::shared_ptr<const Value> get(const std::string& key, Load&& load) {
        std::unique_lock lock(mutex_);
        if (auto it = entries_.find(key); it != entries_.end()) {
            const Entry entry = it->second;
            lock.unlock();
            return entry.get();
        }
        std::promise<std::shared_ptr<const Value>> promise;
        const Entry entry = promise.get_future().share();
        entries_.emplace(key, entry);
        lock.unlock();
        try {
            promise.set_value(std::make_shared<const Value>(load()));
        } catch (...) {
            promise.set_exception(std::current_exception());
        }
        return entry.get();
    }

    // Calls f(key, value) for every value loaded so far (not those still
    // loading or whose load failed).
    template <typename F>
    void for_each_loaded(F&& f) {
        std::lock_guard lock(mutex_);
        for (const auto& [key, entry] : entries_) {
            if (entry.wait_for(std::chrono::seconds(0)) != std::future_status::ready) continue;
            try {
                f(key, *entry.get());
            } catch (const std::exception&) {
                // a failed load: nothing to hand out
            }
        }
    }

private:
    using Entry = std::shared_future<std::shared_ptr<const Value>>;
    std::mutex mutex_;
    std::map<std::string, Entry> entries_;
};

}  // namespace merit
