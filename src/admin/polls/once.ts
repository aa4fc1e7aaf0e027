// A poll's Send pressed twice sends once. The preview hands out a one-time token; a send first claims
// it by writing its audit row ("poll.send", subject "poll-send:<token>") in a write batch that the
// write_guard check aborts when that row is there already, so of two sends racing with one token
// exactly one wins (writes are serialised). The service makes its own broadcast key, so the page
// cannot reuse the broadcast's key the way /admin/broadcast does.
import type { Deps } from "../../deps.ts";
import { auditStatement } from "../../store/audit.ts";
import { isConflict, sql } from "../../store/db.ts";

const TOKEN = /^[A-Za-z0-9-]{8,64}$/;

/** A fresh token for one preview's Send form. */
export const newSendToken = (): string => crypto.randomUUID();

export const isSendToken = (token: string): boolean => TOKEN.test(token);

/** True for the first use of `token`, false for every later one. */
export async function claimSend(
  deps: Deps,
  token: string,
  actor: string,
  question: string,
): Promise<boolean> {
  const subject = `poll-send:${token}`;
  const usedSql = "SELECT 1 FROM audit_log WHERE subject = ? AND action = 'poll.send'";
  try {
    await deps.db.batch(
      [
        sql(`INSERT INTO write_guard (ok) SELECT 0 WHERE EXISTS (${usedSql})`, subject),
        auditStatement(
          { actor, action: "poll.send", subject, before: null, after: { question } },
          deps.now(),
        ),
      ],
      "write",
    );
    return true;
  } catch (error) {
    if (!isConflict(error)) throw error;
    // A busy database is a conflict too, but not a use of the token.
    if ((await deps.db.execute(sql(usedSql, subject))).rows.length) return false;
    throw error;
  }
}
