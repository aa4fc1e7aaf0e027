// What a pressed button sends back, on any channel: a Telegram button's callback data, a WhatsApp
// quick reply's ButtonPayload (a template's button id, e.g. `c:{{code}}:y`). Both use the data of ReplyAction.

/** What a pressed button stands for: an option number, or a partner's YES/NO on a request. */
export function callbackText(data: string): string {
  const option = /^o:(\d{1,2})(?::\d+)?$/.exec(data);
  if (option) return option[1] ?? "";
  const decision = /^c:(\d{3,5}):([yn])$/.exec(data);
  if (decision) return `${decision[2] === "y" ? "YES" : "NO"} ${decision[1]}`;
  return "";
}

/** The conversation version an option button belongs to ("o:2:17" → 17). */
export function questionOf(data: string): { questionVersion?: number } {
  const match = /^o:\d{1,2}:(\d+)$/.exec(data);
  return match ? { questionVersion: Number(match[1]) } : {};
}
