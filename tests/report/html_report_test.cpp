// The HTML page: self-contained, escaped, and showing the stored figures.
#include <gtest/gtest.h>

#include "report/html_report.hpp"
#include "report/html_text.hpp"
#include "report/report_fixture.hpp"

namespace merit::report {
namespace {

size_t count(const std::string& text, const std::string& needle) {
    size_t n = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
}

TEST(HtmlReport, EscapesEveryTextAndNeedsNoNetwork) {
    test::FixtureWorkspace ws;
    const std::string page = render_html(load_report(ws.db(), 1, Lang::zh));
    // M03's name is "=1+2 <王五>" and a trace note holds "<份额>": never raw markup.
    EXPECT_EQ(page.find("<王五>"), std::string::npos);
    EXPECT_NE(page.find("=1+2 &lt;王五&gt;"), std::string::npos);
    EXPECT_EQ(page.find("<份额>"), std::string::npos);
    EXPECT_NE(page.find("李四, &quot;Li, Si&quot;"), std::string::npos);
    // nothing loaded from elsewhere
    EXPECT_EQ(page.find("src=\"http"), std::string::npos);
    EXPECT_EQ(page.find("href=\"http"), std::string::npos);
    EXPECT_EQ(page.find("<link"), std::string::npos);
    EXPECT_EQ(page.find("@import"), std::string::npos);
}

TEST(HtmlReport, ShowsChartsRankingAndEveryStatement) {
    test::FixtureWorkspace ws;
    const std::string page = render_html(load_report(ws.db(), 1, Lang::zh));
    EXPECT_EQ(count(page, "<article class=\"statement\""), 3u);
    EXPECT_NE(page.find("id=\"distribution\""), std::string::npos);
    EXPECT_NE(page.find("id=\"ratings\""), std::string::npos);
    EXPECT_NE(page.find("id=\"dimensions\""), std::string::npos);
    EXPECT_NE(page.find("<table class=\"sortable\">"), std::string::npos);
    // histogram: totals 92, 80, 0 fall in the bins 90–100, 80–90 and 0–10, one each
    EXPECT_NE(page.find("<title>90–100: 1</title>"), std::string::npos);
    EXPECT_NE(page.find("<title>80–90: 1</title>"), std::string::npos);
    EXPECT_NE(page.find("<title>0–10: 1</title>"), std::string::npos);
    EXPECT_NE(page.find("<title>70–80: 0</title>"), std::string::npos);
    // ratings per unit: 城东支行 has one 优秀 and one 良好, 城西支行 one 不合格
    EXPECT_NE(page.find("<title>城东支行 · 优秀: 1</title>"), std::string::npos);
    EXPECT_NE(page.find("<title>城东支行 · 良好: 1</title>"), std::string::npos);
    EXPECT_NE(page.find("<title>城西支行 · 不合格: 1</title>"), std::string::npos);
    // dimension average by unit: 城东支行 results (90 + 95) / 2 = 92.50
    EXPECT_NE(page.find("<title>城东支行: 92.50</title>"), std::string::npos);
    // M01's pay in yuan with grouping, and the commission basis
    EXPECT_NE(page.find("6,234.56"), std::string::npos);
    EXPECT_NE(page.find("=存款增量 120 万元 × 10.288 元"), std::string::npos);
    // completion of M01's deposit: 120 / 100
    EXPECT_NE(page.find(">120.0%<"), std::string::npos);
    EXPECT_NE(page.find("@media print"), std::string::npos);
}

TEST(HtmlReport, StatementsAreAnchoredByManagerId) {
    test::FixtureWorkspace ws;
    const std::string page = render_html(load_report(ws.db(), 1, Lang::zh));
    // The ranking links each name to the statement of that manager, by id,
    // so page.html#manager-M02 stays M02's statement whatever the ranking.
    for (const std::string id : {"M01", "M02", "M03"}) {
        EXPECT_EQ(count(page, "<article class=\"statement\" id=\"manager-" + id + "\">"), 1u) << id;
        EXPECT_EQ(count(page, "href=\"#manager-" + id + "\""), 1u) << id;
    }
    EXPECT_EQ(page.find("id=\"m1\""), std::string::npos);
    // Any id makes a valid fragment: outside A-Z a-z 0-9 - . _ ~ it is percent-encoded (UTF-8 bytes).
    EXPECT_EQ(statement_anchor("M-0.1_x~"), "manager-M-0.1_x~");
    EXPECT_EQ(statement_anchor("张 #1\""), "manager-%E5%BC%A0%20%231%22");
}

TEST(HtmlReport, EveryMarkHasItsLegend) {
    test::FixtureWorkspace ws;
    const std::string zh = render_html(load_report(ws.db(), 1, Lang::zh));
    // M03 is vetoed: its rating carries the mark ✕, and the ranking's legend says what it means.
    EXPECT_EQ(count(zh, "<span class=\"veto\">✕</span>"), 1u);
    EXPECT_NE(zh.find("<span class=\"veto\">✕ 触发一票否决（原因见本人明细）</span>"), std::string::npos);
    const std::string en = render_html(load_report(ws.db(), 1, Lang::en));
    EXPECT_NE(en.find("✕ a veto applied (the reason is in the manager&#39;s statement)"), std::string::npos);
    // Each statement's bar chart explains its red tick (the unit's average).
    EXPECT_EQ(count(zh, "class=\"axis\">机构 平均</text>"), 3u);
}

TEST(HtmlReport, EnglishLabels) {
    test::FixtureWorkspace ws;
    const std::string page = render_html(load_report(ws.db(), 1, Lang::en));
    EXPECT_NE(page.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(page.find(">Ranking<"), std::string::npos);
    EXPECT_NE(page.find(">Satisfaction<"), std::string::npos);
}

TEST(HtmlText, EscapingAndNumbers) {
    EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    EXPECT_EQ(yuan_grouped(123456789), "1,234,567.89");
    EXPECT_EQ(yuan_grouped(-5), "-0.05");
    EXPECT_EQ(yuan_grouped(100000), "1,000.00");
    EXPECT_EQ(percent1(1.05), "105.0%");
    EXPECT_EQ(fixed2(std::nullopt), "");
    EXPECT_EQ(display_number(9413835.919393782), "9,413,835.92");
    EXPECT_EQ(display_number(720000.0), "720,000");
    EXPECT_EQ(display_number(-1234.5), "-1,234.50");
    EXPECT_EQ(display_number(0.123456), "0.1235");
    EXPECT_EQ(display_number(0.5), "0.5");
    EXPECT_EQ(display_number(0.0), "0");
    EXPECT_EQ(display_number(std::nullopt), "");
}

}  // namespace
}  // namespace merit::report
