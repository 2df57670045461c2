#include "plugin/elf_dynamic.hpp"

#include <elf.h>
#include <fmt/format.h>

#include <cstring>

#include "common/errors.hpp"

namespace merit {
namespace {

class Reader {
public:
    Reader(const std::string& bytes, const std::string& origin) : bytes_(bytes), origin_(origin) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw UserError(fmt::format("{}: not a loadable ELF file: {}", origin_, what));
    }

    // A T copied from [offset, offset + sizeof(T)), refused when outside.
    template <typename T>
    T at(uint64_t offset, const char* what) const {
        if (offset > bytes_.size() || bytes_.size() - offset < sizeof(T))
            fail(
                fmt::format("{} at offset {} lies outside the file ({} bytes)", what, offset, bytes_.size()));
        T value;
        std::memcpy(&value, bytes_.data() + offset, sizeof(T));
        return value;
    }

    // The NUL-terminated string at `offset` of a table [table, table + size).
    std::string string_at(uint64_t table, uint64_t size, uint64_t offset) const {
        if (table > bytes_.size() || size > bytes_.size() - table || offset >= size)
            fail(fmt::format("string {} lies outside its table", offset));
        const char* start = bytes_.data() + table + offset;
        const void* end = std::memchr(start, '\0', size - offset);
        if (!end) fail(fmt::format("string {} is not terminated", offset));
        return std::string(start, static_cast<const char*>(end));
    }

private:
    const std::string& bytes_;
    const std::string& origin_;
};

// The file offset of virtual address `vaddr`, through the PT_LOAD segments.
uint64_t file_offset(const Reader& r, const Elf64_Ehdr& eh, uint64_t vaddr) {
    for (uint64_t i = 0; i < eh.e_phnum; ++i) {
        const auto ph = r.at<Elf64_Phdr>(eh.e_phoff + i * sizeof(Elf64_Phdr), "program header");
        if (ph.p_type == PT_LOAD && vaddr >= ph.p_vaddr && vaddr - ph.p_vaddr < ph.p_filesz)
            return ph.p_offset + (vaddr - ph.p_vaddr);
    }
    r.fail(fmt::format("address {:#x} is in no loaded segment", vaddr));
}

void split_dirs(const std::string& list, std::vector<std::string>& out) {
    size_t start = 0;
    while (start <= list.size()) {
        const size_t end = std::min(list.find(':', start), list.size());
        out.push_back(list.substr(start, end - start));
        start = end + 1;
    }
}

}  // namespace

ElfDynamic read_elf_dynamic(const std::string& bytes, const std::string& origin) {
    const Reader r(bytes, origin);
    const auto eh = r.at<Elf64_Ehdr>(0, "ELF header");
    if (std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) r.fail("no ELF magic");
    if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB)
        r.fail("not 64-bit little-endian");
    if (eh.e_type != ET_DYN) r.fail("not a shared object");
    if (eh.e_phentsize != sizeof(Elf64_Phdr)) r.fail(fmt::format("program header size {}", eh.e_phentsize));
    if (eh.e_phoff > bytes.size() || eh.e_phnum > (bytes.size() - eh.e_phoff) / sizeof(Elf64_Phdr))
        r.fail(fmt::format("{} program headers at offset {} do not fit the file", eh.e_phnum, eh.e_phoff));

    ElfDynamic out;
    for (uint64_t i = 0; i < eh.e_phnum; ++i) {
        const auto ph = r.at<Elf64_Phdr>(eh.e_phoff + i * sizeof(Elf64_Phdr), "program header");
        if (ph.p_type != PT_DYNAMIC) continue;
        if (ph.p_offset > bytes.size() || ph.p_filesz > bytes.size() - ph.p_offset)
            r.fail("the dynamic section lies outside the file");
        uint64_t strtab = 0, strsz = 0;
        bool has_strtab = false;
        std::vector<uint64_t> needed, dirs;
        for (uint64_t k = 0; k + sizeof(Elf64_Dyn) <= ph.p_filesz; k += sizeof(Elf64_Dyn)) {
            const auto d = r.at<Elf64_Dyn>(ph.p_offset + k, "dynamic entry");
            if (d.d_tag == DT_NULL) break;
            if (d.d_tag == DT_STRTAB) strtab = d.d_un.d_ptr, has_strtab = true;
            if (d.d_tag == DT_STRSZ) strsz = d.d_un.d_val;
            if (d.d_tag == DT_NEEDED) needed.push_back(d.d_un.d_val);
            if (d.d_tag == DT_RUNPATH || d.d_tag == DT_RPATH) dirs.push_back(d.d_un.d_val);
        }
        if (needed.empty() && dirs.empty()) return out;
        if (!has_strtab) r.fail("a dynamic section without a string table");
        const uint64_t table = file_offset(r, eh, strtab);
        for (const auto offset : needed) out.needed.push_back(r.string_at(table, strsz, offset));
        for (const auto offset : dirs) split_dirs(r.string_at(table, strsz, offset), out.search_dirs);
        return out;
    }
    return out;
}

}  // namespace merit
