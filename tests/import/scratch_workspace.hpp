// A fresh workspace in its own temporary directory, with helpers to write CSV
// files next to it and to read table contents back. Removed afterwards.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "store/sqlite.hpp"
#include "store/workspace.hpp"

namespace merit::testing {

class ScratchWorkspace {
public:
    ScratchWorkspace() {
        std::string pattern = (std::filesystem::temp_directory_path() / "merit-test-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        dir_ = pattern;
        ws_.emplace(Workspace::create(path()));
    }
    ~ScratchWorkspace() {
        ws_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }

    const std::filesystem::path& dir() const { return dir_; }
    std::filesystem::path path() const { return dir_ / "ws.merit"; }
    Workspace& ws() { return *ws_; }
    void close() { ws_.reset(); }
    void reopen() { ws_.emplace(Workspace::open(path())); }

    // Writes `text` (byte for byte) to dir/name and returns the path.
    std::filesystem::path write(const std::string& name, const std::string& text) const {
        const auto file = dir_ / name;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }

    // Every row of `sql` as "a|b|c" lines, NULL as "∅".
    std::string dump(const std::string& sql) {
        Statement stmt(ws_->db(), sql);
        std::string out;
        while (stmt.step()) {
            for (int c = 0; c < stmt.column_count(); ++c) {
                if (c) out += '|';
                out += stmt.is_null(c) ? std::string("∅") : stmt.text(c);
            }
            out += '\n';
        }
        return out;
    }

    std::string file_bytes() const {
        std::ifstream in(path(), std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

private:
    std::filesystem::path dir_;
    std::optional<Workspace> ws_;
};

}  // namespace merit::testing
