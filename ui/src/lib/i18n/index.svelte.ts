// The one translation mechanism of the UI.
//
// - `i18n.locale` is reactive ($state): components that call `t()` re-render
//   when it changes.
// - `t(key, params)` looks a dotted key up in the current locale's JSON,
//   interpolates `{name}` placeholders and, when the entry is an object of
//   plural forms (`one`/`few`/`many`/`other`…), picks the form for
//   `params.count` with `Intl.PluralRules`.
// - `formatMoney`, `formatDate`, `formatNumber` format per locale from the table
//   the core's documents use too (./format.ts, crates/core/src/pdf/formats.json).

import en from "./en.json";
import ru from "./ru.json";
import bg from "./bg.json";
import el from "./el.json";
import hu from "./hu.json";
import type { Lang } from "../bindings/Lang";
import * as fmt from "./format";

export const LANGS: readonly Lang[] = ["en", "ru", "bg", "el", "hu"] as const;

/**
 * Each language in its own name, as the language switch offers it: the same in
 * every catalogue (a Greek reader looks for "Ελληνικά" whatever the screen's
 * language), so these are not translated.
 */
export const LANG_NAMES: Readonly<Record<Lang, string>> = {
  en: "English",
  ru: "Русский",
  bg: "Български",
  el: "Ελληνικά",
  hu: "Magyar",
};

export const PLURAL_CATEGORIES: readonly Intl.LDMLPluralRule[] = ["zero", "one", "two", "few", "many", "other"];
/** A plural entry: forms by `Intl.PluralRules` category; `other` is required. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
type Messages = { [key: string]: string | PluralForms | Messages };

export const messages: Record<Lang, Messages> = { en, ru, bg, el, hu };

/** Every key of en.json, as a dotted path (plural entries are leaves). */
type Paths<T> = {
  [K in keyof T & string]: T[K] extends string
    ? K
    : T[K] extends { other: string }
      ? Exclude<keyof T[K], Intl.LDMLPluralRule> extends never
        ? K
        : `${K}.${Paths<T[K]>}`
      : `${K}.${Paths<T[K]>}`;
}[keyof T & string];
export type MessageKey = Paths<typeof en>;

export type Params = Record<string, string | number>;

export const i18n = $state({ locale: "en" as Lang });

/** `ui_lang` from the settings if set, else the system language (ru*, bg*, el*, hu* → that one), else en. */
export function detectLocale(uiLang: Lang | null | undefined, systemLanguage?: string | null): Lang {
  if (uiLang && (LANGS as readonly string[]).includes(uiLang)) return uiLang;
  const sys = (systemLanguage ?? (typeof navigator !== "undefined" ? navigator.language : "") ?? "").toLowerCase();
  const primary = sys.split(/[-_.@]/)[0];
  return LANGS.find((l) => l === primary) ?? "en";
}

export function setLocale(lang: Lang): void {
  i18n.locale = lang;
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

/** An object whose keys are all plural categories, with at least `other`. */
export function isPluralForms(v: unknown): v is PluralForms {
  if (typeof v !== "object" || v === null) return false;
  const entries = Object.entries(v);
  return (
    typeof (v as { other?: unknown }).other === "string" &&
    entries.every(([k, x]) => (PLURAL_CATEGORIES as readonly string[]).includes(k) && typeof x === "string")
  );
}

function lookup(dict: Messages, key: string): string | PluralForms | undefined {
  let node: string | PluralForms | Messages | undefined = dict;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Messages)[part];
  }
  if (typeof node === "string" || isPluralForms(node)) return node;
  return undefined;
}

// Intl objects are costly to build: keep one per locale and options.
const cache = new Map<string, Intl.PluralRules | Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.PluralRules | Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let v = cache.get(key) as T | undefined;
  if (!v) {
    v = make();
    cache.set(key, v);
  }
  return v;
}

export function pluralCategory(count: number, locale: Lang = i18n.locale): Intl.LDMLPluralRule {
  return cached(`pr:${locale}`, () => new Intl.PluralRules(locale)).select(count);
}

export function formatNumber(n: number, locale: Lang = i18n.locale): string {
  return fmt.formatNumber(n, locale);
}

/**
 * A value already in per cent, to one decimal, as the printed documents show
 * it (the core's `locale::percent`): "23.5%" (en), "23,5 %" (ru, no-break space).
 */
export function formatPercent(value: number, locale: Lang = i18n.locale): string {
  return fmt.formatPercent(value, locale);
}

function interpolate(text: string, params: Params | undefined, locale: Lang): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === "number" ? formatNumber(v, locale) : v;
  });
}

/** Translate `key` in `locale` (default: the current one), falling back to English, then to the key. */
export function translate(locale: Lang, key: string, params?: Params): string {
  const entry = lookup(messages[locale], key) ?? lookup(messages.en, key);
  if (entry === undefined) {
    if (import.meta.env?.DEV) console.warn(`i18n: missing key "${key}"`);
    return key;
  }
  if (typeof entry === "string") return interpolate(entry, params, locale);
  const count = typeof params?.count === "number" ? params.count : 0;
  const form = entry[pluralCategory(count, locale)] ?? entry.other;
  return interpolate(form, params, locale);
}

/** Translate in the current locale. Reactive: reads `i18n.locale`. */
export function t(key: MessageKey, params?: Params): string {
  return translate(i18n.locale, key, params);
}

/**
 * Minor units per unit of `currency`, as digits: 2 for every currency, as the
 * core stores and prints money (1/100); HUF is then shown in whole forints.
 */
export function currencyDigits(currency: string): number {
  return fmt.minorDigits(currency);
}

/**
 * Money from integer minor units: `formatMoney(123456, "EUR")` → "€1,234.56" (en),
 * "1 234,56 €" (ru, with no-break spaces). Whole amounts drop the zero fraction
 * ("€12,000") so board totals stay readable. Same table as the documents.
 */
export function formatMoney(minor: number, currency: string, locale: Lang = i18n.locale): string {
  return fmt.formatMoney(minor, currency, locale);
}

export type DateStyle = "medium" | "short";

/**
 * A `YYYY-MM-DD` date for people, as the documents print it: "5 Mar 2026" /
 * "05.03.2026" (medium), "5 Mar" / "05.03" (short, for cards). Unparseable
 * input is returned as is.
 */
export function formatDate(iso: string, style: DateStyle = "medium", locale: Lang = i18n.locale): string {
  return fmt.formatDateKind(iso, style === "short" ? "short_date" : "date", locale);
}

/** Whether `key` exists in English (the reference locale). */
export function hasKey(key: string): boolean {
  return lookup(messages.en, key) !== undefined;
}
