import { describe, expect, test } from "vitest";
import { plainLetters } from "../../src/lib/plain-letters.ts";
import { countSegments } from "../../src/lib/segments.ts";

describe("plainLetters", () => {
  test("Polish letters lose their marks", () => {
    expect(plainLetters("Zażółć gęślą jaźń ŁĄKA")).toBe("Zazolc gesla jazn LAKA");
  });
  test("Latvian letters lose their marks", () => {
    expect(plainLetters("Jānis, ģimene, ķēde, ļoti, ņem, šodien, ūdens, žēl, Čaks")).toBe(
      "Janis, gimene, kede, loti, nem, sodien, udens, zel, Caks",
    );
  });
  test("the result is GSM-7 and plain text is untouched", () => {
    expect(countSegments(plainLetters("Masz 3 godziny. Dziękujemy! Paldies, Jāni!")).encoding).toBe("GSM-7");
    expect(plainLetters("You have 3 credits (£8).")).toBe("You have 3 credits (£8).");
  });
});
