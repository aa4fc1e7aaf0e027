import { expect, test } from "vitest";
import { createI18n } from "../../src/i18n/index.ts";

test("i18n loads", () => {
  expect(createI18n().t("en", "nothing.here")).toBe("nothing.here");
});
