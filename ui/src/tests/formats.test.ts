import { describe, expect, it } from "vitest";
import { formatMoney, formatNumber, formatPercent } from "../lib/i18n/index.svelte";
import shared from "../../../crates/core/src/pdf/formats.json";

type Case = { kind: string; lang: "en" | "ru"; value: number; currency?: string; text: string };

// The same cases the core's document formatting is tested against
// (crates/core/src/pdf/i18n.rs): a figure reads the same on screen and on paper.
describe("numbers, percentages and money agree with the printed documents", () => {
  const cases = (shared as { cases: Case[] }).cases;
  it("has the shared cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });
  for (const c of cases) {
    it(`${c.kind} ${c.lang} ${c.value}${c.currency ? ` ${c.currency}` : ""}`, () => {
      const got =
        c.kind === "int" || c.kind === "decimal"
          ? formatNumber(Math.round(c.value * 10) / 10, c.lang)
          : c.kind === "percent"
            ? formatPercent(c.value, c.lang)
            : formatMoney(c.value, c.currency ?? "EUR", c.lang);
      expect(got).toBe(c.text);
    });
  }
});
