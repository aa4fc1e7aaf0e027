// The demo scheme with a newcomer's cap on open requests (newcomerOpenRequests, 2 by default) raised
// to the general cap, for transcripts whose members log several hours before any is confirmed and
// whose subject is something else. The caps themselves are tested in test/abuse/request-caps.test.ts.
import { demoScheme } from "./harness.ts";

export function roomyDemoScheme(): unknown {
  const file = demoScheme() as { scheme: { settings?: Record<string, unknown> } };
  file.scheme.settings = { ...file.scheme.settings, newcomerOpenRequests: 5 };
  return file;
}
