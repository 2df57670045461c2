#include "report/html_assets.hpp"

namespace merit::report {

std::string_view html_stylesheet() {
    return R"css(
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --accent: #3f6fb5; --bg: #f5f7fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       system-ui, sans-serif; color: var(--ink); background: var(--bg); }
header.page { background: #24344d; color: #fff; padding: 16px 24px; }
header.page h1 { margin: 0 0 4px; font-size: 22px; }
header.page p { margin: 0; color: #cfd8e3; }
p.standing { margin: 0; padding: 10px 24px; font-size: 16px; border-bottom: 1px solid #ccc; }
p.standing strong { font-size: 20px; margin-right: 12px; letter-spacing: 1px; }
p.standing span { margin-left: 16px; color: #333; }
p.standing-draft { background: #fff4cc; color: #7a5a00; }
p.standing-superseded { background: #fde2e1; color: #9b1c1c; }
p.standing-final { background: #e3f4e6; color: #1e5e2b; }
nav { display: flex; flex-wrap: wrap; gap: 12px; padding: 8px 24px; background: #fff; border-bottom: 1px solid var(--line);
      position: sticky; top: 0; z-index: 1; }
nav a { color: var(--accent); text-decoration: none; }
main { padding: 16px 24px 40px; max-width: 1280px; }
section.block { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin: 0 0 16px; }
h2 { font-size: 18px; margin: 0 0 8px; }
h3 { font-size: 16px; margin: 0 0 4px; }
.grid2 { display: flex; flex-wrap: wrap; gap: 16px 32px; align-items: flex-start; }
.muted, .hint { color: var(--muted); font-size: 12px; }
svg.chart { max-width: 100%; height: auto; font-size: 12px; }
svg .axis { fill: var(--muted); }
svg .value { fill: var(--ink); font-size: 11px; }
svg .inbar { fill: #fff; font-size: 11px; }
svg .grid { stroke: var(--line); }
svg .track { fill: #eef2f7; }
svg .marker { stroke: #d32f2f; stroke-width: 2; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #eef2f7; font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.sortable th { cursor: pointer; user-select: none; }
table.sortable th[aria-sort="ascending"]::after { content: " \25B2"; }
table.sortable th[aria-sort="descending"]::after { content: " \25BC"; }
.ranking-wrap { overflow-x: auto; }
article.statement { border-top: 2px solid var(--line); padding: 12px 0; }
article.statement .summary { margin: 0 0 8px; }
.rating { display: inline-block; padding: 0 8px; border-radius: 10px; color: #fff; font-size: 12px; }
.veto { color: #c62828; font-weight: 600; }
details summary { cursor: pointer; color: var(--accent); }
footer { color: var(--muted); font-size: 12px; padding: 0 24px 24px; }
@page { size: A4; margin: 12mm; }
@media print {
  body { background: #fff; font-size: 11px; }
  nav, .hint, .top-link { display: none; }
  header.page { background: #fff; color: #000; padding: 0 0 8px; border-bottom: 2px solid #000; }
  header.page p { color: #333; }
  main { padding: 8px 0; max-width: none; }
  section.block { border: none; padding: 0; break-inside: avoid-page; }
  #statements, article.statement { break-before: page; }
  article.statement { break-inside: avoid-page; }
  .ranking-wrap { overflow: visible; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";
}

std::string_view html_script() {
    return R"js(
(function () {
  'use strict';
  function sortKey(cell, numeric) {
    var v = cell.getAttribute('data-v');
    if (numeric) { return v === null || v === '' ? -Infinity : parseFloat(v); }
    return v !== null ? v : cell.textContent;
  }
  function makeSortable(table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, column) {
      th.tabIndex = 0;
      function sort() {
        var numeric = th.getAttribute('data-type') === 'num';
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[column], numeric), y = sortKey(b.cells[column], numeric);
          var c = numeric ? (x === y ? 0 : (x < y ? -1 : 1)) : String(x).localeCompare(String(y), 'zh');
          return ascending ? c : -c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); }
      });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), makeSortable);
  var openedForPrint = [];
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details:not([open])'), function (d) {
      d.open = true; openedForPrint.push(d);
    });
  });
  window.addEventListener('afterprint', function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
  });
  document.body.setAttribute('data-ready', '1');
})();
)js";
}

}  // namespace merit::report
