// A fake Twilio REST API on 127.0.0.1 for tests: records every Messages.json POST and answers
// like Twilio (201 with a message resource), or with scripted failures.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { countSegments } from "../../src/lib/segments.ts";

export interface FakeTwilioCall {
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
  /** A WhatsApp template: its Content SID and variables (JSON), sent instead of a Body. */
  contentSid?: string;
  contentVariables?: string;
  /** Where Twilio would report the message's delivery. */
  statusCallback?: string;
  /** The Authorization header as received, e.g. `Basic QUM…`. */
  auth: string;
}

export interface FakeTwilio {
  /** Base URL to use as `TWILIO_API_URL`, without a trailing slash. */
  url: string;
  /** Every POST to a Messages.json endpoint, in order, including those answered with a failure. */
  calls: FakeTwilioCall[];
  /** Answers the next `times` (default 1) message POSTs with `status` and `body` as JSON. */
  failNext(status: number, body: unknown, times?: number): void;
  close(): Promise<void>;
}

/** The fields of a message resource that the fake does not vary (from Twilio's 201 answer). */
const CREATED = {
  api_version: "2010-04-01",
  date_sent: null,
  direction: "outbound-api",
  error_code: null,
  error_message: null,
  num_media: "0",
  price: null,
  price_unit: "GBP",
  status: "queued",
};

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function twilioError(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const calls: FakeTwilioCall[] = [];
  const failures: Array<{ status: number; body: unknown }> = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const match = MESSAGES_PATH.exec(path);
    if (req.method !== "POST" || !match) {
      send(res, 404, twilioError(404, 20404, "The requested resource was not found"));
      return;
    }
    const accountSid = decodeURIComponent(match[1] ?? "");
    const form = new URLSearchParams(await readBody(req));
    const auth = req.headers.authorization ?? "";
    const call: FakeTwilioCall = { to: form.get("To") ?? "", body: form.get("Body") ?? "", auth };
    const from = form.get("From");
    const messagingServiceSid = form.get("MessagingServiceSid");
    if (from !== null) call.from = from;
    for (const [field, key] of [
      ["ContentSid", "contentSid"],
      ["ContentVariables", "contentVariables"],
      ["StatusCallback", "statusCallback"],
    ] as const) {
      const value = form.get(field);
      if (value !== null) call[key] = value;
    }
    if (messagingServiceSid !== null) call.messagingServiceSid = messagingServiceSid;
    calls.push(call);

    const failure = failures.shift();
    if (failure) {
      send(res, failure.status, failure.body);
      return;
    }
    // Like Twilio: the user in basic auth must be the account in the path.
    const user = Buffer.from(auth.replace(/^Basic /, ""), "base64")
      .toString("utf8")
      .split(":")[0];
    if (!auth.startsWith("Basic ") || user !== accountSid) {
      send(res, 401, twilioError(401, 20003, "Authenticate"));
      return;
    }
    if (!call.to) return send(res, 400, twilioError(400, 21604, "A 'To' phone number is required."));
    if (!call.body && !call.contentSid)
      return send(res, 400, twilioError(400, 21602, "Message body is required."));
    if (!call.from && !call.messagingServiceSid) {
      return send(res, 400, twilioError(400, 21603, "A 'From' phone number is required."));
    }

    const sid = `SM${randomUUID().replaceAll("-", "")}`;
    const now = new Date().toUTCString().replace("GMT", "+0000");
    const base = `/2010-04-01/Accounts/${accountSid}/Messages/${sid}`;
    send(res, 201, {
      ...CREATED,
      account_sid: accountSid,
      sid,
      to: call.to,
      from: call.from ?? null,
      messaging_service_sid: call.messagingServiceSid ?? null,
      body: call.body,
      num_segments: String(countSegments(call.body).segments),
      date_created: now,
      date_updated: now,
      subresource_uris: { media: `${base}/Media.json` },
      uri: `${base}.json`,
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, twilioError(500, 20500, String(err))));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    failNext(status, body, times = 1) {
      for (let i = 0; i < times; i++) failures.push({ status, body });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
