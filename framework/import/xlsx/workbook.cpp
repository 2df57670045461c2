#include "import/xlsx/workbook.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>

#include "import/xlsx/xml_stream.hpp"

namespace merit {
namespace {

constexpr std::string_view kOfficeDocument = "/officeDocument";
constexpr std::string_view kWorksheet = "/worksheet";
constexpr std::string_view kSharedStrings = "/sharedStrings";
constexpr std::string_view kStyles = "/styles";

// "xl/workbook.xml" → "xl/".
std::string folder_of(const std::string& part) {
    const size_t slash = part.rfind('/');
    return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

// A relationship's target as a part name: absolute ("/xl/a.xml") or
// relative to the source's folder, with "../" resolved.
std::string resolve_target(const std::string& folder, std::string_view target) {
    std::vector<std::string> segments;
    std::string path = target.starts_with('/') ? std::string(target.substr(1)) : folder + std::string(target);
    size_t start = 0;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        const std::string segment = path.substr(start, slash - start);
        if (segment == "..") {
            if (!segments.empty()) segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        start = slash + 1;
    }
    std::string out;
    for (const std::string& segment : segments) out += (out.empty() ? "" : "/") + segment;
    return out;
}

struct Relationship {
    std::string type;  // the URI's last segment with its slash: "/worksheet"
    std::string part;
};

// A .rels part: relationship id → type and target part.
class RelationshipsHandler : public XmlHandler {
public:
    explicit RelationshipsHandler(std::string folder) : folder_(std::move(folder)) {}
    std::map<std::string, Relationship> relationships;

    void start(std::string_view name, const char** attributes) override {
        if (name != "Relationship") return;
        const char* id = attribute(attributes, "Id");
        const char* type = attribute(attributes, "Type");
        const char* target = attribute(attributes, "Target");
        const char* mode = attribute(attributes, "TargetMode");
        if (!id || !type || !target || (mode && std::string_view(mode) == "External")) return;
        const std::string_view uri(type);
        const size_t slash = uri.rfind('/');
        relationships[id] = {std::string(slash == std::string_view::npos ? uri : uri.substr(slash)),
                             resolve_target(folder_, target)};
    }
    void end(std::string_view) override {}
    void text(std::string_view) override {}

private:
    std::string folder_;
};

std::map<std::string, Relationship> read_relationships(ZipArchive& zip, const std::string& source_part) {
    const std::string folder = folder_of(source_part);
    const std::string rels = folder + "_rels/" + source_part.substr(folder.size()) + ".rels";
    RelationshipsHandler handler(folder);
    if (!zip.has(rels)) return {};
    parse_xml_part(zip, rels, handler);
    return handler.relationships;
}

// workbook.xml: the date system and the sheets with their relationship ids.
class WorkbookHandler : public XmlHandler {
public:
    bool date1904 = false;
    std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id

    void start(std::string_view name, const char** attributes) override {
        if (name == "workbookPr") {
            const char* value = attribute(attributes, "date1904");
            date1904 = value && (std::string_view(value) == "1" || std::string_view(value) == "true");
        } else if (name == "sheet") {
            const char* sheet = attribute(attributes, "name");
            const char* id = attribute(attributes, "id");  // r:id
            if (!sheet || !id) return fail("a <sheet> without its name or r:id");
            sheets.emplace_back(sheet, id);
        }
    }
    void end(std::string_view) override {}
    void text(std::string_view) override {}
};

// sharedStrings.xml: each <si>'s text, its rich-text runs joined, without
// phonetic guides (<rPh>).
class SharedStringsHandler : public XmlHandler {
public:
    std::vector<std::string> strings;

    void start(std::string_view name, const char**) override {
        if (name == "si") in_item_ = true, current_.clear();
        if (name == "rPh") ++phonetic_depth_;
        if (name == "t" && in_item_ && phonetic_depth_ == 0) in_text_ = true;
    }
    void end(std::string_view name) override {
        if (name == "t") in_text_ = false;
        if (name == "rPh") --phonetic_depth_;
        if (name == "si") {
            strings.push_back(decode_ooxml_escapes(current_));
            in_item_ = false;
        }
    }
    void text(std::string_view text) override {
        if (in_text_) current_ += text;
    }

private:
    bool in_item_ = false, in_text_ = false;
    int phonetic_depth_ = 0;
    std::string current_;
};

// styles.xml: what each cell format (<cellXfs><xf>) shows its number as.
class StylesHandler : public XmlHandler {
public:
    std::vector<NumberShape> shapes;

    void start(std::string_view name, const char** attributes) override {
        if (name == "numFmt") {
            const char* id = attribute(attributes, "numFmtId");
            const char* code = attribute(attributes, "formatCode");
            int number = 0;
            if (id && code && parse(id, number)) custom_[number] = format_code_shape(code);
        } else if (name == "cellXfs") {
            in_cell_formats_ = true;
        } else if (name == "xf" && in_cell_formats_) {
            const char* id = attribute(attributes, "numFmtId");
            int number = 0;
            if (id && !parse(id, number)) return fail(fmt::format("numFmtId '{}' is no number", id));
            // Formats are declared before cellXfs (the schema's order).
            const auto custom = custom_.find(number);
            shapes.push_back(custom != custom_.end() ? custom->second : builtin_format_shape(number));
        }
    }
    void end(std::string_view name) override {
        if (name == "cellXfs") in_cell_formats_ = false;
    }
    void text(std::string_view) override {}

private:
    static bool parse(std::string_view text, int& out) {
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
        return ec == std::errc() && end == text.data() + text.size();
    }
    std::map<int, NumberShape> custom_;
    bool in_cell_formats_ = false;
};

}  // namespace

Workbook::Workbook(const std::filesystem::path& path, ZipLimits limits) : zip_(path, limits) {
    std::string workbook_part;
    for (const auto& [id, relationship] : read_relationships(zip_, ""))
        if (relationship.type == kOfficeDocument) workbook_part = relationship.part;
    if (workbook_part.empty() || !zip_.has(workbook_part))
        throw WorkbookError(
            "not an Excel workbook (.xlsx): the ZIP archive has no workbook part (_rels/.rels names none)");
    WorkbookHandler handler;
    parse_xml_part(zip_, workbook_part, handler);
    date1904_ = handler.date1904;
    const auto relationships = read_relationships(zip_, workbook_part);
    for (const auto& [id, relationship] : relationships) {
        if (relationship.type == kSharedStrings) shared_strings_part_ = relationship.part;
        if (relationship.type == kStyles) styles_part_ = relationship.part;
    }
    for (const auto& [name, id] : handler.sheets) {
        const auto it = relationships.find(id);
        if (it == relationships.end())
            throw WorkbookError(fmt::format("{}: sheet '{}' names relationship {}, which {} lacks",
                                            workbook_part, name, id, folder_of(workbook_part) + "_rels"));
        sheets_.push_back({name, it->second.type == kWorksheet ? it->second.part : ""});
    }
    if (sheets_.empty()) throw WorkbookError(fmt::format("{}: the workbook has no sheets", workbook_part));
}

const SheetEntry* Workbook::find(std::string_view name) const {
    for (const SheetEntry& sheet : sheets_)
        if (sheet.name == name) return &sheet;
    return nullptr;
}

std::string Workbook::sheet_list() const {
    std::string out;
    for (const SheetEntry& sheet : sheets_) out += fmt::format("{}'{}'", out.empty() ? "" : ", ", sheet.name);
    return out;
}

void Workbook::load_shared_parts() {
    if (shared_loaded_) return;
    shared_loaded_ = true;
    if (!shared_strings_part_.empty()) {
        SharedStringsHandler strings;
        parse_xml_part(zip_, shared_strings_part_, strings);
        shared_strings_ = std::move(strings.strings);
    }
    if (!styles_part_.empty()) {
        StylesHandler styles;
        parse_xml_part(zip_, styles_part_, styles);
        style_shapes_ = std::move(styles.shapes);
    }
}

SheetText Workbook::read_sheet(const SheetEntry& sheet, const CellProblemSink& report) {
    if (sheet.part.empty())
        throw WorkbookError(fmt::format("sheet '{}' is a chart sheet, not a worksheet", sheet.name));
    load_shared_parts();
    return read_sheet_part(zip_, sheet.part, {shared_strings_, style_shapes_, date1904_}, report);
}

}  // namespace merit
