import { describe, expect, it } from "vitest";
import { callTime, groupCallsByDay, lastWeek, thisMonth, thisWeek, weekStart } from "../lib/calls";
import { moveId, parseProbability } from "../lib/steps";
import type { CallRow } from "../lib/bindings/CallRow";

const call = (at: string, duration_min: number | null): CallRow => ({
  at, contact: null, company: null, outcome: null, duration_min, next_step: null, next_step_date: null, owner: null,
});

describe("call register", () => {
  it("groups by day in order with subtotals and a total", () => {
    const r = groupCallsByDay([
      call("2026-03-11T15:00:00", 5),
      call("2026-03-10T09:30:00", 3),
      call("2026-03-11T09:05:00", null),
      call("2026-03-10T08:00:00", 12),
    ]);
    expect(r.days.map((d) => d.date)).toEqual(["2026-03-10", "2026-03-11"]);
    expect(r.days[0]).toMatchObject({ count: 2, minutes: 15 });
    expect(r.days[0].calls.map((c) => c.at)).toEqual(["2026-03-10T08:00:00", "2026-03-10T09:30:00"]);
    expect(r.days[1]).toMatchObject({ count: 2, minutes: 5 });
    expect(r.count).toBe(4);
    expect(r.minutes).toBe(20);
  });
  it("is empty for no calls", () => {
    expect(groupCallsByDay([])).toEqual({ days: [], count: 0, minutes: 0 });
  });
  it("takes the time of day", () => {
    expect(callTime("2026-03-10T08:05:00")).toBe("08:05");
    expect(callTime("2026-03-10")).toBe("");
  });
  it("computes the period presets", () => {
    // 2026-03-12 is a Thursday.
    expect(weekStart("2026-03-12")).toBe("2026-03-09");
    expect(weekStart("2026-03-15")).toBe("2026-03-09");
    expect(weekStart("2026-03-09")).toBe("2026-03-09");
    expect(thisWeek("2026-03-12")).toEqual({ from: "2026-03-09", to: "2026-03-15" });
    expect(lastWeek("2026-03-12")).toEqual({ from: "2026-03-02", to: "2026-03-08" });
    expect(thisMonth("2026-02-10")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(thisMonth("2024-02-10")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(thisMonth("2026-12-31")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
  });
});

describe("steps", () => {
  it("moves an id up and down", () => {
    expect(moveId([1, 2, 3], 2, -1)).toEqual([2, 1, 3]);
    expect(moveId([1, 2, 3], 2, 1)).toEqual([1, 3, 2]);
    expect(moveId([1, 2, 3], 1, -1)).toBeNull();
    expect(moveId([1, 2, 3], 3, 1)).toBeNull();
    expect(moveId([1, 2, 3], 9, 1)).toBeNull();
  });
  it("parses a probability from a number input", () => {
    expect(parseProbability(40)).toBe(40);
    expect(parseProbability(0)).toBe(0);
    expect(parseProbability(100)).toBe(100);
    expect(parseProbability(null)).toBeNull();
    expect(parseProbability(101)).toBeNull();
    expect(parseProbability(-1)).toBeNull();
    expect(parseProbability(12.5)).toBeNull();
    expect(parseProbability("")).toBeNull();
  });
});
