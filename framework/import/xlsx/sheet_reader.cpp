#include "import/xlsx/sheet_reader.hpp"

#include <fmt/format.h>

#include <charconv>

#include "import/row_locator.hpp"
#include "import/xlsx/xml_stream.hpp"

namespace merit {
namespace {

// Excel's grid: 1,048,576 rows by 16,384 columns (A to XFD).
constexpr uint32_t kMaxRows = 1048576;
constexpr uint32_t kMaxColumns = 16384;
// Excel holds at most 32,767 characters in a cell (at most ~128 KB of
// UTF-8); a longer text is no cell Excel wrote.
constexpr size_t kMaxCellBytes = 1 << 20;

bool parse_number(std::string_view text, uint32_t& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

void append_csv_field(std::string& csv, std::string_view text, size_t& newlines) {
    if (text.find_first_of(",\"\n\r") == std::string_view::npos) {
        csv += text;
        return;
    }
    csv += '"';
    for (const char c : text) {
        if (c == '"') csv += '"';
        if (c == '\n') ++newlines;
        csv += c;
    }
    csv += '"';
}

class SheetHandler : public XmlHandler {
public:
    SheetHandler(const SheetContext& context, const CellProblemSink& report)
        : context_(context), report_(report) {}

    SheetText take() { return std::move(out_); }

    void start(std::string_view name, const char** attributes) override {
        if (name == "row") {
            start_row(attributes);
        } else if (name == "c") {
            start_cell(attributes);
        } else if (in_cell_) {
            if (name == "v") in_value_ = true;
            if (name == "rPh") ++phonetic_depth_;  // reading aids (furigana), not the text
            if (name == "t" && phonetic_depth_ == 0) in_inline_text_ = true;
        }
    }

    void end(std::string_view name) override {
        if (name == "row") {
            end_row();
        } else if (name == "c") {
            end_cell();
        } else if (in_cell_) {
            if (name == "v") in_value_ = false;
            if (name == "rPh") --phonetic_depth_;
            if (name == "t") in_inline_text_ = false;
        }
    }

    void text(std::string_view text) override {
        if (!(in_value_ || in_inline_text_)) return;
        if (value_.size() + text.size() > kMaxCellBytes)
            return fail(fmt::format("cell {}: its text is longer than Excel allows in a cell", reference()));
        value_ += text;
    }

private:
    std::string reference() const { return fmt::format("{}{}", column_letters(column_), row_); }

    void start_row(const char** attributes) {
        uint32_t row = row_ + 1;
        if (const char* r = attribute(attributes, "r"); r && !parse_number(r, row))
            return fail(fmt::format("row number '{}' is no number", r));
        if (row <= row_ || row > kMaxRows)
            return fail(fmt::format("row {} comes after row {} (rows out of order or beyond Excel's grid)",
                                    row, row_));
        row_ = row;
        cells_.clear();
        column_ = UINT32_MAX;  // the next cell without a reference is column A
    }

    void start_cell(const char** attributes) {
        uint32_t column = column_ == UINT32_MAX ? 0 : column_ + 1;
        if (const char* r = attribute(attributes, "r")) {
            uint32_t row = 0;
            if (!parse_cell_reference(r, column, row))
                return fail(fmt::format("'{}' is no cell reference", r));
            if (row != row_) return fail(fmt::format("cell {} lies outside its row {}", r, row_));
        }
        if (column_ != UINT32_MAX && column <= column_)
            return fail(fmt::format("cell {}{} comes after {} (cells out of order)", column_letters(column),
                                    row_, reference()));
        if (column >= kMaxColumns) return fail(fmt::format("a cell beyond column XFD in row {}", row_));
        column_ = column;
        const char* type = attribute(attributes, "t");
        type_ = type ? type : "n";
        style_ = 0;
        if (const char* s = attribute(attributes, "s"); s && !parse_number(s, style_))
            return fail(fmt::format("cell {}: style '{}' is no number", reference(), s));
        if (style_ >= context_.style_shapes.size() && style_ != 0)
            return fail(fmt::format("cell {}: style {} is not in styles.xml", reference(), style_));
        value_.clear();
        in_cell_ = true;
    }

    void end_cell() {
        in_cell_ = in_value_ = in_inline_text_ = false;
        phonetic_depth_ = 0;
        std::string text;
        if (!cell_text(text) || text.empty()) return;
        cells_.push_back({column_, std::move(text)});
    }

    // The cell's text; false (and the problem reported) when it has none.
    bool cell_text(std::string& text) {
        auto problem = [&](std::string_view reason) {
            report_(row_, column_, column_name(column_), reason);
            return false;
        };
        if (type_ == "s") {
            uint32_t index = 0;
            if (!parse_number(value_, index) || index >= context_.shared_strings.size())
                return problem(fmt::format("shared string '{}' is not in sharedStrings.xml", value_));
            text = context_.shared_strings[index];
        } else if (type_ == "inlineStr" || type_ == "str") {
            text = decode_ooxml_escapes(value_);
        } else if (type_ == "b") {
            if (value_ != "0" && value_ != "1") return problem(fmt::format("'{}' is no boolean", value_));
            text = value_ == "1" ? "TRUE" : "FALSE";
        } else if (type_ == "e") {
            return problem(
                fmt::format("the cell holds Excel's error {} (fix the formula or its inputs)", value_));
        } else if (type_ == "d") {
            // An ISO 8601 date-time (strict OOXML): its day.
            text = value_.substr(0, value_.find('T'));
        } else if (type_ == "n") {
            if (value_.empty()) return true;
            const NumberShape shape =
                style_ < context_.style_shapes.size() ? context_.style_shapes[style_] : NumberShape::number;
            if (shape == NumberShape::number) {
                auto plain = plain_decimal(value_);
                if (!plain) return problem(fmt::format("'{}' is no number", value_));
                text = std::move(*plain);
            } else {
                CellText converted = shape == NumberShape::date ? serial_to_date(value_, context_.date1904)
                                                                : serial_to_time(value_);
                if (converted.problem) return problem(*converted.problem);
                text = std::move(converted.text);
            }
        } else {
            return problem(fmt::format("unknown cell type '{}'", type_));
        }
        return true;
    }

    std::string column_name(uint32_t column) const {
        if (!have_header_) return "header";
        if (column < out_.first_column || column - out_.first_column >= header_.size()) return "row";
        return header_[column - out_.first_column];
    }

    void end_row() {
        if (cells_.empty()) return;  // formatted but empty: not a row of data
        if (!have_header_) {
            have_header_ = true;
            out_.first_column = cells_.front().column;
            last_column_ = cells_.back().column;
            header_.assign(last_column_ - out_.first_column + 1, "");
            for (auto& cell : cells_) header_[cell.column - out_.first_column] = cell.text;
            out_.row_of_line.push_back(0);  // line 0 does not exist
            header_row_ = row_;
        } else {
            bool outside = false;
            for (const auto& cell : cells_) {
                if (cell.column >= out_.first_column && cell.column <= last_column_) continue;
                report_(row_, cell.column, "row",
                        fmt::format("a value in a column without a header (the header spans {}{} to {}{})",
                                    column_letters(out_.first_column), header_row_,
                                    column_letters(last_column_), header_row_));
                outside = true;
            }
            if (outside) return;
        }
        size_t newlines = 0;
        size_t next = 0;
        for (uint32_t column = out_.first_column; column <= last_column_; ++column) {
            if (column > out_.first_column) out_.csv += ',';
            if (next < cells_.size() && cells_[next].column == column)
                append_csv_field(out_.csv, cells_[next++].text, newlines);
        }
        out_.csv += '\n';
        for (size_t i = 0; i <= newlines; ++i) out_.row_of_line.push_back(row_);
    }

    struct Cell {
        uint32_t column;
        std::string text;
    };

    const SheetContext& context_;
    const CellProblemSink& report_;
    SheetText out_;
    bool have_header_ = false;
    std::vector<std::string> header_;
    uint32_t header_row_ = 0, last_column_ = 0;
    uint32_t row_ = 0, column_ = UINT32_MAX, style_ = 0;
    std::string type_, value_;
    bool in_cell_ = false, in_value_ = false, in_inline_text_ = false;
    int phonetic_depth_ = 0;
    std::vector<Cell> cells_;
};

}  // namespace

bool parse_cell_reference(std::string_view reference, uint32_t& column, uint32_t& row) {
    size_t i = 0;
    uint32_t letters = 0;
    for (; i < reference.size() && reference[i] >= 'A' && reference[i] <= 'Z'; ++i) {
        letters = letters * 26 + static_cast<uint32_t>(reference[i] - 'A' + 1);
        if (letters > kMaxColumns) return false;
    }
    if (letters == 0 || i == reference.size() || reference[i] == '0') return false;
    if (!parse_number(reference.substr(i), row) || row == 0 || row > kMaxRows) return false;
    column = letters - 1;
    return true;
}

SheetText read_sheet_part(ZipArchive& zip, const std::string& part, const SheetContext& context,
                          const CellProblemSink& report) {
    SheetHandler handler(context, report);
    parse_xml_part(zip, part, handler);
    return handler.take();
}

}  // namespace merit
