// Types of scripts/sim-client.mjs, for the test that keeps src/channels/sim/client-script.ts current.
/** The simulator's browser script, bundled from src/channels/sim/client.ts. */
export declare function clientScript(): string;
/** The text of src/channels/sim/client-script.ts. */
export declare function clientScriptSource(): string;
export declare const TARGET: URL;
