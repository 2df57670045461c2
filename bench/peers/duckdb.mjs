// The DuckDB peer of bench/run: an analyst with DuckDB computing the issue-24
// indicators from the same CSVs Merit imports.
//
//   node bench/peers/duckdb.mjs load DB DATA_DIR     CSVs into the DuckDB file DB (one table per file)
//   node bench/peers/duckdb.mjs compute DB PERIOD OUT  the indicator query; OUT: one CSV row per manager
//
// Two processes so that bench/run times the load and the query apart, as it
// times `merit import` and `merit run`. DuckDB uses every core it is given.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quarter } from './period.mjs';

// Column types of the files the query reads; the other files are sniffed.
const TYPED = {
    managers: { id: 'VARCHAR', name: 'VARCHAR', org_unit_id: 'VARCHAR', role: 'VARCHAR', grade: 'VARCHAR', hired_on: 'DATE', status: 'VARCHAR' },
    assignments: { customer_id: 'VARCHAR', manager_id: 'VARCHAR', share: 'DOUBLE', role: 'VARCHAR', valid_from: 'DATE', valid_to: 'DATE' },
    facts: { entity: 'VARCHAR', entity_id: 'VARCHAR', metric: 'VARCHAR', date: 'DATE', value: 'DOUBLE' },
    events: { manager_id: 'VARCHAR', kind: 'VARCHAR', date: 'DATE', quantity: 'DOUBLE', amount: 'DOUBLE', note: 'VARCHAR', ref: 'VARCHAR' },
    targets: { manager_id: 'VARCHAR', indicator: 'VARCHAR', period: 'VARCHAR', value: 'DOUBLE' },
    ratings: { manager_id: 'VARCHAR', period: 'VARCHAR', rater_role: 'VARCHAR', item: 'VARCHAR', score: 'DOUBLE', rater_id: 'VARCHAR' },
};
const FILES = ['org_units', 'managers', 'customers', 'assignments', 'metrics', 'facts', 'events', 'targets', 'ratings'];
const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;

async function load(db, dataDir) {
    const connection = await (await DuckDBInstance.create(db)).connect();
    for (const file of FILES) {
        const path = quote(join(dataDir, `${file}.csv`));
        const types = TYPED[file];
        const options = types
            ? `header = true, columns = {${Object.entries(types).map(([k, v]) => `${quote(k)}: ${quote(v)}`).join(', ')}}`
            : 'header = true';
        await connection.run(`CREATE OR REPLACE TABLE ${file} AS SELECT * FROM read_csv(${path}, ${options})`);
    }
    connection.closeSync();
}

async function compute(db, period, out) {
    const q = quarter(period);
    const constants = { ...q, XUN: q.xun.map((x) => `(${x.lo}, ${x.hi}, ${x.w})`).join(', ') };
    const here = dirname(fileURLToPath(import.meta.url));
    const sql = readFileSync(join(here, 'indicators.duckdb.sql'), 'utf8').replace(/\$\{(\w+)\}/g, (_, name) => {
        if (!(name in constants)) throw new Error(`indicators.duckdb.sql: unknown constant ${name}`);
        return String(constants[name]);
    });
    const connection = await (await DuckDBInstance.create(db)).connect();
    await connection.run(sql);
    await connection.run(`COPY (SELECT * FROM indicators ORDER BY manager_id) TO ${quote(out)} (HEADER, DELIMITER ',')`);
    connection.closeSync();
}

const [mode, ...args] = process.argv.slice(2);
try {
    if (mode === 'load' && args.length === 2) await load(...args);
    else if (mode === 'compute' && args.length === 3) await compute(...args);
    else {
        console.error('usage: duckdb.mjs load DB DATA_DIR | compute DB PERIOD OUT');
        process.exit(2);
    }
} catch (error) {
    console.error(`duckdb.mjs ${mode}: ${error.message}`);
    process.exit(1);
}
