import { afterEach, describe, expect, it, vi } from "vitest";
import type { Rule } from "../lib/bindings/Rule";
import type { ScriptBody } from "../lib/bindings/ScriptBody";
import { setLocale } from "../lib/i18n/index.svelte";
import { parseInline, parseMarkdown, plainText } from "../lib/markdown";
import { defaultRule, formatMinutes, formatSince, ruleSummary, ruleTypesFor } from "../lib/rules";
import {
  canGoBack,
  captureProgress,
  capturedValues,
  currentBlock,
  durationMinutes,
  formatTimer,
  goBack,
  goNext,
  goTo,
  setCapture,
  startRun,
} from "../lib/runner";

describe("markdown subset", () => {
  it("splits paragraphs on blank lines and keeps single line breaks", () => {
    expect(parseMarkdown("One\ntwo\n\nThree")).toEqual([
      { t: "p", children: [{ t: "text", text: "One" }, { t: "br" }, { t: "text", text: "two" }] },
      { t: "p", children: [{ t: "text", text: "Three" }] },
    ]);
  });

  it("reads bold and italic, nested", () => {
    expect(parseInline("a **b *c* d** e *f*")).toEqual([
      { t: "text", text: "a " },
      { t: "strong", children: [{ t: "text", text: "b " }, { t: "em", children: [{ t: "text", text: "c" }] }, { t: "text", text: " d" }] },
      { t: "text", text: " e " },
      { t: "em", children: [{ t: "text", text: "f" }] },
    ]);
  });

  it("leaves unclosed or spaced stars as text", () => {
    expect(parseInline("2 * 3 = 6 and **open")).toEqual([{ t: "text", text: "2 * 3 = 6 and **open" }]);
    expect(parseInline("\\*not italic\\*")).toEqual([{ t: "text", text: "*not italic*" }]);
  });

  it("makes bullet and numbered lists, with indented continuation lines", () => {
    const md = parseMarkdown("Ask:\n- How many?\n- Who **decides**?\n  and when\n\n3. three\n4. four");
    expect(md).toEqual([
      { t: "p", children: [{ t: "text", text: "Ask:" }] },
      {
        t: "ul",
        items: [
          [{ t: "text", text: "How many?" }],
          [{ t: "text", text: "Who " }, { t: "strong", children: [{ t: "text", text: "decides" }] }, { t: "text", text: "?" }, { t: "br" }, { t: "text", text: "and when" }],
        ],
      },
      { t: "ol", start: 3, items: [[{ t: "text", text: "three" }], [{ t: "text", text: "four" }]] },
    ]);
  });

  it("keeps HTML as literal text (never markup)", () => {
    const md = parseMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)"> **hi**');
    expect(md[0]).toEqual({ t: "p", children: [{ t: "text", text: "<script>alert(1)</script>" }] });
    expect(md[1]).toEqual({
      t: "p",
      children: [{ t: "text", text: '<img src=x onerror="alert(2)"> ' }, { t: "strong", children: [{ t: "text", text: "hi" }] }],
    });
    // Only text, strong, em, br tokens exist: nothing can carry raw HTML.
    const kinds = new Set<string>();
    const walk = (xs: ReturnType<typeof parseInline>) => xs.forEach((x) => (kinds.add(x.t), "children" in x && walk(x.children)));
    md.forEach((b) => (b.t === "p" ? walk(b.children) : b.items.forEach(walk)));
    expect([...kinds].sort()).toEqual(["strong", "text"]);
  });

  it("gives the plain text", () => {
    expect(plainText("**Hi**, [Name].\n\n- one\n- *two*")).toBe("Hi, [Name]. one; two");
    expect(parseMarkdown("")).toEqual([]);
    expect(parseMarkdown("\r\n\r\nA\r\nB")).toEqual([{ t: "p", children: [{ t: "text", text: "A" }, { t: "br" }, { t: "text", text: "B" }] }]);
  });
});

describe("rule summaries", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("are worded by the core (the words the book prints), never by the view", async () => {
    const invoke = vi.fn(async (_cmd: string, _args: unknown) => "Tue, Thu at 09:00 · 120 min · call · 40 calls");
    vi.stubGlobal("window", { __TAURI_INTERNALS__: { invoke, transformCallback: () => 0 } });
    const r: Rule = { type: "schedule", every: "week", days: [2, 4], at: "09:00", minutes: 120, activity: "call", target_calls: 40 };
    expect(await ruleSummary(r)).toBe("Tue, Thu at 09:00 · 120 min · call · 40 calls");
    expect(invoke.mock.calls.map((c) => [c[0], c[1]])).toEqual([["rule_summary", { rule: r }]]);
    expect(await ruleSummary(null)).toBe("");
    expect(invoke).toHaveBeenCalledTimes(1);
  });

  it("offers rule types by kind, each with a default that summarises", () => {
    setLocale("en");
    expect(ruleTypesFor("standard")).toEqual([]);
    for (const k of ["routine", "norm"] as const) {
      for (const ty of ruleTypesFor(k)) {
        const r = defaultRule(ty);
        expect(r.type).toBe(ty);
      }
    }
  });

  it("formats minutes and how long a norm is broken", () => {
    setLocale("en");
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(125)).toBe("2 h 05 min");
    expect(formatSince(30)).toBe("30 min");
    expect(formatSince(5 * 60 + 10)).toBe("5 h");
    expect(formatSince(3 * 1440 + 7)).toBe("3 days");
  });
});

const body: ScriptBody = {
  blocks: [
    { key: "opening", kind: "opening", title: "Opening", text: "Hi", captures: [], branches: [{ label: "Busy", to: "callback" }, { label: "No", to: "end" }] },
    { key: "situation", kind: "qualification", title: "Situation", text: "Ask", captures: [{ target: "card:need", label: "Need" }, { target: "profile:title", label: "Title" }], branches: [] },
    { key: "callback", kind: "other", title: "Callback", text: "When?", captures: [{ target: "profile:notes", label: "When" }], branches: [] },
  ],
  objections: [],
};

describe("runner state", () => {
  it("starts at the first block and follows next in order to the end", () => {
    let s = startRun(body);
    expect(currentBlock(body, s)?.key).toBe("opening");
    expect(canGoBack(s)).toBe(false);
    s = goNext(body, s);
    expect(currentBlock(body, s)?.key).toBe("situation");
    s = goNext(body, goNext(body, s));
    expect(s.ended).toBe(true);
    expect(currentBlock(body, s)).toBeNull();
    expect(s.path).toEqual(["opening", "situation", "callback"]);
    // Back from the end shows the last block again.
    s = goBack(s);
    expect(currentBlock(body, s)?.key).toBe("callback");
  });

  it("takes branches (a block or the end) and retraces them with back", () => {
    let s = goTo(body, startRun(body), "callback");
    expect(s.path).toEqual(["opening", "callback"]);
    s = goBack(s);
    expect(s.path).toEqual(["opening"]);
    s = goTo(body, s, "end");
    expect(s.ended).toBe(true);
    expect(s.path).toEqual(["opening"]);
    // An unknown key ends the run instead of showing nothing.
    expect(goTo(body, startRun(body), "gone").ended).toBe(true);
  });

  it("collects the answers in script order, without empty ones", () => {
    let s = startRun(body);
    s = setCapture(s, "profile:notes", "  call Tuesday ");
    s = setCapture(s, "card:need", "Cheaper paper");
    s = setCapture(s, "profile:title", "   ");
    expect(capturedValues(body, s)).toEqual([
      { target: "card:need", value: "Cheaper paper" },
      { target: "profile:notes", value: "call Tuesday" },
    ]);
    s = goNext(body, s);
    expect(captureProgress(body, s)).toEqual({ filled: 1, asked: 2 });
  });

  it("formats the timer and the logged duration", () => {
    expect(formatTimer(0)).toBe("00:00");
    expect(formatTimer(247)).toBe("04:07");
    expect(formatTimer(3723)).toBe("1:02:03");
    expect(durationMinutes(0)).toBe(0);
    expect(durationMinutes(20)).toBe(1);
    expect(durationMinutes(151)).toBe(3);
  });

  it("handles an empty script", () => {
    const empty = { blocks: [], objections: [] };
    const s = startRun(empty);
    expect(s.ended).toBe(true);
    expect(currentBlock(empty, s)).toBeNull();
    expect(goNext(empty, s)).toBe(s);
  });
});
