// Types for the workerd suites: the `cloudflare:test` module and golden files imported as text.
/// <reference types="@cloudflare/vitest-plugin/types" />

declare module "*.txt?raw" {
  const text: string;
  export default text;
}
