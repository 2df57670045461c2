// The constants of a quarter "YYYY-Qn" that the peers' indicator queries
// need: first and last day, day numbers since 1970-01-01 of it and of the
// quarter before, and its nine 旬 (days 1-10, 11-20, 21-end of each month;
// each day of a 旬 with n days weighs 1 / (n × 9)).
const DAY_MS = 86400000;
const dayNumber = (y, m, d) => Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
const iso = (n) => new Date(n * DAY_MS).toISOString().slice(0, 10);

export function quarter(period) {
    const match = /^(\d{4})-Q([1-4])$/.exec(period);
    if (!match) throw new Error(`period: expected YYYY-Qn, got "${period}"`);
    const year = Number(match[1]);
    const firstMonth = (Number(match[2]) - 1) * 3 + 1;
    const lo = dayNumber(year, firstMonth, 1);
    const hi = dayNumber(year, firstMonth + 3, 1) - 1;
    const plo = dayNumber(year, firstMonth - 3, 1);
    const xun = [];
    for (let k = 0; k < 3; ++k) {
        const m0 = dayNumber(year, firstMonth + k, 1);
        const m1 = dayNumber(year, firstMonth + k + 1, 1) - 1;
        for (const [a, b] of [[m0, m0 + 9], [m0 + 10, m0 + 19], [m0 + 20, m1]]) xun.push({ lo: a, hi: b, w: 1 / ((b - a + 1) * 9) });
    }
    return {
        PERIOD: period, FIRST_DAY: iso(lo), LAST_DAY: iso(hi), LO: lo, HI: hi, PLO: plo, PHI: lo - 1,
        DAYS: hi - lo + 1, PDAYS: lo - plo, YEAR_SHARE: (hi - lo + 1) / 360, xun,
    };
}
