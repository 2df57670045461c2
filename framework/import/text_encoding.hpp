// The character encoding of an input file, and its text as UTF-8 (stored
// text is always UTF-8). Files as Chinese organisations' systems write them:
// UTF-8 with or without a BOM, UTF-16 LE/BE with a BOM (Excel's "Unicode
// text"), GB18030 / GBK / GB2312 (Excel's CSV in a Chinese locale). UTF-8 is
// only validated, never copied, so the common case costs one scan.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace merit {

struct DecodedText {
    std::string_view text;  // UTF-8: into the input bytes, or into `converted`
    std::string converted;  // owns the text when a conversion ran
    std::string encoding;   // "UTF-8", "UTF-16LE", "GB18030", or what --encoding named
};

// Why a file could not be read as text: the message (the tail of
// `file:line: row: ...`) and the 1-based line it concerns.
struct DecodeProblem {
    size_t line;
    std::string message;
};

// Decodes `bytes`: with `encoding` (an iconv name: GBK, GB18030, UTF-16LE,
// WINDOWS-1252 ...) exactly as told, otherwise by detection. A file that is
// none of the detected encodings gets a message naming the likeliest one and
// the `--encoding` flag to give.
// Note: `out.text` may point into `bytes`; `out` must not outlive them.
std::optional<DecodeProblem> decode_text(std::string_view bytes, const std::optional<std::string>& encoding,
                                         DecodedText& out);

// True when `bytes` are well-formed GB18030 (one-, two- and four-byte forms)
// and look like Chinese text: most two-byte characters lie in GB2312's
// plane, where all common hanzi are, rather than being Latin-1 letters that
// happen to pair up.
bool looks_like_gb18030(std::string_view bytes);

}  // namespace merit
