import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findHardcodedText } from "./hardcoded-text";

const SRC = fileURLToPath(new URL("..", import.meta.url));

function svelteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return svelteFiles(p);
    return name.endsWith(".svelte") ? [p] : [];
  });
}

describe("the hard-coded text scanner", () => {
  const scan = (s: string) => findHardcodedText(s).map((f) => f.text);

  it("flags text nodes with letters", () => {
    expect(scan("<p>Hello</p>")).toEqual(["Hello"]);
    expect(scan("<div>\n  <span>Сделки</span>\n</div>")).toEqual(["Сделки"]);
    expect(scan("{#if a}<span>Yes</span>{:else}<span>{t('no')}</span>{/if}")).toEqual(["Yes"]);
    expect(scan("<p>{count} items</p>")).toEqual(["_______ items"]);
  });

  it("flags text attributes with letters outside expressions", () => {
    expect(scan('<button title="Close">x</button>').sort()).toEqual(['title="Close"', "x"]);
    expect(scan('<input placeholder="e.g. {example}" />')).toEqual(['placeholder="e.g. _________"']);
    expect(scan("<nav aria-label='Main'></nav>")).toEqual([`aria-label="Main"`]);
    expect(scan('<img alt="Logo" src="a.png" />')).toEqual(['alt="Logo"']);
  });

  it("accepts translated text, expressions, code, styles and non-words", () => {
    const ok = [
      '<script lang="ts">const s = "<p>Hi</p>"; const o = { a: "b" };</script>\n<p>{s}</p>',
      "<style>p::before { content: \"Note\"; }</style><p class=\"note\">{t('x')}</p>",
      '<button title={t("close")} aria-label={t("close")} placeholder="{t(`a.${b}`)}">{t("b", { n: 1 })}</button>',
      "<p>{a > b ? 'x' : `y ${c + '}'} z`}</p>",
      '<div class="card" data-testid="deal-{id}" style:--cols={n}></div>',
      "<p>&nbsp;· — {value} %</p>",
      "<!-- A comment with words -->\n<svelte:window onkeydown={(e) => e.key === 'Escape' && close()} />",
      '<svg viewBox="0 0 24 24"><path d="M4 5h4v14H4z" /></svg>',
    ];
    for (const s of ok) expect(scan(s), s).toEqual([]);
  });

  it("reports the line of the finding", () => {
    expect(findHardcodedText("<div>\n\n  <p>Oops</p>\n</div>")).toEqual([{ line: 3, text: "Oops" }]);
  });
});

describe("Svelte components", () => {
  const files = svelteFiles(SRC);

  it("are found", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(SRC, f), f]))("%s has no hard-coded user text", (_name, file) => {
    const findings = findHardcodedText(readFileSync(file, "utf8"));
    expect(findings.map((f) => `line ${f.line}: ${f.text}`)).toEqual([]);
  });
});
