// The ordered list of schema migrations. Add a file NNNN_name.ts and list it here.
import init from "./0001_init.ts";
import confirmations from "./0002_confirmations.ts";
import telegram from "./0003_telegram.ts";
import spending from "./0004_spending.ts";

export const migrations: ReadonlyArray<{ id: number; name: string; sql: string }> = [
  { id: 1, name: "init", sql: init },
  { id: 2, name: "confirmations", sql: confirmations },
  { id: 3, name: "telegram", sql: telegram },
  { id: 4, name: "spending", sql: spending },
];
