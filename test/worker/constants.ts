// Settings the Worker under test is given (as bindings) and the tests sign and address with.
// Imported both by the vitest config (Node) and by the tests (workerd): no imports here.

export const AUTH_TOKEN = "test_auth_token_0123456789";
export const ACCOUNT_SID = `AC${"0".repeat(32)}`;
export const SCHEME_NUMBER = "+447700900999";
export const PUBLIC_URL = "https://bot.example.org";
/** Never reached over the network: the tests answer requests to it in the isolate (see support.ts). */
export const FAKE_TWILIO_URL = "https://twilio.invalid";
/** The database every test file's own database is copied from: migrated, demo scheme imported. */
export const TEMPLATE_DB = "template";
