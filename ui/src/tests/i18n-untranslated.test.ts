import { describe, expect, it } from "vitest";
import en from "../lib/i18n/en.json";
import ru from "../lib/i18n/ru.json";
import bg from "../lib/i18n/bg.json";
import el from "../lib/i18n/el.json";
import hu from "../lib/i18n/hu.json";
import { isPluralForms } from "../lib/i18n/index.svelte";

// A value left the same as in English is almost always a key someone forgot to
// translate. The few that are really the same in a language are listed here,
// each with the reason; everything else must differ from en.json.
const SAME_AS_ENGLISH: Record<string, string> = {
  Conveyor: "the product's name",
  "Ctrl K": "the names of keys on the keyboard",
  ABC: "ABC analysis: the letters are the categories' names in every language",
  EUR: "an ISO 4217 currency code (the placeholder of the currency field)",
  Outlook: "a program's name",
  Thunderbird: "a program's name",
  Pipedrive: "a program's name (an import preset)",
  HubSpot: "a program's name (an import preset)",
  Bitrix24: "a program's name (an import preset; Russian writes Битрикс24)",
  "Kommo / amoCRM": "a program's names (an import preset)",
  "vCard (.vcf)": "a file format's name",
  "e-mail": "Russian and Hungarian write the word this way (compared ignoring case)",
};
const isException = (v: string) => v in SAME_AS_ENGLISH || v.toLowerCase() in SAME_AS_ENGLISH;

/** Dotted key → the entry's texts by plural category (a plain string is `other`). */
function texts(obj: Record<string, unknown>, prefix = ""): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, { other: v });
    else if (isPluralForms(v)) out.set(key, v as Record<string, string>);
    else if (typeof v === "object" && v !== null) for (const [k2, v2] of texts(v as Record<string, unknown>, key)) out.set(k2, v2);
  }
  return out;
}

/** Text with letters once placeholders are taken out: "{pct}%" or "0–100" has none to translate. */
const hasWords = (s: string) => /\p{L}/u.test(s.replace(/\{\w+\}/g, ""));

const english = texts(en);
const catalogues = { ru, bg, el, hu };

describe("translated values", () => {
  for (const [lang, dict] of Object.entries(catalogues)) {
    it(`${lang}.json leaves nothing in English except the listed names`, () => {
      const same: string[] = [];
      for (const [key, forms] of texts(dict)) {
        const enForms = english.get(key);
        if (!enForms) continue; // the key-parity test reports these
        for (const [cat, v] of Object.entries(forms)) {
          const enV = enForms[cat] ?? enForms.other;
          if (v === enV && hasWords(v) && !isException(v)) same.push(`${key}.${cat}: ${v}`);
        }
      }
      expect(same).toEqual([]);
    });
  }

  it("keeps the list of exceptions short and in use", () => {
    const used = new Set<string>();
    for (const dict of Object.values(catalogues))
      for (const [key, forms] of texts(dict))
        for (const v of Object.values(forms)) if (Object.values(english.get(key) ?? {}).includes(v)) used.add(v in SAME_AS_ENGLISH ? v : v.toLowerCase());
    expect(Object.keys(SAME_AS_ENGLISH).filter((v) => !used.has(v))).toEqual([]);
    expect(Object.keys(SAME_AS_ENGLISH).length).toBeLessThanOrEqual(12);
  });
});
