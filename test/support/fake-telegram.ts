// A fake Telegram Bot API on 127.0.0.1 for tests: records every call to /bot<token>/<method> and answers
// like the Bot API (sendMessage, editMessageText, answerCallbackQuery, sendDocument, webhooks, getMe), or with
// scripted failures.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeTelegramCall {
  method: string;
  token: string;
  body: Record<string, unknown>;
}

export interface SentMessage {
  chat_id: string;
  text: string;
  reply_markup?: unknown;
  method: "sendMessage" | "editMessageText";
  message_id: number;
}

/** A file uploaded with sendDocument (multipart), as text. */
export interface SentDocument {
  chat_id: string;
  filename: string;
  content: string;
  message_id: number;
}

/** A file part of a multipart call, read as text. */
interface UploadedFile {
  filename: string;
  content: string;
}

export interface FakeTelegram {
  /** Base URL to use as `TELEGRAM_API_ROOT` (the apiRoot), without a trailing slash. */
  url: string;
  /** When set, calls with any other token are answered 401 Unauthorized. */
  token?: string;
  /** Every call, in order, including those answered with a failure. */
  calls: FakeTelegramCall[];
  /** Texts that were sent or edited in (optionally for one chat), in order, as the calls carried them. */
  sent(chatId?: string | number): SentMessage[];
  /** Files sent with sendDocument (optionally to one chat), in order. */
  documents(chatId?: string | number): SentDocument[];
  /** Answers the next `times` (default 1) calls of `method` with `status` and `body` (JSON; a string as is). */
  failNext(method: string, status: number, body: unknown, times?: number): void;
  close(): Promise<void>;
}

const NOT_FOUND = { ok: false, error_code: 404, description: "Not Found: method not found" };
const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";
const badRequest = (description: string) => ({
  ok: false,
  error_code: 400,
  description: `Bad Request: ${description}`,
});

/** Answers `body` as JSON; a string is sent as it is (like a proxy's HTML error page). */
function send(res: ServerResponse, status: number, body: unknown): void {
  const raw = typeof body === "string";
  res.writeHead(status, { "content-type": raw ? "text/html" : "application/json" });
  res.end(raw ? body : JSON.stringify(body));
}

/** Form fields carry objects (reply_markup) as JSON strings, as the Bot API accepts them. */
function parseField(value: string): unknown {
  return /^\s*[[{]/.test(value) ? JSON.parse(value) : value;
}

async function readBody(req: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/json")) return raw.length ? JSON.parse(raw.toString("utf8")) : {};
  const fields: Array<[string, string | UploadedFile]> = type.includes("multipart/form-data")
    ? parseMultipart(raw, type)
    : [...new URLSearchParams(raw.length ? raw.toString("utf8") : url.search).entries()];
  return Object.fromEntries(fields.map(([k, v]) => [k, typeof v === "string" ? parseField(v) : v]));
}

/**
 * Multipart as grammY writes it (`content-disposition:form-data;name="x";filename=y`, no spaces, an
 * unquoted file name), which the Bot API accepts but fetch's own FormData parser refuses.
 */
function parseMultipart(raw: Buffer, type: string): Array<[string, string | UploadedFile]> {
  const boundary = /boundary=("?)([^";]+)\1/i.exec(type)?.[2];
  if (!boundary) throw new Error("multipart without a boundary");
  const text = raw.toString("utf8");
  const out: Array<[string, string | UploadedFile]> = [];
  for (const part of text.split(`--${boundary}`).slice(1)) {
    if (part.startsWith("--")) break;
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const value = part.slice(split + 4).replace(/\r\n$/, "");
    const name = /(?:^|[;\s])name="([^"]*)"/i.exec(headers)?.[1];
    const filename = /filename=(?:"([^"]*)"|([^;\r\n]+))/i.exec(headers);
    if (name === undefined) continue;
    out.push([name, filename ? { filename: filename[1] ?? filename[2] ?? "", content: value } : value]);
  }
  return out;
}

/** What the fake remembers between calls. */
interface State {
  shown: Map<string, SentMessage>; // by "chat/message id": what each message shows now
  log: SentMessage[];
  documents: SentDocument[];
  nextId: number;
  webhookUrl: string;
}

type Answer = [status: number, body: unknown];

/** sendMessage and editMessageText, with the checks the Bot API makes that a renderer could fail. */
function postText(state: State, editing: boolean, body: Record<string, unknown>, bot: object): Answer {
  const chatId = body.chat_id === undefined ? "" : String(body.chat_id);
  const text = typeof body.text === "string" ? body.text : "";
  if (!chatId) return [400, badRequest("chat_id is empty")];
  if (!text.trim()) return [400, badRequest("message text is empty")];
  if (text.length > 4096) return [400, badRequest("message is too long")];
  const rows = (body.reply_markup as { inline_keyboard?: unknown[][] } | undefined)?.inline_keyboard ?? [];
  const data = rows.flat().map((b) => String((b as { callback_data?: unknown }).callback_data ?? "x"));
  if (data.some((d) => Buffer.byteLength(d) < 1 || Buffer.byteLength(d) > 64))
    return [400, badRequest("BUTTON_DATA_INVALID")];
  const messageId = editing ? Number(body.message_id) : state.nextId++;
  const before = state.shown.get(`${chatId}/${messageId}`);
  const same =
    before?.text === text && JSON.stringify(before.reply_markup) === JSON.stringify(body.reply_markup);
  if (editing && same) return [400, badRequest(NOT_MODIFIED)];
  const markup = body.reply_markup === undefined ? {} : { reply_markup: body.reply_markup };
  const method = editing ? "editMessageText" : "sendMessage";
  const entry: SentMessage = { chat_id: chatId, text, ...markup, method, message_id: messageId };
  state.shown.set(`${chatId}/${messageId}`, entry);
  state.log.push(entry);
  const date = Math.floor(Date.now() / 1000);
  const chat = { id: /^-?\d+$/.test(chatId) ? Number(chatId) : chatId, type: "private" };
  const edited = editing ? { edit_date: date } : {};
  return [
    200,
    { ok: true, result: { message_id: messageId, from: bot, chat, date, ...edited, text, ...markup } },
  ];
}

/** sendDocument with an uploaded file: `document` is "attach://<part>", the part carries the file. */
function postDocument(state: State, body: Record<string, unknown>, bot: object): Answer {
  const chatId = body.chat_id === undefined ? "" : String(body.chat_id);
  if (!chatId) return [400, badRequest("chat_id is empty")];
  const ref = typeof body.document === "string" ? body.document : "";
  const part = ref.startsWith("attach://") ? body[ref.slice("attach://".length)] : undefined;
  const file = part as UploadedFile | undefined;
  if (!file || typeof file.content !== "string")
    return [400, badRequest("there is no document in the request")];
  if (!file.content.length) return [400, badRequest("file must be non-empty")];
  const messageId = state.nextId++;
  state.documents.push({
    chat_id: chatId,
    filename: file.filename,
    content: file.content,
    message_id: messageId,
  });
  const chat = { id: /^-?\d+$/.test(chatId) ? Number(chatId) : chatId, type: "private" };
  const document = { file_name: file.filename, file_id: `doc${messageId}`, file_unique_id: `u${messageId}` };
  const date = Math.floor(Date.now() / 1000);
  return [200, { ok: true, result: { message_id: messageId, from: bot, chat, date, document } }];
}

function answer(state: State, method: string, token: string, body: Record<string, unknown>): Answer {
  const bot = {
    id: Number(token.split(":")[0]) || 424242,
    is_bot: true,
    first_name: "Time Credits",
    username: "timecredits_bot",
  };
  const ok = (result: unknown): Answer => [200, { ok: true, result }];
  switch (method.toLowerCase()) {
    case "sendmessage":
      return postText(state, false, body, bot);
    case "editmessagetext":
      return postText(state, true, body, bot);
    case "senddocument":
      return postDocument(state, body, bot);
    case "answercallbackquery":
      return body.callback_query_id ? ok(true) : [400, badRequest("QUERY_ID_INVALID")];
    case "setwebhook":
      state.webhookUrl = typeof body.url === "string" ? body.url : "";
      return ok(true);
    case "deletewebhook":
      state.webhookUrl = "";
      return ok(true);
    case "setmycommands":
      return ok(true);
    case "getwebhookinfo":
      return ok({ url: state.webhookUrl, has_custom_certificate: false, pending_update_count: 0 });
    case "getme":
      return ok({
        ...bot,
        can_join_groups: false,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
      });
    default:
      return [404, NOT_FOUND];
  }
}

export async function startFakeTelegram(): Promise<FakeTelegram> {
  const calls: FakeTelegramCall[] = [];
  const failures = new Map<string, Array<{ status: number; body: unknown }>>();
  const state: State = { shown: new Map(), log: [], documents: [], nextId: 1, webhookUrl: "" };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const token = decodeURIComponent(match[1] ?? "");
    const method = match[2] ?? "";
    const body = await readBody(req, url);
    calls.push({ method, token, body });
    const failure = failures.get(method.toLowerCase())?.shift();
    if (failure) return send(res, failure.status, failure.body);
    if (fake.token !== undefined && token !== fake.token)
      return send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    send(res, ...answer(state, method, token, body));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) =>
      send(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(err)}` }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeTelegram = {
    url: `http://127.0.0.1:${port}`,
    calls,
    sent: (chatId) =>
      chatId === undefined ? [...state.log] : state.log.filter((m) => m.chat_id === String(chatId)),
    documents: (chatId) =>
      chatId === undefined
        ? [...state.documents]
        : state.documents.filter((d) => d.chat_id === String(chatId)),
    failNext(method, status, body, times = 1) {
      const queue = failures.get(method.toLowerCase()) ?? [];
      for (let i = 0; i < times; i++) queue.push({ status, body });
      failures.set(method.toLowerCase(), queue);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
  return fake;
}
