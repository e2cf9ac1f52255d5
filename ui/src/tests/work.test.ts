import { describe, expect, it } from "vitest";
import type { Activity } from "../lib/bindings/Activity";
import type { Handoff } from "../lib/bindings/Handoff";
import type { Order } from "../lib/bindings/Order";
import { addDays } from "../lib/dates";
import { cardKey, isSaveKey, isTypingTarget, shortcutFor } from "../lib/keys";
import { datePart, mergeTimeline, sortKey, timePart } from "../lib/timeline";
import { MAX_SCROLL_PX, pagesFor, spacerHeight, visibleRange } from "../lib/virtual";

describe("virtual list window", () => {
  it("renders the visible rows plus the overscan", () => {
    // 44 px rows, 440 px viewport at the top: rows 0..10 visible (+1 partial), +6 overscan below.
    expect(visibleRange(0, 440, 44, 100_000, 6)).toEqual({ start: 0, end: 17 });
    // Scrolled to row 1000.
    expect(visibleRange(44_000, 440, 44, 100_000, 6)).toEqual({ start: 994, end: 1017 });
    // Half a row scrolled: still starts at the row partly shown.
    expect(visibleRange(44_022, 440, 44, 100_000, 0)).toEqual({ start: 1000, end: 1011 });
  });

  it("is clamped at both ends and for tiny lists", () => {
    expect(visibleRange(0, 440, 44, 0)).toEqual({ start: 0, end: 0 });
    expect(visibleRange(0, 440, 44, 3, 6)).toEqual({ start: 0, end: 3 });
    expect(visibleRange(-50, 440, 44, 100, 2)).toEqual({ start: 0, end: 13 });
    const end = visibleRange(44 * 100_000, 440, 44, 100_000, 6);
    expect(end.end).toBe(100_000);
    expect(end.start).toBe(100_000 - 1 - 6);
  });

  it("never renders more than a screenful and the overscan, wherever it is", () => {
    for (const top of [0, 1234, 99_999 * 44, 4_400_000]) {
      const r = visibleRange(top, 800, 44, 100_000, 8);
      expect(r.end - r.start).toBeLessThanOrEqual(Math.ceil(800 / 44) + 1 + 16);
    }
  });

  it("names the pages to fetch for a window", () => {
    expect(pagesFor({ start: 0, end: 17 }, 100)).toEqual([0]);
    expect(pagesFor({ start: 94, end: 117 }, 100)).toEqual([0, 1]);
    expect(pagesFor({ start: 100, end: 200 }, 100)).toEqual([1]);
    expect(pagesFor({ start: 5, end: 5 }, 100)).toEqual([]);
  });

  it("caps the scroll space", () => {
    expect(spacerHeight(1000, 44)).toBe(44_000);
    expect(spacerHeight(10_000_000, 44)).toBe(MAX_SCROLL_PX);
  });
});

const act = (id: number, done_at: string | null, due_at: string | null = null, archived = false): Activity => ({
  id,
  kind: "call",
  subject: "",
  deal_id: null,
  contact_id: null,
  company_id: 1,
  owner_id: null,
  due_at,
  done_at,
  outcome: null,
  duration_min: null,
  notes: null,
  archived,
});
const order = (id: number, order_date: string): Order => ({
  id,
  company_id: 1,
  contact_id: null,
  deal_id: null,
  order_date,
  amount_minor: 100,
  margin_minor: 10,
  currency: "EUR",
  notes: null,
  archived: false,
});
const handoff = (id: number, created_at: string): Handoff => ({
  id,
  deal_id: 7,
  from_stage: "lead_generation",
  to_stage: "first_deal",
  from_person_id: null,
  to_person_id: null,
  card: { need: "Paper" },
  created_at,
});

describe("timeline merge", () => {
  it("merges activities, orders and hand-offs, newest first", () => {
    const items = mergeTimeline(
      [act(1, "2026-03-01T10:00:00"), act(2, null, "2026-03-20T09:00:00")],
      [order(5, "2026-03-05")],
      [handoff(9, "2026-03-03T12:30:00Z")],
    );
    expect(items.map((i) => `${i.kind}-${i.id}`)).toEqual(["activity-2", "order-5", "handoff-9", "activity-1"]);
  });

  it("breaks ties: hand-off, order, activity, then newer id", () => {
    const items = mergeTimeline([act(1, "2026-03-05"), act(3, "2026-03-05")], [order(2, "2026-03-05")], [handoff(4, "2026-03-05T00:00:00")]);
    expect(items.map((i) => `${i.kind}-${i.id}`)).toEqual(["handoff-4", "order-2", "activity-3", "activity-1"]);
  });

  it("leaves archived records out", () => {
    expect(mergeTimeline([act(1, "2026-03-01T10:00:00", null, true)], [], [])).toEqual([]);
  });

  it("reads dates and times of every format the core sends", () => {
    expect(sortKey("2026-03-05")).toBe("2026-03-05T00:00:00");
    expect(sortKey("2026-03-05T10:11:12Z")).toBe("2026-03-05T10:11:12");
    expect(datePart("2026-03-05T10:11:12")).toBe("2026-03-05");
    expect(timePart("2026-03-05T10:11:12")).toBe("10:11");
    expect(timePart("2026-03-05")).toBe("");
    expect(timePart("2026-03-05T00:00:00")).toBe("");
  });
});

const input = (type = "text") => ({ tagName: "INPUT", type });
const div = { tagName: "DIV", getAttribute: () => null };

describe("keyboard shortcuts", () => {
  it("know the typing targets", () => {
    expect(isTypingTarget(input())).toBe(true);
    expect(isTypingTarget(input("search"))).toBe(true);
    expect(isTypingTarget(input("date"))).toBe(true);
    expect(isTypingTarget(input("checkbox"))).toBe(false);
    expect(isTypingTarget({ tagName: "TEXTAREA" })).toBe(true);
    expect(isTypingTarget({ tagName: "SELECT" })).toBe(true);
    expect(isTypingTarget({ tagName: "DIV", isContentEditable: true })).toBe(true);
    expect(isTypingTarget(div)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it("map keys to actions when not typing", () => {
    expect(shortcutFor({ key: "n", target: div })).toBe("new-lead");
    expect(shortcutFor({ key: "N", shiftKey: true, target: div })).toBe("new-lead");
    expect(shortcutFor({ key: "т", target: div })).toBe("new-lead"); // Russian layout
    expect(shortcutFor({ key: "?", shiftKey: true, target: div })).toBe("help");
    expect(shortcutFor({ key: "/", target: div })).toBe("search");
    expect(shortcutFor({ key: "t", target: div })).toBe("go-today");
    expect(shortcutFor({ key: "b", target: div })).toBe("go-board");
    expect(shortcutFor({ key: "c", target: div })).toBe("go-clients");
    expect(shortcutFor({ key: "x", target: div })).toBe(null);
  });

  it("ignore single keys while typing, and with modifiers", () => {
    for (const key of ["n", "N", "?", "/", "t", "b", "c"]) {
      expect(shortcutFor({ key, target: input() }), key).toBe(null);
      expect(shortcutFor({ key, target: { tagName: "TEXTAREA" } }), key).toBe(null);
    }
    expect(shortcutFor({ key: "n", ctrlKey: true, target: div })).toBe(null);
    expect(shortcutFor({ key: "n", altKey: true, target: div })).toBe(null);
    expect(shortcutFor({ key: "n", target: div, isComposing: true })).toBe(null);
  });

  it("open the palette with Ctrl/Cmd+K, even in a field", () => {
    expect(shortcutFor({ key: "k", ctrlKey: true, target: div })).toBe("palette");
    expect(shortcutFor({ key: "k", metaKey: true, target: input() })).toBe("palette");
    expect(shortcutFor({ key: "л", ctrlKey: true, target: div })).toBe(null);
    expect(shortcutFor({ key: "k", target: div })).toBe(null);
  });

  it("move and open board cards", () => {
    expect(cardKey({ key: "ArrowRight", altKey: true })).toBe("next");
    expect(cardKey({ key: "ArrowLeft", altKey: true })).toBe("prev");
    expect(cardKey({ key: "ArrowRight" })).toBe(null);
    expect(cardKey({ key: "ArrowRight", altKey: true, ctrlKey: true })).toBe(null);
    expect(cardKey({ key: "Enter" })).toBe("open");
  });

  it("save forms with Ctrl+Enter anywhere, Enter in the last field", () => {
    expect(isSaveKey({ key: "Enter", ctrlKey: true }, false)).toBe(true);
    expect(isSaveKey({ key: "Enter", metaKey: true }, false)).toBe(true);
    expect(isSaveKey({ key: "Enter" }, false)).toBe(false);
    expect(isSaveKey({ key: "Enter" }, true)).toBe(true);
    expect(isSaveKey({ key: "Enter", shiftKey: true }, true)).toBe(false);
    expect(isSaveKey({ key: "a", ctrlKey: true }, true)).toBe(false);
  });
});

describe("dates", () => {
  it("add days across months and years", () => {
    expect(addDays("2026-03-12", 1)).toBe("2026-03-13");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-12-31", 7)).toBe("2027-01-07");
    expect(addDays("nope", 1)).toBe("nope");
  });
});
