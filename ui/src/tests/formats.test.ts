import { describe, expect, it } from "vitest";
import { formatMoney, formatNumber, formatPercent } from "../lib/i18n/index.svelte";
import { formatDateKind, type DateKind } from "../lib/i18n/format";
import type { Lang } from "../lib/bindings/Lang";
import shared from "../../../crates/core/src/pdf/formats.json";

type Case = { kind: string; lang: Lang; value: number | string; currency?: string; text: string };
const DATE_KINDS = ["date", "short_date", "weekday_date", "month", "month_long"];

// The same cases the core's formatting is tested against
// (crates/core/src/locale.rs): a figure or a date reads the same on screen and on paper.
describe("numbers, percentages and money agree with the printed documents", () => {
  const cases = (shared as { cases: Case[] }).cases;
  it("has the shared cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.lang))).toEqual(new Set(["en", "ru", "bg", "el", "hu"]));
  });
  for (const c of cases) {
    it(`${c.kind} ${c.lang} ${c.value}${c.currency ? ` ${c.currency}` : ""}`, () => {
      const v = c.value;
      const got = DATE_KINDS.includes(c.kind)
        ? formatDateKind(String(v), c.kind as DateKind, c.lang)
        : c.kind === "int" || c.kind === "decimal"
          ? formatNumber(Math.round(Number(v) * 10) / 10, c.lang)
          : c.kind === "percent"
            ? formatPercent(Number(v), c.lang)
            : formatMoney(Number(v), c.currency ?? "EUR", c.lang);
      expect(got).toBe(c.text);
    });
  }
});
