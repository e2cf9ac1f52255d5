import { afterEach, describe, expect, it } from "vitest";
import {
  currencyDigits,
  detectLocale,
  formatDate,
  formatMoney,
  hasKey,
  i18n,
  pluralCategory,
  setLocale,
  t,
  translate,
} from "../lib/i18n/index.svelte";

const NBSP = "\u00a0";

afterEach(() => setLocale("en"));

describe("formatMoney", () => {
  it("formats minor units in English", () => {
    expect(formatMoney(123456, "EUR", "en")).toBe("€1,234.56");
    expect(formatMoney(-5, "EUR", "en")).toBe("-€0.05");
    expect(formatMoney(0, "EUR", "en")).toBe("€0");
    expect(formatMoney(1_200_000, "EUR", "en")).toBe("€12,000");
    expect(formatMoney(1234, "JPY", "en")).toBe("12.34 JPY");
    expect(formatMoney(123456, "USD", "en")).toBe("$1,234.56");
  });

  it("formats minor units in Russian with no-break spaces", () => {
    const eur = formatMoney(123456, "EUR", "ru");
    expect(eur).toBe(`1${NBSP}234,56${NBSP}€`);
    const rub = formatMoney(123456, "RUB", "ru");
    expect(rub).toBe(`1${NBSP}234,56${NBSP}₽`);
    expect(formatMoney(1_500_000_00, "RUB", "ru")).toMatch(new RegExp(`^1${NBSP}500${NBSP}000${NBSP}(₽|RUB)$`));
  });

  it("stores every currency in hundredths, as the core does", () => {
    expect(currencyDigits("EUR")).toBe(2);
    expect(currencyDigits("HUF")).toBe(2);
    expect(currencyDigits("JPY")).toBe(2);
    expect(formatMoney(1234567, "KWD", "en")).toBe("12,345.67 KWD");
  });

  it("shows forints in whole units, grouped with no-break spaces", () => {
    expect(formatMoney(123456789, "HUF", "hu")).toBe(`1${NBSP}234${NBSP}568${NBSP}Ft`);
    expect(formatMoney(123456, "EUR", "el")).toBe(`1.234,56${NBSP}€`);
    expect(formatMoney(1200000, "BGN", "bg")).toBe(`12${NBSP}000${NBSP}лв.`);
  });

  it("survives a code Intl rejects", () => {
    expect(formatMoney(1234, "E1", "en")).toBe("12.34 E1");
  });

  it("follows the current locale by default", () => {
    setLocale("ru");
    expect(formatMoney(123456, "EUR")).toBe(`1${NBSP}234,56${NBSP}€`);
  });
});

describe("formatDate", () => {
  it("formats ISO dates per locale", () => {
    // As the printed documents show them (crates/core/src/pdf/formats.json).
    expect(formatDate("2026-03-05", "medium", "en")).toBe("5 Mar 2026");
    expect(formatDate("2026-03-05", "medium", "ru")).toBe("05.03.2026");
    expect(formatDate("2026-03-05", "medium", "hu")).toBe("2026. 03. 05.");
    expect(formatDate("2026-03-05", "short", "en")).toBe(`5${NBSP}Mar`);
    expect(formatDate("2026-03-05", "short", "ru")).toBe("05.03");
  });

  it("does not shift the day with the time zone", () => {
    expect(formatDate("2026-01-01", "medium", "en")).toBe("1 Jan 2026");
    expect(formatDate("2025-12-31", "medium", "en")).toBe("31 Dec 2025");
  });

  it("returns what it cannot parse", () => {
    expect(formatDate("soon", "medium", "en")).toBe("soon");
    expect(formatDate("2026-02-30", "medium", "en")).toBe("2026-02-30");
  });
});

describe("plurals and interpolation", () => {
  it("picks English forms", () => {
    expect(translate("en", "board.days_in_step", { count: 1 })).toBe("1 day in step");
    expect(translate("en", "board.days_in_step", { count: 0 })).toBe("0 days in step");
    expect(translate("en", "board.days_in_step", { count: 2 })).toBe("2 days in step");
    expect(translate("en", "board.days_in_step", { count: 1234 })).toBe("1,234 days in step");
  });

  it("picks Russian one/few/many forms", () => {
    expect(pluralCategory(1, "ru")).toBe("one");
    expect(pluralCategory(3, "ru")).toBe("few");
    expect(pluralCategory(5, "ru")).toBe("many");
    const d = (count: number) => translate("ru", "board.days_in_step", { count });
    expect(d(1)).toBe("1 день на шаге");
    expect(d(21)).toBe("21 день на шаге");
    expect(d(2)).toBe("2 дня на шаге");
    expect(d(24)).toBe("24 дня на шаге");
    expect(d(5)).toBe("5 дней на шаге");
    expect(d(11)).toBe("11 дней на шаге");
    expect(d(0)).toBe("0 дней на шаге");
    expect(translate("ru", "board.open_deals", { count: 12 })).toBe("открытых сделок");
    expect(translate("ru", "board.open_deals", { count: 22 })).toBe("открытые сделки");
  });

  it("picks Bulgarian, Greek and Hungarian one/other forms", () => {
    for (const lang of ["bg", "el", "hu"] as const) {
      expect(new Intl.PluralRules(lang).resolvedOptions().pluralCategories.sort(), lang).toEqual(["one", "other"]);
      expect(pluralCategory(1, lang)).toBe("one");
      for (const n of [0, 2, 5, 11, 21]) expect(pluralCategory(n, lang), `${lang} ${n}`).toBe("other");
    }
    const bg = (count: number) => translate("bg", "board.days_in_step", { count });
    expect(bg(1)).toBe("1 ден на стъпката");
    expect(bg(21)).toBe("21 дни на стъпката");
    expect(bg(0)).toBe("0 дни на стъпката");
    const el = (count: number) => translate("el", "board.days_in_step", { count });
    expect(el(1)).toBe("1 ημέρα στο βήμα");
    expect(el(3)).toBe("3 ημέρες στο βήμα");
    // Hungarian counts with the singular noun: one and other read the same.
    expect(translate("hu", "board.days_in_step", { count: 1 })).toBe("1 napja ebben a lépésben");
    expect(translate("hu", "board.days_in_step", { count: 7 })).toBe("7 napja ebben a lépésben");
    expect(translate("bg", "board.open_deals", { count: 1 })).toBe("отворена сделка");
    expect(translate("el", "board.open_deals", { count: 2 })).toBe("ανοιχτές συμφωνίες");
  });

  it("interpolates {name} placeholders and leaves unknown ones", () => {
    expect(translate("en", "board.as_of", { date: "Mar 5, 2026" })).toBe("As of Mar 5, 2026");
    expect(translate("ru", "board.stage_number", { n: 2 })).toBe("Этап 2");
    expect(translate("en", "board.as_of")).toBe("As of {date}");
  });

  it("falls back to the key when it is missing", () => {
    expect(translate("ru", "no.such.key")).toBe("no.such.key");
    expect(hasKey("board.title")).toBe(true);
    expect(hasKey("board")).toBe(false);
    expect(hasKey("sources.other")).toBe(true);
  });

  it("t() follows the reactive locale", () => {
    setLocale("en");
    expect(t("nav.conveyor")).toBe("Conveyor");
    setLocale("ru");
    expect(i18n.locale).toBe("ru");
    expect(t("nav.conveyor")).toBe("Конвейер");
    expect(t("stages.first_deal")).toBe("Первая сделка");
  });
});

describe("detectLocale", () => {
  it("prefers the saved setting, then the system language", () => {
    expect(detectLocale("ru", "en-US")).toBe("ru");
    expect(detectLocale("en", "ru-RU")).toBe("en");
    expect(detectLocale(null, "ru-RU")).toBe("ru");
    expect(detectLocale(null, "ru")).toBe("ru");
    expect(detectLocale(null, "bg-BG")).toBe("bg");
    expect(detectLocale(null, "el")).toBe("el");
    expect(detectLocale(null, "hu_HU.UTF-8")).toBe("hu");
    expect(detectLocale("hu", "el-GR")).toBe("hu");
    expect(detectLocale(null, "de-DE")).toBe("en");
    expect(detectLocale(null, "")).toBe("en");
  });
});
