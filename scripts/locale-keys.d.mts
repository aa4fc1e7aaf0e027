// Types of scripts/locale-keys.mjs, for the test that keeps src/i18n/keys.ts up to date.
export declare const DEFAULT_NAMESPACE: string;
/** The keys of locales/en by namespace, plural forms as their base key, sorted. */
export declare function localeKeys(): Record<string, string[]>;
/** The text of src/i18n/keys.ts. */
export declare function keysSource(): string;
export declare const TARGET: URL;
