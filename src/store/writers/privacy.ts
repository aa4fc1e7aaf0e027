// DELETE ME and the end of a conversation.
import { forgetStatements } from "../privacy-write.ts";
import { NOTHING, type Writer } from "./types.ts";

export const forgetMember: Writer<"forgetMember"> = {
  place: "inOrder",
  write: (e, { w, inbound }) => forgetStatements(e, inbound, w.now, w.erased),
};

/** The conversation row itself is deleted where it is saved (conversation-write.ts saveConversation). */
export const forgetConversation: Writer<"forgetConversation"> = NOTHING;
