// Writes src/lib/phone-metadata.json: libphonenumber-js's "max" metadata cut down to the numbering
// plans of the default countries (+44, +48, +371), plus the list of every country calling code.
// "max" rather than "min" because it carries each plan's number types (mobile, premium rate, personal
// number …): the bot refuses to text the types that cost the scheme (src/lib/phone.ts, refusedKind).
// That is about 1 KiB more than "min" for these countries.
// The whole metadata is 83 KB (19 KiB gzipped) of the Worker bundle's 250 KiB budget; numbers of other
// countries are still read by their calling code (src/lib/phone.ts), so they can be refused by name.
// Run after upgrading libphonenumber-js: `node scripts/phone-metadata.mjs`
// (test/bench/bundle.test.ts fails while the file differs from what this script writes).
import { readFileSync, writeFileSync } from "node:fs";

export const CALLING_CODES = ["44", "48", "371"];

export function phoneMetadata() {
  const full = JSON.parse(
    readFileSync(new URL("../node_modules/libphonenumber-js/metadata.max.json", import.meta.url), "utf8"),
  );
  const countries = CALLING_CODES.flatMap((code) => full.country_calling_codes[code] ?? []);
  return {
    version: full.version,
    country_calling_codes: Object.fromEntries(CALLING_CODES.map((c) => [c, full.country_calling_codes[c]])),
    countries: Object.fromEntries(countries.map((id) => [id, full.countries[id]])),
    nonGeographic: {},
    // Not libphonenumber's: for every other calling code, the possible lengths of its national
    // numbers (all its countries together), so such a number is checked as isPossible() would.
    otherLengths: otherLengths(full),
  };
}

/**
 * { "1": "10|1", "49": "4 5 6 …|0", "683": "4 7|", … } outside CALLING_CODES: by calling code, the possible lengths
 * of national numbers (all its countries together), then the national prefix ("" when none), which
 * people sometimes write after the calling code ("+44 (0)…") and libphonenumber drops.
 */
function otherLengths(full) {
  const lengths = {};
  const prefixes = {};
  const add = (code, entry) => {
    if (CALLING_CODES.includes(code)) return;
    // Min metadata: [calling code, IDD prefix, national number pattern, possible lengths, formats,
    // national prefix, …]; the main country of a calling code comes first.
    lengths[code] = [...new Set([...(lengths[code] ?? []), ...(entry[3] ?? [])])].sort((a, b) => a - b);
    prefixes[code] ??= typeof entry[5] === "string" ? entry[5] : "";
  };
  for (const [code, ids] of Object.entries(full.country_calling_codes))
    for (const id of ids) if (full.countries[id]) add(code, full.countries[id]);
  for (const [code, entry] of Object.entries(full.nonGeographic ?? {})) add(code, entry);
  return Object.fromEntries(
    Object.entries(lengths)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, list]) => [code, `${list.join(" ")}|${prefixes[code]}`]),
  );
}

export const TARGET = new URL("../src/lib/phone-metadata.json", import.meta.url);

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(TARGET, `${JSON.stringify(phoneMetadata())}\n`);
  console.log(`wrote ${TARGET.pathname}`);
}
