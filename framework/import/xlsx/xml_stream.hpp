// One XML part of a workbook, streamed through expat: the handler sees
// elements and text as they are inflated, so a sheet of a million rows is
// never held as a tree. Names come without their namespace (SpreadsheetML
// is written with and without prefixes). A document type declaration is
// refused outright: OOXML parts never have one, and without it there are no
// entities to expand (billion laughs) and no external entities to fetch.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "import/xlsx/zip_archive.hpp"

namespace merit {

class XmlHandler {
public:
    virtual ~XmlHandler() = default;
    // `attributes` as expat gives them: name, value, ..., nullptr; names
    // are "namespace|local" or plain (see attribute()).
    virtual void start(std::string_view name, const char** attributes) = 0;
    virtual void end(std::string_view name) = 0;
    virtual void text(std::string_view text) = 0;

    // Stops the parse; parse_xml_part() then throws `message`.
    void fail(std::string message) {
        if (!failure_) failure_ = std::move(message);
    }
    const std::optional<std::string>& failure() const { return failure_; }

private:
    std::optional<std::string> failure_;
};

// The value of the attribute whose local name (after any namespace) is
// `local`, or nullptr.
const char* attribute(const char** attributes, std::string_view local);

// Streams `part` of the archive through `handler`. Throws WorkbookError
// "part:line: reason" for bad XML, a DTD or the handler's failure.
void parse_xml_part(ZipArchive& zip, const std::string& part, XmlHandler& handler);

}  // namespace merit
