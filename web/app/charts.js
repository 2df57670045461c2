// Bar charts as SVG built through the DOM (no inline markup, so the page's
// Content-Security-Policy holds): the distribution of totals and the
// ratings per unit, as in the HTML report.
"use strict";
const SVG_NS = "http://www.w3.org/2000/svg";
function svgEl(name, attrs, text) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}
// bars: [{label, value}] -> a vertical bar chart that scales to its box.
function barChart(bars, title) {
  const width = 320, height = 180, pad = 24;
  const max = Math.max(1, ...bars.map(b => b.value));
  const svg = svgEl("svg", {viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title, class: "chart"});
  const step = (width - pad) / Math.max(1, bars.length);
  bars.forEach((b, i) => {
    const h = (height - 2 * pad) * b.value / max;
    const x = pad + i * step + 2, y = height - pad - h;
    svg.appendChild(svgEl("rect", {x, y, width: Math.max(1, step - 4), height: h, class: "bar"}));
    svg.appendChild(svgEl("text", {x: x + (step - 4) / 2, y: height - pad + 12, class: "tick"}, b.label));
    if (b.value) svg.appendChild(svgEl("text", {x: x + (step - 4) / 2, y: y - 3, class: "count"}, String(b.value)));
  });
  return svg;
}
// rows: [{unit, counts: {rating: n}}], ratings: [label] -> stacked bars per unit.
function stackedChart(rows, ratings, title) {
  const width = 320, rowH = 20, pad = 90;
  const height = rows.length * rowH + 30;
  const svg = svgEl("svg", {viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title, class: "chart"});
  rows.forEach((r, i) => {
    const total = Object.values(r.counts).reduce((a, b) => a + b, 0) || 1;
    let x = pad;
    svg.appendChild(svgEl("text", {x: 2, y: i * rowH + 14, class: "label"}, r.unit.slice(0, 12)));
    ratings.forEach((label, k) => {
      const w = (width - pad - 4) * (r.counts[label] || 0) / total;
      if (w > 0) svg.appendChild(svgEl("rect", {x, y: i * rowH + 3, width: w, height: rowH - 6, class: `band band${k % 6}`}));
      x += w;
    });
  });
  ratings.forEach((label, k) => {
    svg.appendChild(svgEl("rect", {x: pad + k * 50, y: height - 14, width: 10, height: 10, class: `band band${k % 6}`}));
    svg.appendChild(svgEl("text", {x: pad + k * 50 + 13, y: height - 5, class: "label"}, label));
  });
  return svg;
}
