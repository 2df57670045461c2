// The application's words in Chinese and English; the choice is kept in
// localStorage and switched by the button in the bar.
"use strict";
const MERIT_TEXT = {
  zh: {
    login: "登录", user: "用户", password: "密码", logout: "退出", wrong_login: "用户或密码错误",
    runs: "运行", run: "运行", scheme: "方案", period: "期间", status: "状态", managers: "客户经理",
    created: "创建时间", dashboard: "看板", ranking: "排名", statement: "个人报表",
    distribution: "总分分布", ratings: "评级", ratings_per_unit: "各机构评级", average: "平均分",
    pay_total: "薪酬合计", rank: "名次", manager: "客户经理", name: "姓名", unit: "机构", grade: "职级",
    total: "总分", rating: "评级", pay: "薪酬", all: "全部", search: "搜索编号或姓名", filter: "筛选",
    more: "更多", dimensions: "维度", indicators: "指标", adjustments: "调整", pay_lines: "薪酬明细",
    decisions: "决定", trace: "计算过程", value: "值", target: "目标", score: "得分", weight: "权重",
    contribution: "贡献", points: "分值", basis: "依据", explain: "完整推导", download: "下载报表",
    draft: "草稿", final: "已定稿", superseded: "已被取代", none: "无", forbidden: "无权查看", error: "出错了",
    back: "返回", base_total: "调整前", vetoed: "否决", my_statement: "我的报表", loading: "加载中…",
    rank_in_unit: "机构内名次", yuan: "元",
    pay_approval: "薪酬审批", reason: "原因", pay_submit: "提交审批", pay_approve: "审批通过", pay_release: "发放",
    pay_state_calculated: "已计算", pay_state_submitted: "待审批", pay_state_approved: "已审批", pay_state_released: "已发放",
    approver: "审批人", payroll_file: "薪酬文件", reviews: "考核面谈", open_review: "发起考核", goals: "目标",
    goal: "目标内容", add_goal: "添加目标", review_text: "自评 / 评语 / 面谈记录 / 原因",
    ratings_hint: "评分: 项目=分数, 项目=分数", self_assessment: "自评", supervisor_comment: "上级评语",
    next_step: "下一步", disputes: "申诉", line: "申诉项",
    feedback: "360°评价", anonymous: "评价匿名保存, 不记录评价人", comment: "意见", answer: "提交评价",
    calibrations: "校准会", preliminary: "初评总分", preliminary_rating: "初评评级", adjust: "调整总分",
    close_calibration: "结束校准并生成校准结果", calibrated: "校准完成",
    raters_hint: "评价人: 用户=peer, 用户=subordinate", items_hint: "评价项目: teamwork, service",
    actions: {propose_goals: "提交目标", agree_goals: "确认目标", return_goals: "退回目标", submit_self: "提交自评",
              submit_scores: "提交评分", return_self: "退回自评", request_feedback: "发起360°评价",
              close_feedback: "结束360°评价", send_to_calibration: "提交校准", calibrate: "校准", return_scores: "退回评分",
              hold_interview: "记录面谈", acknowledge: "确认结果", contest: "提出异议", propose_plans: "提交改进计划",
              agree_plans: "确认计划", return_plans: "退回计划", close: "完成考核"}
  },
  en: {
    login: "Log in", user: "User", password: "Password", logout: "Log out", wrong_login: "Wrong user or password",
    runs: "Runs", run: "Run", scheme: "Scheme", period: "Period", status: "Status", managers: "Managers",
    created: "Created", dashboard: "Dashboard", ranking: "Ranking", statement: "Statement",
    distribution: "Distribution of totals", ratings: "Ratings", ratings_per_unit: "Ratings per unit",
    average: "Average", pay_total: "Total pay", rank: "Rank", manager: "Manager", name: "Name", unit: "Unit",
    grade: "Grade", total: "Total", rating: "Rating", pay: "Pay", all: "All", search: "Search id or name",
    filter: "Filter", more: "More", dimensions: "Dimensions", indicators: "Indicators",
    adjustments: "Adjustments", pay_lines: "Pay lines", decisions: "Decisions", trace: "Trace", value: "Value",
    target: "Target", score: "Score", weight: "Weight", contribution: "Contribution", points: "Points",
    basis: "Basis", explain: "Full derivation", download: "Download report", draft: "DRAFT",
    final: "FINAL", superseded: "SUPERSEDED", none: "none", forbidden: "Not allowed", error: "Something went wrong", back: "Back",
    base_total: "Before adjustments", vetoed: "Vetoed", my_statement: "My statement", loading: "Loading…",
    rank_in_unit: "Rank in unit", yuan: "yuan",
    pay_approval: "Pay approval", reason: "Reason", pay_submit: "Submit", pay_approve: "Approve", pay_release: "Release",
    pay_state_calculated: "calculated", pay_state_submitted: "submitted", pay_state_approved: "approved",
    pay_state_released: "released", approver: "Approver", payroll_file: "Payroll file", reviews: "Reviews",
    open_review: "Open review", goals: "Goals", goal: "Goal", add_goal: "Add goal",
    review_text: "Self-assessment / comment / notes / reason", ratings_hint: "Ratings: item=score, item=score",
    self_assessment: "Self-assessment", supervisor_comment: "Supervisor's comment", next_step: "Next step",
    disputes: "Disputes", line: "Line",
    feedback: "360° feedback", anonymous: "Answers are stored without your name", comment: "Comment",
    answer: "Send answer", calibrations: "Calibration", preliminary: "Preliminary total",
    preliminary_rating: "Preliminary rating", adjust: "Adjust total", close_calibration: "Close and make the calibrated run",
    calibrated: "calibration complete", raters_hint: "Raters: user=peer, user=subordinate",
    items_hint: "Items: teamwork, service",
    actions: {propose_goals: "Propose goals", agree_goals: "Agree goals", return_goals: "Return goals",
              submit_self: "Submit self-assessment", submit_scores: "Submit scores", return_self: "Return self-assessment",
              request_feedback: "Request 360° feedback", close_feedback: "Close feedback",
              send_to_calibration: "Send to calibration", calibrate: "Calibrate", return_scores: "Return scores",
              hold_interview: "Record interview", acknowledge: "Acknowledge", contest: "Contest",
              propose_plans: "Propose plans", agree_plans: "Agree plans", return_plans: "Return plans", close: "Close"}
  }
};
function meritLang() {
  const saved = localStorage.getItem("merit.lang");
  return saved === "en" ? "en" : "zh";
}
function t(key) {
  return (MERIT_TEXT[meritLang()] || MERIT_TEXT.zh)[key] || key;
}
