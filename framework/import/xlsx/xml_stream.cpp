#include "import/xlsx/xml_stream.hpp"

#include <expat.h>
#include <fmt/format.h>

#include <cstring>
#include <memory>

namespace merit {
namespace {

struct ParserDeleter {
    void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};

struct ParseState {
    XML_Parser parser;
    XmlHandler* handler;
};

std::string_view local_name(const char* name) {
    const char* bar = std::strrchr(name, '|');
    return bar ? std::string_view(bar + 1) : std::string_view(name);
}

// A handler's failure stops expat at once; what it said is thrown after.
void stop_if_failed(ParseState& state) {
    if (state.handler->failure()) XML_StopParser(state.parser, XML_FALSE);
}

void on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto& state = *static_cast<ParseState*>(data);
    state.handler->start(local_name(name), attributes);
    stop_if_failed(state);
}

void on_end(void* data, const XML_Char* name) {
    auto& state = *static_cast<ParseState*>(data);
    state.handler->end(local_name(name));
    stop_if_failed(state);
}

void on_text(void* data, const XML_Char* text, int length) {
    auto& state = *static_cast<ParseState*>(data);
    state.handler->text(std::string_view(text, static_cast<size_t>(length)));
    stop_if_failed(state);
}

void on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto& state = *static_cast<ParseState*>(data);
    state.handler->fail("a document type declaration (DTD), which workbook parts never have");
    XML_StopParser(state.parser, XML_FALSE);
}

}  // namespace

const char* attribute(const char** attributes, std::string_view local) {
    for (const char** a = attributes; a && *a; a += 2)
        if (local_name(a[0]) == local) return a[1];
    return nullptr;
}

void parse_xml_part(ZipArchive& zip, const std::string& part, XmlHandler& handler) {
    std::unique_ptr<XML_ParserStruct, ParserDeleter> owner(XML_ParserCreateNS(nullptr, '|'));
    if (!owner) throw WorkbookError(fmt::format("{}: cannot create an XML parser", part));
    XML_Parser parser = owner.get();
    ParseState state{parser, &handler};
    XML_SetUserData(parser, &state);
    XML_SetElementHandler(parser, on_start, on_end);
    XML_SetCharacterDataHandler(parser, on_text);
    XML_SetStartDoctypeDeclHandler(parser, on_doctype);
    XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
    auto check = [&](XML_Status status) {
        if (status == XML_STATUS_OK) return;
        const auto line = XML_GetCurrentLineNumber(parser);
        if (handler.failure()) throw WorkbookError(fmt::format("{}:{}: {}", part, line, *handler.failure()));
        throw WorkbookError(fmt::format("{}:{}: not well-formed XML: {}", part, line,
                                        XML_ErrorString(XML_GetErrorCode(parser))));
    };
    zip.read(part, [&](std::string_view chunk) {
        check(XML_Parse(parser, chunk.data(), static_cast<int>(chunk.size()), XML_FALSE));
    });
    check(XML_Parse(parser, "", 0, XML_TRUE));
}

}  // namespace merit
