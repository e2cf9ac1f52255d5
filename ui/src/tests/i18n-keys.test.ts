import { describe, expect, it } from "vitest";
import en from "../lib/i18n/en.json";
import ru from "../lib/i18n/ru.json";
import { isPluralForms } from "../lib/i18n/index.svelte";

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

const locales = { en: flatten(en), ru: flatten(ru) };

describe("translation files", () => {
  it("have exactly the same keys", () => {
    const enKeys = [...locales.en.keys()].sort();
    const ruKeys = [...locales.ru.keys()].sort();
    expect(ruKeys.filter((k) => !locales.en.has(k)), "keys only in ru.json").toEqual([]);
    expect(enKeys.filter((k) => !locales.ru.has(k)), "keys only in en.json").toEqual([]);
    expect(enKeys.length).toBeGreaterThan(50);
  });

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

  it("use the same {placeholders} in both languages", () => {
    const diff: string[] = [];
    for (const [k, enV] of locales.en) {
      const ruV = locales.ru.get(k);
      if (ruV === undefined) continue;
      const want = JSON.stringify([...new Set(texts(enV).flatMap(placeholders))].sort());
      for (const s of texts(ruV)) if (JSON.stringify([...new Set(placeholders(s))].sort()) !== want) diff.push(`${k}: ${s}`);
    }
    expect(diff).toEqual([]);
  });

  it("name the stages as the product does", () => {
    expect(ru.stages).toEqual({
      lead_generation: "Поиск клиентов",
      first_deal: "Первая сделка",
      account_development: "Развитие клиентов",
    });
    expect(ru.board.title).toBe("Конвейер продаж");
  });
});
