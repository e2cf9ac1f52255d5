import { describe, expect, it } from "vitest";
import en from "../lib/i18n/en.json";
import ru from "../lib/i18n/ru.json";
import bg from "../lib/i18n/bg.json";
import el from "../lib/i18n/el.json";
import hu from "../lib/i18n/hu.json";
import { isPluralForms, LANGS } from "../lib/i18n/index.svelte";

type Leaf = string | Record<string, string>;

/** Dotted key → value; plural entries ({one, few, many, other}) are leaves. */
function flatten(obj: Record<string, unknown>, prefix = ""): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string" || isPluralForms(v)) out.set(key, v as Leaf);
    else if (typeof v === "object" && v !== null) for (const [k2, v2] of flatten(v as Record<string, unknown>, key)) out.set(k2, v2);
    else out.set(key, v as Leaf); // numbers, null…: reported below
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const texts = (v: Leaf) => (typeof v === "string" ? [v] : Object.values(v));

const locales = { en: flatten(en), ru: flatten(ru), bg: flatten(bg), el: flatten(el), hu: flatten(hu) };
const others = Object.entries(locales).filter(([lang]) => lang !== "en");

describe("translation files", () => {
  it("cover every language of the app", () => {
    expect(Object.keys(locales).sort()).toEqual([...LANGS].sort());
  });

  for (const [lang, map] of others) {
    it(`${lang}.json has exactly the keys of en.json`, () => {
      const enKeys = [...locales.en.keys()].sort();
      const keys = [...map.keys()].sort();
      expect(keys.filter((k) => !locales.en.has(k)), `keys only in ${lang}.json`).toEqual([]);
      expect(enKeys.filter((k) => !map.has(k)), `keys of en.json missing in ${lang}.json`).toEqual([]);
      expect(enKeys.length).toBeGreaterThan(50);
    });
  }

  for (const [lang, map] of Object.entries(locales)) {
    it(`${lang}.json has no empty or non-text values`, () => {
      const bad = [...map].filter(([, v]) => texts(v).some((s) => typeof s !== "string" || s.trim() === ""));
      expect(bad.map(([k]) => k)).toEqual([]);
    });

    it(`${lang}.json has every plural form ${lang} needs`, () => {
      const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      const missing: string[] = [];
      for (const [k, v] of map) {
        if (typeof v === "string") continue;
        for (const cat of needed) if (!(cat in v)) missing.push(`${k}.${cat}`);
      }
      expect(missing).toEqual([]);
    });
  }

  for (const [lang, map] of others) {
    it(`${lang}.json uses the same {placeholders} as en.json`, () => {
      const diff: string[] = [];
      for (const [k, enV] of locales.en) {
        const v = map.get(k);
        if (v === undefined) continue;
        const want = JSON.stringify([...new Set(texts(enV).flatMap(placeholders))].sort());
        for (const s of texts(v)) if (JSON.stringify([...new Set(placeholders(s))].sort()) !== want) diff.push(`${k}: ${s}`);
      }
      expect(diff).toEqual([]);
    });
  }

  it("name the stages as the product does", () => {
    expect(ru.stages).toEqual({
      lead_generation: "Поиск клиентов",
      first_deal: "Первая сделка",
      account_development: "Развитие клиентов",
    });
    expect(ru.board.title).toBe("Конвейер продаж");
  });
});
