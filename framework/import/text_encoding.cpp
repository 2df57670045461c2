#include "import/text_encoding.hpp"

#include <fmt/format.h>
#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "import/csv_reader.hpp"

namespace merit {
namespace {

size_t line_at(std::string_view text, size_t offset) {
    return 1 +
           static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<ptrdiff_t>(offset), '\n'));
}

// Runs iconv over the whole input; on a byte sequence the source encoding
// does not have, the problem names the line (counted in what was converted).
std::optional<DecodeProblem> convert(std::string_view bytes, const std::string& from, std::string& out) {
    iconv_t cd = ::iconv_open("UTF-8", from.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1))
        return DecodeProblem{1,
                             fmt::format("--encoding '{}': not an encoding this system knows (try GBK, "
                                         "GB18030, UTF-16LE, UTF-16BE, WINDOWS-1252; `iconv -l` lists all)",
                                         from)};
    out.assign(bytes.size() * 3 / 2 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());
    size_t in_left = bytes.size();
    size_t used = 0;
    std::optional<DecodeProblem> problem;
    while (in_left > 0) {
        char* dst = out.data() + used;
        size_t dst_left = out.size() - used;
        const size_t rc = ::iconv(cd, &in, &in_left, &dst, &dst_left);
        used = static_cast<size_t>(dst - out.data());
        if (rc != static_cast<size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        const size_t at = bytes.size() - in_left;
        problem = DecodeProblem{
            line_at(std::string_view(out.data(), used), used),
            fmt::format("not {} (byte 0x{:02X} at offset {}{})", from, static_cast<unsigned char>(bytes[at]),
                        at, errno == EINVAL ? ", a character cut off at the end" : "")};
        break;
    }
    ::iconv_close(cd);
    out.resize(used);
    return problem;
}

bool has_prefix(std::string_view bytes, std::string_view prefix) {
    return bytes.substr(0, prefix.size()) == prefix;
}

// The likeliest encoding of bytes that are neither UTF-8 nor GB18030, as the
// name to give --encoding.
std::string likeliest_encoding(std::string_view bytes) {
    const std::string_view sample = bytes.substr(0, 64 * 1024);
    size_t zero_even = 0, zero_odd = 0;
    for (size_t i = 0; i < sample.size(); ++i)
        if (sample[i] == '\0') ++(i % 2 ? zero_odd : zero_even);
    // ASCII text in UTF-16 has a zero in every other byte.
    if (zero_odd > sample.size() / 4) return "UTF-16LE";
    if (zero_even > sample.size() / 4) return "UTF-16BE";
    // Big5 pairs: lead 0x81-0xFE, trail 0x40-0x7E or 0xA1-0xFE; Latin-1's
    // letters stand alone between ASCII bytes.
    size_t single = 0, paired = 0;
    for (size_t i = 0; i < sample.size(); ++i) {
        const auto c = static_cast<unsigned char>(sample[i]);
        if (c < 0x80) continue;
        const auto next = i + 1 < sample.size() ? static_cast<unsigned char>(sample[i + 1]) : 0;
        if (next >= 0x80) {
            ++paired;
            ++i;
        } else {
            ++single;
        }
    }
    return paired > single ? "BIG5" : "WINDOWS-1252";
}

std::string encoding_label(const std::string& name) {
    if (name == "WINDOWS-1252") return "Windows-1252 (Latin-1)";
    if (name == "BIG5") return "Big5 (traditional Chinese)";
    return name + " without a byte-order mark";
}

}  // namespace

bool looks_like_gb18030(std::string_view bytes) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const size_t n = bytes.size();
    size_t gb2312 = 0, other = 0;
    for (size_t i = 0; i < n;) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        if (c == 0x80 || c == 0xFF || i + 1 >= n) return false;
        const unsigned char d = p[i + 1];
        if (d >= 0x30 && d <= 0x39) {  // four bytes: lead, digit, lead, digit
            if (i + 3 >= n || p[i + 2] < 0x81 || p[i + 2] > 0xFE || p[i + 3] < 0x30 || p[i + 3] > 0x39)
                return false;
            ++gb2312;  // only GB18030 writes these: not a Latin-1 accident
            i += 4;
            continue;
        }
        if (d < 0x40 || d == 0x7F || d == 0xFF) return false;
        ++(c >= 0xA1 && d >= 0xA1 ? gb2312 : other);
        i += 2;
    }
    return gb2312 >= other;
}

std::optional<DecodeProblem> decode_text(std::string_view bytes, const std::optional<std::string>& encoding,
                                         DecodedText& out) {
    out.converted.clear();
    if (encoding) {
        std::string name = *encoding;
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return std::toupper(c); });
        out.encoding = name;
        if (name == "UTF-8" || name == "UTF8") {
            out.encoding = "UTF-8";
        } else {
            if (auto problem = convert(bytes, name, out.converted)) return problem;
            bytes = out.converted;
        }
        out.text = bytes;
        if (auto bad = find_invalid_utf8(bytes))
            return DecodeProblem{line_at(bytes, *bad), fmt::format("not UTF-8 (byte 0x{:02X})",
                                                                   static_cast<unsigned char>(bytes[*bad]))};
        return std::nullopt;
    }
    // A byte-order mark says it all.
    for (const auto& [bom, name] : {std::pair{std::string_view("\xFF\xFE", 2), "UTF-16LE"},
                                    std::pair{std::string_view("\xFE\xFF", 2), "UTF-16BE"}}) {
        if (!has_prefix(bytes, bom)) continue;
        out.encoding = name;
        if (auto problem = convert(bytes.substr(2), name, out.converted)) return problem;
        out.text = out.converted;
        return std::nullopt;
    }
    const auto bad = find_invalid_utf8(bytes);
    if (!bad) {
        out.encoding = "UTF-8";
        out.text = bytes;
        return std::nullopt;
    }
    if (looks_like_gb18030(bytes)) {
        out.encoding = "GB18030";  // a superset of GBK and GB2312, byte for byte
        if (auto problem = convert(bytes, "GB18030", out.converted)) return problem;
        out.text = out.converted;
        return std::nullopt;
    }
    const std::string likely = likeliest_encoding(bytes);
    return DecodeProblem{
        line_at(bytes, *bad),
        fmt::format("not UTF-8, UTF-16 or GB18030/GBK (byte 0x{:02X}); it looks like {}: "
                    "import it with --encoding {}",
                    static_cast<unsigned char>(bytes[*bad]), encoding_label(likely), likely)};
}

}  // namespace merit
