// Numbers, percentages, money and dates per locale, from the one table the
// core's documents and messages use too (crates/core/src/pdf/formats.json,
// read by crates/core/src/locale.rs). Both sides are tested against the
// table's `cases`, so a figure or a date reads the same on screen and on paper.

import table from "../../../../crates/core/src/pdf/formats.json";
import type { Lang } from "../bindings/Lang";
import { parseIsoDate } from "../dates";

type Locale = {
  group: string;
  decimal: string;
  percent: string;
  money: string;
  money_prefix?: string;
  prefix_currencies?: string[];
  date: string;
  short_date: string;
  weekday_date: string;
  month: string;
  month_long: string;
  months_short: string[];
  months_long: string[];
  weekdays_short: string[];
};

const locales = table.locales as Record<string, Locale>;
const symbols = table.currencies.symbols as Record<string, string>;
const wholeCurrencies: readonly string[] = table.currencies.whole_currencies;

function loc(lang: Lang): Locale {
  return locales[lang] ?? locales.en;
}

function groupDigits(digits: string, sep: string): string {
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return out;
}

/** A number rounded to at most `places` decimals, digits grouped, trailing zeros dropped. */
export function formatDecimal(value: number, places: number, lang: Lang): string {
  const l = loc(lang);
  const fixed = Math.abs(value).toFixed(places);
  const [whole, fracRaw = ""] = fixed.split(".");
  const frac = fracRaw.replace(/0+$/, "");
  const negative = value < 0 && /[1-9]/.test(fixed);
  const body = groupDigits(whole, l.group) + (frac ? l.decimal + frac : "");
  return (negative ? "-" : "") + body;
}

/** A number as people read it: grouped, at most three decimals ("1,234.5"; "1 234,5"; "1.234,5"). */
export function formatNumber(n: number, lang: Lang): string {
  return formatDecimal(n, 3, lang);
}

/** A value already in per cent, to one decimal: "23.5%" (en), "23,5 %" (ru, bg), "23,5%" (el, hu). */
export function formatPercent(value: number, lang: Lang): string {
  return loc(lang).percent.replace("{n}", formatDecimal(value, 1, lang));
}

/** The symbol shown for a currency code ("€", "лв.", "Ft"), or the code itself. */
export function currencySymbol(currency: string): string {
  return symbols[currency] ?? currency;
}

/** Digits of the minor unit: 2 for every currency (the core stores 1/100 of a unit). */
export function minorDigits(_currency: string): number {
  return 2;
}

/**
 * Money from integer minor units (`digits` of them per unit, 2 as the core
 * stores every currency it prints): "€1,234.56" (en), "1 234,56 €" (ru),
 * "1.234,56 €" (el), "1 235 Ft" (hu: forints in whole units). Whole amounts
 * drop the zero fraction ("€12,000") so board totals stay readable.
 */
export function formatMoney(minor: number, currency: string, lang: Lang, digits = 2): string {
  const l = loc(lang);
  const scale = 10 ** digits;
  const m = wholeCurrencies.includes(currency) ? Math.round(minor / scale) * scale : Math.round(minor);
  const abs = Math.abs(m);
  const units = Math.floor(abs / scale);
  const cents = abs % scale;
  const n =
    groupDigits(String(units), l.group) + (cents === 0 ? "" : l.decimal + String(cents).padStart(digits, "0"));
  const pattern = l.money_prefix && (l.prefix_currencies ?? []).includes(currency) ? l.money_prefix : l.money;
  return (m < 0 ? "-" : "") + pattern.replace("{s}", currencySymbol(currency)).replace("{n}", n);
}

function fillDate(pattern: string, l: Locale, d: Date): string {
  const day = d.getUTCDate();
  const m0 = d.getUTCMonth();
  const y = d.getUTCFullYear();
  const p2 = (n: number) => String(n).padStart(2, "0");
  return pattern
    .replace("{dd}", p2(day))
    .replace("{d}", String(day))
    .replace("{mm}", p2(m0 + 1))
    .replace("{mon}", l.months_short[m0])
    .replace("{month}", l.months_long[m0])
    .replace("{yyyy}", String(y))
    .replace("{yy}", p2(((y % 100) + 100) % 100));
}

export type DateKind = "date" | "short_date" | "weekday_date" | "month" | "month_long";

/**
 * A `YYYY-MM-DD` date as the documents print it: "5 Mar 2026" / "05.03.2026" /
 * "05.03.2026 г." / "05/03/2026" / "2026. 03. 05." (`date`), and the shorter
 * and longer kinds. Unparseable input is returned as is.
 */
export function formatDateKind(iso: string, kind: DateKind, lang: Lang): string {
  const d = parseIsoDate(iso);
  if (!d) return iso;
  const l = loc(lang);
  if (kind === "weekday_date") {
    const wd = l.weekdays_short[(d.getUTCDay() + 6) % 7];
    return l.weekday_date.replace("{wd}", wd).replace("{date}", fillDate(l.date, l, d));
  }
  return fillDate(l[kind], l, d);
}

/** The short name of a weekday, Monday = 0: "Mon", "пн", "Δευ", "H". */
export function weekdayName(monday0: number, lang: Lang): string {
  return loc(lang).weekdays_short[((monday0 % 7) + 7) % 7];
}
