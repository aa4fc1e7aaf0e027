// Many queries read as ONE statement: each query's rows come back as a JSON array in one column.
// The Node libSQL client's cost is mostly per statement (prepare, columns, reading each row), so the
// conversation's read is one statement instead of twenty; on Turso it stays one round trip.
import type { InStatement, ResultSet } from "./db.ts";

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

function columnName(expression: string): string {
  const alias = /\bAS\s+(\w+)\s*$/i.exec(expression);
  return alias?.[1] ?? expression.slice(expression.lastIndexOf(".") + 1).trim();
}

/**
 * One statement with a column per query, named by its key, holding that query's rows as a JSON array
 * of objects: `SELECT (SELECT json_group_array(json_object('id', "id", …)) FROM (<query>)) AS "key", …`.
 * JSON keeps what the mappers need: integers and reals as numbers, text as strings, NULL as null
 * (no query read this way returns a BLOB). An ORDER BY inside a query is kept: SQLite does not flatten
 * an ordered subquery into an aggregate.
 */
export function combine(queries: Readonly<Record<string, Query>>): InStatement {
  const parts = Object.entries(queries).map(([key, q]) => {
    const fields = q.columns.map((c) => `'${c}', "${c}"`).join(", ");
    return `(SELECT json_group_array(json_object(${fields})) FROM (${q.sql})) AS "${key}"`;
  });
  return { sql: `SELECT ${parts.join(",\n  ")}`, args: Object.values(queries).flatMap((q) => q.args) };
}

/** The rows of each query of a `combine`d statement, by key. */
export function readCombined<K extends string>(
  result: ResultSet | undefined,
  queries: Readonly<Record<K, Query>>,
): Record<K, Row[]> {
  const row = result?.rows[0];
  const out = {} as Record<K, Row[]>;
  for (const key of Object.keys(queries) as K[]) out[key] = JSON.parse(String(row?.[key] ?? "[]")) as Row[];
  return out;
}
