// Soak test: starts the Node server (src/node.ts) on 127.0.0.1 with a fresh database file, drives it
// for SOAK_SECONDS (default 120) with signed Twilio webhooks from 200 simulated members and a few
// partner contacts, ~16 requests in flight, then stops it and checks the ledger against the driver's
// own tally: every confirmed hour counted exactly once, pending hours as logged, no negative balance,
// no conversation stuck in a question, one inbound row per message sent. Prints throughput and
// p50/p99 latency; exits 0 when everything adds up, 1 otherwise.
//
//   npm run soak                      # full length (120 s)
//   SOAK_SECONDS=30 npm run soak      # the short form CI runs
//
// Environment: SOAK_SECONDS, SOAK_CONCURRENCY (16), SOAK_MEMBERS (200, at most 1000).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client";
import { inboundSmsForm } from "../test/support/twilio-form.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SECONDS = positive("SOAK_SECONDS", 120);
const CONCURRENCY = positive("SOAK_CONCURRENCY", 16);
const MEMBER_COUNT = Math.min(positive("SOAK_MEMBERS", 200), 1000);
const AUTH_TOKEN = "soak_auth_token_0123456789";
const ACCOUNT_SID = `AC${"5".repeat(32)}`;
const SCHEME_NUMBER = "+447700900999";
const TIMEZONE = "Europe/London";
/** Partner contacts in the demo scheme who log hours for members (confirmed at once), each one lane. */
const CONTACTS = ["+447700900006", "+447700900005", "+447700900008", "+447700900003"]; // Dave, Priya, Laura, Sue
/** Days back a log may name (never today, so a run across midnight cannot shift a day). */
const DAYS_BACK = 25;
const MAX_DAY_MINUTES = 16 * 60;
const REQUEST_TIMEOUT_MS = 15_000;

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`${name} must be a positive number, not ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return n;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Twilio's signature: base64(HMAC-SHA1(auth token, URL + each parameter name and value, sorted by name)). */
function sign(url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac("sha1", AUTH_TOKEN).update(data, "utf8").digest("base64");
}

/** dd/mm of the day `back` days before today in the scheme's timezone, and its YYYY-MM-DD key. */
function dayBack(back: number): { text: string; key: string } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: TIMEZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(new Date());
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const day = new Date(Date.UTC(get("year"), get("month") - 1, get("day") - back));
  const key = day.toISOString().slice(0, 10);
  return { text: `${key.slice(8, 10)}/${key.slice(5, 7)}`, key };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

interface Member {
  phone: string;
  name: string;
  step: number;
  joined: boolean;
  busy: boolean;
  /** Minutes the driver had confirmed (a contact's log) and logged pending (the member's own). */
  confirmed: number;
  pending: number;
  /** Their own requests still waiting (every soak request is one hour, and nobody answers them). */
  open: number;
  /** Earning minutes per day, confirmed and pending, as the 16-hour daily limit counts them. */
  days: Map<string, number>;
}

/** A name the join question accepts: letters only, distinct per member. */
function nameFor(i: number): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  let n = i;
  let suffix = "";
  do {
    suffix += letters[n % 26];
    n = Math.floor(n / 26);
  } while (n > 0);
  return `Soak${suffix}`;
}

const JOIN = ["hello", "1", "", "yes"] as const;
const JOIN_REPLY = [/Pick a language/, /first name/, /OK\? Reply YES or NO/, /Welcome, Soak/] as const;

async function main(): Promise<number> {
  const port = await freePort();
  const closedPort = await freePort(); // nothing listens there: deliveries to Twilio fail and retry
  const dir = mkdtempSync(join(tmpdir(), "timecredits-soak-"));
  const dbFile = join(dir, "soak.db");
  const publicUrl = `http://127.0.0.1:${port}`;
  const logFile = join(dir, "server.log");
  const serverLog = createWriteStream(logFile);
  const failures: string[] = [];
  const fail = (message: string) => {
    if (failures.length < 50) failures.push(message);
    else if (failures.length === 50) failures.push("… (more failures left out)");
  };

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: `file:${dbFile}`,
    PUBLIC_URL: publicUrl,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM: SCHEME_NUMBER,
    TWILIO_API_URL: `http://127.0.0.1:${closedPort}`,
    SCHEME_TIMEZONE: TIMEZONE,
  };
  console.log(
    `soak: ${SECONDS} s, ${MEMBER_COUNT} members, ${CONCURRENCY} in flight, server on ${publicUrl}`,
  );
  // Production never loads the demo by itself: the scheme is imported first, as a real scheme would be.
  const imported = spawnSync(
    join(ROOT, "node_modules/.bin/tsx"),
    ["src/cli/main.ts", "import", "examples/demo-scheme.json"],
    { cwd: ROOT, env, encoding: "utf8" },
  );
  if (imported.status !== 0) {
    console.error(`SOAK FAILED: importing the scheme: ${imported.stderr}`);
    return 1;
  }
  // Its own process group, so that stopping it stops tsx and the node process under it.
  const server: ChildProcess = spawn(join(ROOT, "node_modules/.bin/tsx"), ["src/node.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  server.stdout?.pipe(serverLog);
  server.stderr?.pipe(serverLog);
  let exited: number | null = null;
  const exit = new Promise<void>((resolve) =>
    server.on("exit", (code, signal) => {
      exited = code ?? (signal ? 128 : 1);
      resolve();
    }),
  );
  const stopServer = async () => {
    if (exited !== null || server.pid === undefined) return;
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {}
    const stopped = await Promise.race([exit.then(() => true), sleep(10_000).then(() => false)]);
    if (!stopped && exited === null) {
      try {
        process.kill(-server.pid, "SIGKILL");
      } catch {}
      await Promise.race([exit, sleep(5_000)]);
    }
  };
  // Bounded whatever happens: a hung server or driver cannot keep the process alive.
  const watchdog = setTimeout(
    () => {
      console.error("soak: watchdog fired, stopping");
      if (server.pid !== undefined)
        try {
          process.kill(-server.pid, "SIGKILL");
        } catch {}
      process.exit(1);
    },
    (SECONDS + 180) * 1000,
  );
  watchdog.unref();

  try {
    // --- wait for GET /health
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (exited !== null) throw new Error(`the server exited (${exited}) before answering /health`);
      const ok = await fetch(`${publicUrl}/health`, { signal: AbortSignal.timeout(2_000) })
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error("the server did not answer /health within 60 s");
      await sleep(200);
    }

    // A few lanes send far more than any person would: lift the scheme's abuse limits for them.
    const setup = createClient({ url: `file:${dbFile}`, intMode: "number" });
    await setup.execute(
      `UPDATE scheme SET settings = '{"rateLimitMessages":100000,"rateLimitMinutes":1,"invitesPerDay":100000}' WHERE id = 1`,
    );
    setup.close();

    // --- the driver
    const members: Member[] = Array.from({ length: MEMBER_COUNT }, (_, i) => ({
      phone: `+4477009${String(10_000 + i).padStart(5, "0")}`,
      name: nameFor(i),
      step: 0,
      joined: false,
      busy: false,
      confirmed: 0,
      pending: 0,
      open: 0,
      days: new Map(),
    }));
    const contactBusy = new Map(CONTACTS.map((c) => [c, false]));
    const latencies: number[] = [];
    let sent = 0;
    let retried = 0;
    let balanceChecks = 0;
    let sidCounter = 0;
    const counts = { join: 0, confirmed: 0, pending: 0, capped: 0, balance: 0 };

    /** One signed webhook; a 5xx is delivered again with the same MessageSid, as Twilio does. */
    const sms = async (from: string, body: string): Promise<string | null> => {
      const sid = `SM${String(++sidCounter).padStart(32, "0")}`;
      const params = inboundSmsForm({ from, body, sid, to: SCHEME_NUMBER, accountSid: ACCOUNT_SID });
      const signature = sign(`${publicUrl}/sms`, params);
      for (let attempt = 1; attempt <= 3; attempt++) {
        const started = performance.now();
        let status = 0;
        let text = "";
        try {
          const res = await fetch(`${publicUrl}/sms`, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
            body: new URLSearchParams(params).toString(),
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          status = res.status;
          text = await res.text();
        } catch (error) {
          text = String((error as Error).name);
        }
        latencies.push(performance.now() - started);
        if (status === 200) {
          if (attempt === 1) sent++;
          // The messages, entities decoded (the TwiML holds nothing but <Message> text).
          return [...text.matchAll(/<Message>([\s\S]*?)<\/Message>/g)]
            .map((m) =>
              (m[1] ?? "")
                .replace(/&lt;/g, "<")
                .replace(/&gt;/g, ">")
                .replace(/&quot;/g, '"')
                .replace(/&apos;/g, "'")
                .replace(/&amp;/g, "&"),
            )
            .join("\n");
        }
        if (attempt === 1) sent++; // delivered (and perhaps recorded) once, whatever the answer
        if (status !== 0 && status < 500) {
          fail(`${from} "${body}": HTTP ${status} ${text.slice(0, 120)}`);
          return null;
        }
        retried++;
        await sleep(100 * attempt);
      }
      fail(`${from} "${body}": no 200 after 3 deliveries`);
      return null;
    };

    const pickDay = (m: Member): { text: string; key: string } | null => {
      for (let tries = 0; tries < 8; tries++) {
        const d = dayBack(1 + Math.floor(Math.random() * DAYS_BACK));
        if ((m.days.get(d.key) ?? 0) + 60 <= MAX_DAY_MINUTES) return d;
      }
      for (let back = 1; back <= DAYS_BACK; back++) {
        const d = dayBack(back);
        if ((m.days.get(d.key) ?? 0) + 60 <= MAX_DAY_MINUTES) return d;
      }
      return null;
    };

    const act = async (m: Member): Promise<void> => {
      if (!m.joined) {
        const body = JOIN[m.step] || m.name;
        const reply = await sms(m.phone, body);
        counts.join++;
        if (reply === null) return;
        const expected = JOIN_REPLY[m.step];
        if (expected && !expected.test(reply)) {
          fail(`${m.phone} joining, "${body}": unexpected reply ${JSON.stringify(reply)}`);
          return;
        }
        m.step++;
        if (m.step === JOIN.length) m.joined = true;
        return;
      }
      const roll = Math.random();
      const contact = CONTACTS.find((c) => !contactBusy.get(c));
      const day = pickDay(m);
      if (roll < 0.45 && contact && day) {
        // A contact logs an hour for the member: confirmed at once.
        contactBusy.set(contact, true);
        try {
          const reply = await sms(contact, `LOG 1 ${m.phone} ${day.text}`);
          counts.confirmed++;
          if (reply === null) return;
          if (/^Logged 1 h\b[^\n]*for 1 person/.test(reply)) {
            m.confirmed += 60;
            m.days.set(day.key, (m.days.get(day.key) ?? 0) + 60);
          } else fail(`${contact} LOG 1 ${m.phone} ${day.text}: unexpected reply ${JSON.stringify(reply)}`);
        } finally {
          contactBusy.set(contact, false);
        }
      } else if (roll < 0.75 && day) {
        // The member logs an hour at the Staithe: pending until Kate or Marek confirms.
        const reply = await sms(m.phone, `LOG 1 staithe ${day.text}`);
        counts.pending++;
        if (reply === null) return;
        // The scheme's caps on open requests (defaults): 2 until a partner has confirmed them once, then 5.
        const cap = m.confirmed > 0 ? 5 : 2;
        if (m.open < cap && /Recorded: 1 h at The Staithe/.test(reply)) {
          m.pending += 60;
          m.open++;
          m.days.set(day.key, (m.days.get(day.key) ?? 0) + 60);
        } else if (
          m.open >= cap &&
          /(can wait at once|the most at once)\. Log more once one is answered/.test(reply)
        ) {
          counts.capped++;
        } else fail(`${m.phone} LOG 1 staithe ${day.text}: unexpected reply ${JSON.stringify(reply)}`);
      } else {
        const reply = await sms(m.phone, "BALANCE");
        counts.balance++;
        if (reply === null) return;
        // Nothing else touches this member while its message is in flight: the balance is exact.
        const credits = /You have ([\d.]+) credits?/.exec(reply)?.[1];
        balanceChecks++;
        if (credits === undefined || Number(credits) * 60 !== m.confirmed)
          fail(`${m.phone} BALANCE: ${JSON.stringify(reply)}, expected ${m.confirmed / 60} credits`);
      }
    };

    const started = performance.now();
    const end = Date.now() + SECONDS * 1000;
    // Every 10 s, the window's figures, so a slowdown as the tables grow shows.
    let windowFrom = 0;
    const progress = setInterval(() => {
      const window = latencies.slice(windowFrom).sort((a, b) => a - b);
      windowFrom = latencies.length;
      console.log(
        `  ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s: ${(window.length / 10).toFixed(1)} requests/s, ` +
          `p50 ${percentile(window, 50).toFixed(1)} ms, p99 ${percentile(window, 99).toFixed(1)} ms`,
      );
    }, 10_000);
    const worker = async () => {
      while (Date.now() < end && exited === null) {
        // A member with nothing in flight; the ones still joining first, so everyone joins early.
        const idle = members.filter((m) => !m.busy);
        const joining = idle.filter((m) => !m.joined);
        const pool = joining.length ? joining : idle;
        const m = pool[Math.floor(Math.random() * pool.length)];
        if (!m) {
          await sleep(1);
          continue;
        }
        m.busy = true;
        try {
          await act(m);
        } finally {
          m.busy = false;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    clearInterval(progress);
    const elapsed = (performance.now() - started) / 1000;
    if (exited !== null) fail(`the server exited (${exited}) during the run`);

    // --- figures
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `sent ${sent} messages in ${elapsed.toFixed(1)} s: throughput ${(sent / elapsed).toFixed(1)} messages/s; ` +
        `latency p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, ` +
        `max ${(sorted.at(-1) ?? 0).toFixed(1)} ms; ${retried} redelivered after a 5xx or timeout`,
    );
    console.log(
      `  joins ${counts.join}, confirmed logs ${counts.confirmed}, pending logs ${counts.pending} (${counts.capped} refused at the cap), ` +
        `balance checks ${balanceChecks}; ${members.filter((m) => m.joined).length}/${members.length} members joined`,
    );

    // --- stop the server, then check the database
    await stopServer();
    const db = createClient({ url: `file:${dbFile}`, intMode: "number" });
    try {
      const rows = async (sqlText: string, ...args: Array<string | number>) =>
        (await db.execute({ sql: sqlText, args })).rows;
      const byPhone = new Map(
        (
          await rows(
            `SELECT m.phone,
               COALESCE(SUM(CASE WHEN l.kind = 'earning' AND l.status = 'confirmed' THEN l.minutes END), 0) AS confirmed,
               COALESCE(SUM(CASE WHEN l.kind = 'earning' AND l.status = 'pending' THEN l.minutes END), 0) AS pending,
               COUNT(l.id) AS entries
             FROM members m LEFT JOIN ledger_entries l ON l.member_id = m.id
             WHERE m.phone LIKE '+44770091%' GROUP BY m.id`,
          )
        ).map((r) => [String(r.phone), r]),
      );
      let confirmedTotal = 0;
      for (const m of members) {
        const row = byPhone.get(m.phone);
        confirmedTotal += m.confirmed;
        if (!row) {
          if (m.joined) fail(`${m.phone} joined but has no members row`);
          continue;
        }
        if (Number(row.confirmed) !== m.confirmed)
          fail(
            `${m.phone}: ${row.confirmed} confirmed minutes in the ledger, the driver confirmed ${m.confirmed}`,
          );
        if (Number(row.pending) !== m.pending)
          fail(`${m.phone}: ${row.pending} pending minutes in the ledger, the driver logged ${m.pending}`);
      }
      const negative = await rows(
        `SELECT m.phone, SUM(CASE WHEN l.status = 'confirmed' OR (l.status = 'held' AND l.minutes < 0)
           THEN l.minutes ELSE 0 END) AS minutes
         FROM members m JOIN ledger_entries l ON l.member_id = m.id GROUP BY m.id HAVING minutes < 0`,
      );
      for (const r of negative) fail(`${r.phone} has a negative balance: ${r.minutes} minutes`);
      const stuck = await rows(
        "SELECT address, state FROM conversations WHERE state NOT IN ('idle', 'stopped') AND expires_at IS NULL",
      );
      for (const r of stuck) fail(`conversation ${r.address} is stuck in ${r.state} with no expiry`);
      const inbound = Number((await rows("SELECT COUNT(*) AS n FROM inbound_messages"))[0]?.n);
      if (inbound !== sent) fail(`${inbound} inbound messages recorded, ${sent} sent`);
      const states = await rows(
        "SELECT state, COUNT(*) AS n FROM conversations GROUP BY state ORDER BY n DESC",
      );
      const outbox = await rows("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status");
      console.log(
        `  ledger: ${confirmedTotal / 60} confirmed hours as tallied; inbound rows ${inbound}; conversations ` +
          states.map((r) => `${r.state} ${r.n}`).join(", ") +
          `; outbox ${outbox.map((r) => `${r.status} ${r.n}`).join(", ") || "empty"}`,
      );
    } finally {
      db.close();
    }
  } catch (error) {
    fail(`soak aborted: ${(error as Error).stack ?? error}`);
  } finally {
    await stopServer();
    serverLog.end();
  }

  const serverErrors = readFileSync(logFile, "utf8")
    .split("\n")
    .filter((line) => /"request\.failed"|"later\.failed"/.test(line));
  if (serverErrors.length) {
    console.log(`  server logged ${serverErrors.length} errors, e.g.:`);
    for (const line of serverErrors.slice(0, 5)) console.log(`    ${line.slice(0, 300)}`);
  }
  if (failures.length) {
    console.log(`SOAK FAILED (${failures.length} problems):`);
    for (const f of failures) console.log(`  - ${f}`);
    console.log(`  (database and server log kept in ${dir})`);
    return 1;
  }
  rmSync(dir, { recursive: true, force: true });
  console.log("SOAK OK: every confirmed hour counted once, no negative balance, no stuck conversation");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
