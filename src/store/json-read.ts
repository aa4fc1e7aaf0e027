// Many queries read as ONE statement: each query's rows come back as a JSON array in one column.
// The Node libSQL client's cost is mostly per statement (prepare, columns, reading each row), so the
// conversation's read is one statement instead of twenty; on Turso it stays one round trip.
import type { ResultSet } from "./db.ts";

export type SqlArg = string | number | bigint | null | Uint8Array;
type Row = Record<string, unknown>;

/**
 * A SELECT that knows the names of its result columns, so it can also be read back as JSON inside a
 * combined statement. It is an ordinary statement too: `db.execute(query)` works as before.
 */
export interface Query {
  sql: string;
  args: SqlArg[];
  columns: readonly string[];
}

/**
 * `SELECT <columns> <rest>`, naming each result column as SQLite does: what follows `AS`, or the
 * column without its table (`m.name` → `name`). A compound query's names are its first SELECT's.
 *
 * @example select(["m.id", "m.name", "0 AS available"], "FROM members m WHERE m.phone = ?", phone)
 */
export function select(columns: readonly string[], rest: string, ...args: SqlArg[]): Query {
  return { sql: `SELECT ${columns.join(", ")} ${rest}`, args, columns: columns.map(columnName) };
}

// Every message names the same column expressions again (a regex each): the names are kept.
const names = new Map<string, string>();

function columnName(expression: string): string {
  let name = names.get(expression);
  if (name === undefined) {
    const alias = /\bAS\s+(\w+)\s*$/i.exec(expression);
    name = alias?.[1] ?? expression.slice(expression.lastIndexOf(".") + 1).trim();
    // Expressions are the code's own, a few hundred at most; the bound guards against any built from data.
    if (names.size >= 2000) names.clear();
    names.set(expression, name);
  }
  return name;
}

/**
 * One statement with a column per query, named by its key, holding that query's rows as a JSON array
 * of arrays: `SELECT (SELECT json_group_array(json_array("id", …)) FROM (<query>)) AS "key", …`.
 * Arrays, not objects: the column names are known here, and leaving them out makes the JSON SQLite
 * writes and JSON.parse reads about 40 % shorter. JSON keeps what the mappers need: integers and reals
 * as numbers, text as strings, NULL as null (no query read this way returns a BLOB). An ORDER BY
 * inside a query is kept: SQLite does not flatten an ordered subquery into an aggregate.
 */
export function combine(queries: Readonly<Record<string, Query>>): { sql: string; args: SqlArg[] } {
  const args: SqlArg[] = [];
  let shape = "";
  for (const key in queries) {
    const q = queries[key] as Query;
    for (const a of q.args) args.push(a);
    shape += `${key}:${q.sql.length}:${q.columns.length}:${q.args.length},`;
  }
  // Messages of one kind send the same statement: it is written once per shape (the queries' names,
  // the lengths of their SQL, columns and arguments) and kept, so the 10 KB text is neither joined
  // again nor hashed again by the statement cache (native-db.ts). A query's SQL depends only on which
  // query it is (the sender's channel, what the read plan asked for), never on data: values are
  // always arguments. The whole suite runs with every kept statement checked (CHECK_KEPT).
  let sql = combined.get(shape);
  if (sql === undefined) {
    sql = combinedSql(queries);
    if (combined.size >= 200) combined.clear();
    combined.set(shape, sql);
  } else if (CHECK_KEPT && sql !== combinedSql(queries))
    throw new Error(`combine: the kept statement for ${shape} is not the one these queries make`);
  return { sql, args };
}

const combined = new Map<string, string>();
/** Under test, every kept statement is checked against the one its queries make. */
const CHECK_KEPT = typeof process !== "undefined" && process.env?.VITEST !== undefined;

function combinedSql(queries: Readonly<Record<string, Query>>): string {
  const parts = Object.entries(queries).map(([key, q]) => {
    const fields = q.columns.map((c) => `"${c}"`).join(", ");
    return `(SELECT json_group_array(json_array(${fields})) FROM (${q.sql})) AS "${key}"`;
  });
  return `SELECT ${parts.join(",\n  ")}`;
}

/**
 * The last parse of each large part, by key. Some come back the same in almost every message (the
 * events and offers on sale; the scheme's partners and contacts after a change, until the read skips
 * them again, conversation-read.ts): when the text is the same as last time its rows are reused,
 * frozen, since every message shares them.
 */
const lastParsed = new Map<string, { text: string; columns: readonly string[]; rows: Row[] }>();
const REUSE_FROM_CHARS = 512;

/** The rows of each query of a `combine`d statement, by key, as objects named by its columns. */
export function readCombined<K extends string>(
  result: ResultSet | undefined,
  queries: Readonly<Record<K, Query>>,
): Record<K, Row[]> {
  const row = result?.rows[0];
  const out = {} as Record<K, Row[]>;
  for (const key of Object.keys(queries) as K[]) {
    const { columns } = queries[key];
    const text = String(row?.[key] ?? "[]");
    if (text.length < REUSE_FROM_CHARS) {
      out[key] = parseRows(text, columns);
      continue;
    }
    const last = lastParsed.get(key);
    if (last && last.text === text && sameColumns(last.columns, columns)) {
      out[key] = last.rows;
      continue;
    }
    const rows = parseRows(text, columns);
    for (const r of rows) Object.freeze(r);
    Object.freeze(rows);
    lastParsed.set(key, { text, columns, rows });
    out[key] = rows;
  }
  return out;
}

function parseRows(text: string, columns: readonly string[]): Row[] {
  const values = JSON.parse(text) as unknown[][];
  const rows: Row[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as unknown[];
    const r: Row = {};
    // As a JSON object would: the last of two equal names wins.
    for (let c = 0; c < columns.length; c++) r[columns[c] as string] = v[c];
    rows[i] = r;
  }
  return rows;
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}
