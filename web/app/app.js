// Merit's browser application: plain JavaScript over the /v1 API, no
// framework and no build step. Views are functions of the hash route
// (#/runs, #/runs/ID, #/runs/ID/ranking, #/runs/ID/managers/M,
// #/runs/ID/pay, #/reviews, #/reviews/M/P, #/disputes, #/feedback,
// #/calibrations, #/calibrations/S); every
// element is built through the DOM, never from HTML strings, so names in
// the data cannot become markup.
"use strict";
const state = {me: null};

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "onclick" || k === "onsubmit" || k === "onchange") node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}
const view = () => document.getElementById("view");
function show(...nodes) { view().replaceChildren(...nodes.flat().filter(n => n !== null && n !== undefined)); }
const yuan = fen => (fen / 100).toLocaleString("zh-CN", {minimumFractionDigits: 2, maximumFractionDigits: 2});
const num = x => (x === null || x === undefined) ? "—" : (Math.round(x * 100) / 100).toString();

// Every call to the API: the answer with its ETag. For an object that
// changes state the next change sends the tag back as If-Match (409 when
// someone else moved it on); api() is the call without a tag.
async function apiTagged(method, path, body, tag) {
  const headers = {"Accept": "application/json"};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && state.me) headers["X-CSRF-Token"] = state.me.csrf_token;
  if (tag) headers["If-Match"] = tag;
  const response = await fetch(path, {method, headers, credentials: "same-origin",
                                      body: body === undefined ? undefined : JSON.stringify(body)});
  const data = response.status === 204 ? null : await response.json();
  if (!response.ok) {
    const e = new Error(data && data.error ? data.error.message : response.statusText);
    e.status = response.status;
    throw e;
  }
  return {data, tag: response.headers.get("ETag")};
}

async function api(method, path, body) {
  return (await apiTagged(method, path, body)).data;
}

function failure(e) {
  if (e.status === 401) { state.me = null; location.hash = "#/login"; return; }
  show(el("p", {class: e.status === 403 ? "forbidden" : "error", id: "failure"},
          `${e.status === 403 ? t("forbidden") : t("error")}: ${e.message}`));
}

// --- login --------------------------------------------------------------
function loginView() {
  const message = el("p", {class: "error", id: "login-error"});
  const form = el("form", {id: "login", onsubmit: async ev => {
    ev.preventDefault();
    try {
      state.me = await api("POST", "/v1/session", {user: form.user.value, password: form.password.value});
      location.hash = state.me.role === "manager" ? "#/mine" : "#/runs";
    } catch (e) { message.textContent = e.status === 429 ? e.message : t("wrong_login"); }
  }},
    el("h1", {}, t("login")),
    el("label", {}, t("user"), el("input", {name: "user", autocomplete: "username", required: true})),
    el("label", {}, t("password"), el("input", {name: "password", type: "password", autocomplete: "current-password", required: true})),
    el("button", {type: "submit"}, t("login")), message);
  show(form);
}

// --- runs ---------------------------------------------------------------
async function runsView() {
  const runs = await api("GET", "/v1/runs");
  const rows = runs.items.slice().reverse().map(r => el("tr", {},
    el("td", {}, el("a", {href: `#/runs/${r.id}`}, String(r.id))), el("td", {}, r.title || r.scheme),
    el("td", {}, r.period), el("td", {}, t(r.status)), el("td", {class: "n"}, String(r.managers)),
    el("td", {}, r.created_at)));
  show(el("h1", {}, t("runs")), el("div", {class: "scroll"}, el("table", {id: "runs"},
    el("thead", {}, el("tr", {}, ...["run", "scheme", "period", "status", "managers", "created"].map(k => el("th", {}, t(k))))),
    el("tbody", {}, rows))));
}

function runTabs(run, active) {
  const tab = (key, href) => el("a", {href, class: key === active ? "tab active" : "tab"}, t(key));
  return el("nav", {class: "tabs"}, tab("dashboard", `#/runs/${run.id}`), tab("ranking", `#/runs/${run.id}/ranking`),
            state.me && state.me.role !== "manager" ? tab("pay_approval", `#/runs/${run.id}/pay`) : null,
            el("a", {class: "tab", href: `/v1/runs/${run.id}/report?format=xlsx&lang=${meritLang()}`}, t("download")));
}

async function dashboardView(id) {
  const s = await api("GET", `/v1/runs/${id}/summary`);
  const ratings = s.ratings.map(r => r.rating);
  const units = new Map();
  for (const u of s.units) {
    const row = units.get(u.org_unit_id) || {unit: u.org_unit, counts: {}};
    row.counts[u.rating] = u.managers;
    units.set(u.org_unit_id, row);
  }
  show(el("h1", {}, `${s.run.title || s.run.scheme} · ${s.run.period}`), runTabs(s.run, "dashboard"),
    el("div", {class: "cards"},
      el("div", {class: "card"}, el("b", {}, String(s.managers)), t("managers")),
      el("div", {class: "card"}, el("b", {}, num(s.average_total)), t("average")),
      el("div", {class: "card"}, el("b", {}, yuan(s.pay_total_fen)), t("pay_total"))),
    el("section", {id: "distribution"}, el("h2", {}, t("distribution")),
       barChart(s.distribution.map(b => ({label: String(b.from), value: b.managers})), t("distribution"))),
    el("section", {id: "ratings"}, el("h2", {}, t("ratings")),
       barChart(s.ratings.map(r => ({label: r.rating, value: r.managers})), t("ratings"))),
    el("section", {id: "units"}, el("h2", {}, t("ratings_per_unit")),
       stackedChart([...units.values()], ratings, t("ratings_per_unit"))));
}

async function rankingView(id, params) {
  const query = new URLSearchParams(params);
  query.set("limit", "50");
  const page = await api("GET", `/v1/runs/${id}/results?${query}`);
  const summary = await api("GET", `/v1/runs/${id}/summary`);
  const form = el("form", {id: "filters", onsubmit: ev => {
    ev.preventDefault();
    const next = new URLSearchParams();
    for (const name of ["q", "rating", "org_unit"]) if (form[name].value) next.set(name, form[name].value);
    location.hash = `#/runs/${id}/ranking?${next}`;
  }},
    el("input", {name: "q", placeholder: t("search"), value: params.get("q") || ""}),
    el("select", {name: "rating"}, el("option", {value: ""}, `${t("rating")}: ${t("all")}`),
       summary.ratings.map(r => el("option", {value: r.rating, selected: params.get("rating") === r.rating}, r.rating))),
    el("select", {name: "org_unit"}, el("option", {value: ""}, `${t("unit")}: ${t("all")}`),
       [...new Map(summary.units.map(u => [u.org_unit_id, u.org_unit])).entries()].map(([uid, name]) =>
         el("option", {value: uid, selected: params.get("org_unit") === uid}, name))),
    el("button", {type: "submit"}, t("filter")));
  const body = el("tbody", {});
  const addRows = items => body.append(...items.map(m => el("tr", {},
    el("td", {class: "n"}, String(m.rank)),
    el("td", {}, el("a", {href: `#/runs/${id}/managers/${encodeURIComponent(m.manager_id)}`}, m.manager_id)),
    el("td", {}, m.name), el("td", {class: "wide"}, m.org_unit), el("td", {class: "n"}, num(m.total)),
    el("td", {}, m.rating), el("td", {class: "n wide"}, yuan(m.pay_fen)))));
  addRows(page.items);
  let cursor = page.next_cursor;
  const more = el("button", {id: "more", type: "button", hidden: !cursor, onclick: async () => {
    query.set("cursor", cursor);
    const next = await api("GET", `/v1/runs/${id}/results?${query}`);
    addRows(next.items);
    cursor = next.next_cursor;
    more.hidden = !cursor;
  }}, t("more"));
  show(el("h1", {}, `${page.run.title || page.run.scheme} · ${page.run.period}`), runTabs(page.run, "ranking"), form,
    el("div", {class: "scroll"}, el("table", {id: "ranking"},
      el("thead", {}, el("tr", {}, el("th", {}, t("rank")), el("th", {}, t("manager")), el("th", {}, t("name")),
        el("th", {class: "wide"}, t("unit")), el("th", {}, t("total")), el("th", {}, t("rating")),
        el("th", {class: "wide"}, t("pay")))), body)), more);
}

function table(id, headers, rows) {
  return el("div", {class: "scroll"}, el("table", {id},
    el("thead", {}, el("tr", {}, headers.map(h => el("th", {}, t(h))))),
    el("tbody", {}, rows.map(r => el("tr", {}, r.map(c => el("td", {}, c)))))));
}

// A statement: every indicator and pay line opens onto its trace lines.
async function statementView(id, manager) {
  const s = await api("GET", `/v1/runs/${id}/managers/${encodeURIComponent(manager)}`);
  const traceOf = step => s.trace.filter(x => x.step === step);
  const drill = (step, summaryNodes) => {
    const lines = traceOf(step);
    if (!lines.length) return el("div", {class: "line"}, summaryNodes);
    return el("details", {class: "line", "data-step": step}, el("summary", {}, summaryNodes),
      el("ul", {}, lines.map(x => el("li", {}, `${x.name}: ${x.text !== null ? x.text : num(x.value)}`))));
  };
  const explain = el("pre", {id: "explain", hidden: true});
  show(el("h1", {}, `${s.name} (${s.manager_id})`),
    el("p", {}, `${s.run.title || s.run.scheme} · ${s.run.period}`),
    el("div", {class: "cards"},
      el("div", {class: "card"}, el("b", {id: "total"}, num(s.total)), t("total")),
      el("div", {class: "card"}, el("b", {}, s.rating), t("rating")),
      el("div", {class: "card"}, el("b", {}, `${s.rank}`), t("rank")),
      el("div", {class: "card"}, el("b", {}, yuan(s.pay_fen)), t("pay"))),
    el("h2", {}, t("dimensions")),
    table("dimensions", ["name", "score", "weight", "contribution"],
          s.dimensions.map(d => [d.name, num(d.score), `${num(d.weight)}%`, num(d.contribution)])),
    el("h2", {}, t("indicators")),
    el("div", {id: "indicators"}, s.indicators.map(x => drill(x.id,
      [el("span", {class: "what"}, x.name || x.id), ` ${t("value")} ${num(x.value)} · ${t("target")} ${num(x.target)}` +
       ` · ${t("score")} ${num(x.score)} · ${t("contribution")} ${num(x.contribution)}`]))),
    el("h2", {}, t("adjustments")),
    s.adjustments.length ? table("adjustments", ["name", "points", "basis"], s.adjustments.map(a => [a.id, num(a.points), a.detail]))
                         : el("p", {}, t("none")),
    el("h2", {}, t("pay_lines")),
    el("div", {id: "pay"}, s.pay.map(p => drill(p.reward, [el("span", {class: "what"}, p.label || p.code),
      ` ${yuan(p.amount_fen)} ${t("yuan")} · ${p.basis}`]))),
    el("button", {type: "button", id: "show-explain", onclick: async () => {
      explain.textContent = (await api("GET", `/v1/runs/${id}/managers/${encodeURIComponent(manager)}/explain`)).text;
      explain.hidden = false;
    }}, t("explain")), explain);
}

// --- workflow: pay approval, reviews, disputes ---------------------------
// Each step is the library's, decided by authorize() for the logged-in user;
// a refused step shows the service's one-line reason in #workflow-error.
function stepError(e) {
  const p = document.getElementById("workflow-error");
  if (p) p.textContent = `${e.status === 403 ? t("forbidden") : t("error")}: ${e.message}`;
  else failure(e);
}

async function payView(id) {
  const {data: pay, tag} = await apiTagged("GET", `/v1/runs/${id}/pay`);
  const run = (await api("GET", `/v1/runs/${id}`));
  const reason = el("input", {name: "reason", id: "pay-reason", placeholder: t("reason")});
  const step = name => el("button", {type: "button", id: `pay-${name}`, onclick: async () => {
    try {
      await apiTagged("POST", `/v1/runs/${id}/pay/${name}`, {reason: reason.value}, tag);
      route();
    } catch (e) { stepError(e); }
  }}, t(`pay_${name}`));
  const votes = pay.approvals.map(v => [v.user, v.at, v.reason]);
  // The step the pay's state allows; the service decides whether this user may take it.
  const next = {calculated: "submit", submitted: "approve", approved: "release"}[pay.state];
  show(el("h1", {}, `${run.title || run.scheme} · ${run.period}`), runTabs(run, "pay_approval"),
    el("p", {id: "pay-state"}, `${t("status")}: `, el("b", {}, t(`pay_state_${pay.state}`)),
       pay.required ? ` · ${pay.approvals.length} / ${pay.required}` : ""),
    pay.approvals.length ? table("pay-approvals", ["approver", "created", "reason"], votes) : null,
    next ? el("div", {class: "actions"}, reason, step(next)) : null,
    pay.state === "released" ? el("p", {}, el("a", {id: "payroll", href: `/v1/runs/${id}/payroll?format=csv`}, t("payroll_file"))) : null,
    el("p", {class: "error", id: "workflow-error"}));
}

async function reviewsView() {
  const list = await api("GET", "/v1/reviews");
  const rows = list.items.map(r => [el("a", {href: `#/reviews/${encodeURIComponent(r.manager)}/${encodeURIComponent(r.period)}`}, r.manager),
                                    r.name, r.period, r.state_label]);
  const form = el("form", {id: "open-review", onsubmit: async ev => {
    ev.preventDefault();
    try {
      const {data} = await apiTagged("POST", "/v1/reviews", {manager: form.manager.value, period: form.period.value});
      location.hash = `#/reviews/${encodeURIComponent(data.manager)}/${encodeURIComponent(data.period)}`;
    } catch (e) { stepError(e); }
  }}, el("input", {name: "manager", placeholder: t("manager"), required: true}),
      el("input", {name: "period", placeholder: "2026-Q2", required: true}),
      el("button", {type: "submit"}, t("open_review")));
  show(el("h1", {}, t("reviews")), table("reviews", ["manager", "name", "period", "status"], rows),
       state.me.role === "manager" ? null : form, el("p", {class: "error", id: "workflow-error"}));
}

// A step's words in the language, else its id.
function actionLabel(action) {
  return (MERIT_TEXT[meritLang()].actions || {})[action] || action;
}

// "a=80, b=90" -> [{item: "a", score: 80}, ...]
function parseRatings(text) {
  return text.split(",").map(x => x.trim()).filter(Boolean).map(x => {
    const [item, score] = x.split("=").map(y => y.trim());
    return {item, score: Number(score)};
  });
}

async function reviewView(manager, period) {
  const base = `/v1/reviews/${encodeURIComponent(manager)}/${encodeURIComponent(period)}`;
  const {data: r, tag} = await apiTagged("GET", base);
  const change = (method, path, body) => async () => {
    try { await apiTagged(method, path, body(), tag); route(); } catch (e) { stepError(e); }
  };
  const text = el("textarea", {name: "text", id: "review-text", rows: 3, placeholder: t("review_text")});
  const ratings = el("input", {name: "ratings", id: "review-ratings", placeholder: t("ratings_hint")});
  const goalText = el("input", {name: "goal", id: "goal-text", placeholder: t("goal")});
  // request_feedback names its raters ("USER=peer, ...") and the items to rate.
  const raters = el("input", {name: "raters", id: "feedback-raters", placeholder: t("raters_hint")});
  const items = el("input", {name: "items", id: "feedback-items", placeholder: t("items_hint")});
  const list = input => input.value.split(",").map(x => x.trim()).filter(Boolean);
  // next_actions are "submit_self (manager)": the steps of this user's role
  // (hr_admin may take any); goals and plans are edited by their own forms.
  const mine = r.next_actions.map(a => /^(\S+) \((\S+)\)$/.exec(a)).filter(Boolean)
    .filter(([, , role]) => role === state.me.role || state.me.role === "hr_admin").map(([, action]) => action);
  const actions = mine
    .filter((a, i, all) => all.indexOf(a) === i && !["add_goal", "remove_goal", "add_plan", "remove_plan"].includes(a))
    .map(a => el("button", {type: "button", id: `action-${a}`, onclick: change("POST", `${base}/actions/${a}`,
      () => ({text: text.value, reason: text.value, ratings: parseRatings(ratings.value),
              raters: list(raters), items: list(items)}))}, actionLabel(a)));
  show(el("h1", {}, `${r.name} (${r.manager}) · ${r.period}`),
    el("p", {id: "review-state"}, `${t("status")}: `, el("b", {}, r.state_label), ` (${r.state})`),
    el("h2", {}, t("goals")),
    r.goals.length ? table("goals", ["goal", "target"], r.goals.map(g => [g.text, g.target === null ? "" : num(g.target)]))
                   : el("p", {}, t("none")),
    r.state === "goals_draft" ? el("div", {class: "actions"}, goalText,
      el("button", {type: "button", id: "add-goal", onclick: change("POST", `${base}/goals`, () => ({text: goalText.value}))}, t("add_goal"))) : null,
    r.self_assessment ? el("p", {id: "self"}, `${t("self_assessment")}: ${r.self_assessment}`) : null,
    r.supervisor_comment ? el("p", {id: "comment"}, `${t("supervisor_comment")}: ${r.supervisor_comment}`) : null,
    r.plans.length ? table("plans", ["name", "basis", "created"], r.plans.map(p => [p.kind, p.text, p.due])) : null,
    el("h2", {}, t("next_step")),
    actions.length ? el("div", {class: "actions"}, text, ratings,
                        mine.includes("request_feedback") ? [raters, items] : null, ...actions) : el("p", {}, t("none")),
    el("p", {class: "error", id: "workflow-error"}));
}

async function disputesView() {
  const list = await api("GET", "/v1/disputes");
  show(el("h1", {}, t("disputes")),
       table("disputes", ["run", "manager", "line", "status", "reason"],
             list.items.map(d => [String(d.run), d.manager, d.line, d.state, d.reason])));
}

// 360° feedback the user is asked for: one form per request, a score for
// every item; the answer is stored without the rater's name.
async function feedbackView() {
  const inbox = await api("GET", "/v1/feedback/inbox");
  const forms = inbox.items.map(q => {
    const form = el("form", {class: "feedback", id: `feedback-${q.request}`, onsubmit: async ev => {
      ev.preventDefault();
      const scores = {};
      for (const item of q.items) scores[item] = Number(form[`score-${item}`].value);
      try {
        await apiTagged("POST", `/v1/feedback/${q.request}/answers`, {scores, comment: form.comment.value});
        route();
      } catch (e) { stepError(e); }
    }}, el("h2", {}, `${q.manager} · ${q.period}`),
      q.items.map(item => el("label", {}, item,
        el("input", {name: `score-${item}`, type: "number", min: 0, max: 100, required: true}))),
      el("label", {}, t("comment"), el("input", {name: "comment"})),
      el("button", {type: "submit"}, t("answer")));
    return form;
  });
  show(el("h1", {}, t("feedback")), el("p", {class: "hint"}, t("anonymous")),
       forms.length ? forms : el("p", {id: "feedback-none"}, t("none")),
       el("p", {class: "error", id: "workflow-error"}));
}

async function calibrationsView() {
  const list = await api("GET", "/v1/calibrations");
  show(el("h1", {}, t("calibrations")), table("calibrations", ["name", "run", "period", "status"],
    list.items.map(c => [el("a", {href: `#/calibrations/${c.id}`}, c.name), String(c.run), c.period, c.state])));
}

// A session: the managers with their preliminary and calibrated figures, a
// member's adjustment, and closing (a job that makes the calibrated run).
async function calibrationView(id) {
  const base = `/v1/calibrations/${id}`;
  const {data: v, tag} = await apiTagged("GET", base);
  const rows = v.managers.map(m => [m.manager_id, m.name, num(m.preliminary_total), num(m.total),
                                    m.preliminary_rating, m.rating]);
  const form = el("form", {id: "adjust", onsubmit: async ev => {
    ev.preventDefault();
    try {
      await apiTagged("POST", `${base}/adjustments`,
                      {manager: form.manager.value, points: Number(form.points.value), reason: form.reason.value}, tag);
      route();
    } catch (e) { stepError(e); }
  }}, el("input", {name: "manager", placeholder: t("manager"), required: true}),
      el("input", {name: "points", type: "number", step: "0.01", placeholder: t("points"), required: true}),
      el("input", {name: "reason", placeholder: t("reason"), required: true}),
      el("button", {type: "submit"}, t("adjust")));
  const close = el("button", {type: "button", id: "close-calibration", onclick: async () => {
    try {
      const {data: job} = await apiTagged("POST", `${base}/close`, {reason: t("calibrated")}, tag);
      let state = job;
      while (state.status === "queued" || state.status === "running") {
        await new Promise(resolve => setTimeout(resolve, 200));
        state = await api("GET", `/v1/jobs/${job.id}`);
      }
      if (state.status !== "succeeded") throw Object.assign(new Error(state.error ? state.error.message : state.status), {status: 422});
      route();  // the session, closed, names its calibrated run
    } catch (e) { stepError(e); }
  }}, t("close_calibration"));
  show(el("h1", {}, v.session.name),
    el("p", {id: "calibration-state"}, `${t("status")}: `, el("b", {}, v.session.state),
       v.session.calibrated_run ? ` · ${t("run")} ${v.session.calibrated_run}` : ""),
    table("calibration-managers", ["manager", "name", "preliminary", "total", "preliminary_rating", "rating"], rows),
    v.lines.length ? table("calibration-lines", ["manager", "points", "reason"],
                           v.lines.map(l => [l.manager_id, l.kind === "total" ? num(l.points) : l.to_rating, l.reason])) : null,
    v.session.state === "open" ? el("div", {class: "actions"}, form, close) : null,
    el("p", {class: "error", id: "workflow-error"}));
}

async function mineView() {
  const runs = await api("GET", "/v1/runs");
  if (!runs.items.length) { show(el("p", {}, t("none"))); return; }
  const latest = runs.items[runs.items.length - 1];
  location.replace(`#/runs/${latest.id}/managers/${encodeURIComponent(state.me.manager_id)}`);
}

// --- frame --------------------------------------------------------------
function renderBar() {
  document.documentElement.lang = meritLang();
  document.getElementById("lang").textContent = meritLang() === "zh" ? "EN" : "中文";
  const logout = document.getElementById("logout");
  logout.textContent = t("logout");
  logout.hidden = !state.me;
  document.getElementById("who").textContent = state.me ? `${state.me.name || state.me.user} · ${state.me.role}` : "";
  const nav = document.getElementById("nav");
  nav.replaceChildren();
  if (state.me && state.me.role !== "manager") nav.append(el("a", {href: "#/runs"}, t("runs")));
  if (state.me && state.me.manager_id) nav.append(el("a", {href: "#/mine"}, t("my_statement")));
  if (state.me && state.me.role !== "payroll") nav.append(el("a", {href: "#/reviews"}, t("reviews")));
  if (state.me) nav.append(el("a", {href: "#/disputes"}, t("disputes")));
  if (state.me) nav.append(el("a", {href: "#/feedback"}, t("feedback")));
  if (state.me && ["hr_admin", "committee", "auditor"].includes(state.me.role))
    nav.append(el("a", {href: "#/calibrations"}, t("calibrations")));
}

async function route() {
  if (!state.me) {
    try { state.me = await api("GET", "/v1/session"); } catch (e) { state.me = null; }
  }
  renderBar();
  const [path, queryText] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(queryText || "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (!state.me || parts[0] === "login") { loginView(); return; }
  show(el("p", {}, t("loading")));
  try {
    if (parts[0] === "mine") await mineView();
    else if (parts[0] === "runs" && parts.length === 1) await runsView();
    else if (parts[0] === "runs" && parts.length === 2) await dashboardView(parts[1]);
    else if (parts[0] === "runs" && parts[2] === "ranking") await rankingView(parts[1], params);
    else if (parts[0] === "runs" && parts[2] === "managers") await statementView(parts[1], parts[3]);
    else if (parts[0] === "runs" && parts[2] === "pay") await payView(parts[1]);
    else if (parts[0] === "reviews" && parts.length === 1) await reviewsView();
    else if (parts[0] === "reviews" && parts.length === 3) await reviewView(parts[1], parts[2]);
    else if (parts[0] === "disputes") await disputesView();
    else if (parts[0] === "feedback") await feedbackView();
    else if (parts[0] === "calibrations" && parts.length === 1) await calibrationsView();
    else if (parts[0] === "calibrations" && parts.length === 2) await calibrationView(parts[1]);
    else location.replace(state.me.role === "manager" ? "#/mine" : "#/runs");
  } catch (e) { failure(e); }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("lang").addEventListener("click", () => {
    localStorage.setItem("merit.lang", meritLang() === "zh" ? "en" : "zh");
    route();
  });
  document.getElementById("logout").addEventListener("click", async () => {
    try { await api("DELETE", "/v1/session"); } catch (e) { /* already gone */ }
    state.me = null;
    location.hash = "#/login";
  });
  window.addEventListener("hashchange", route);
  route();
});
