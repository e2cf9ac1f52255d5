import { describe, expect, it } from "vitest";
import { historyOptions, mapSpec, stagesResolved, type StageChoice } from "../lib/history";

describe("history import options", () => {
  it("sends columns by number and stage choices as steps or new steps", () => {
    const columns = new Map<number, string | null>([
      [0, "title"],
      [3, null],
    ]);
    const stages = new Map<string, StageChoice>([
      ["Думает", { step: 7 }],
      ["Ждёт", { new_in: "first_deal" }],
    ]);
    const o = historyOptions("deals.csv", "auto", columns, stages);
    expect(o.map).toEqual(["#1=title", "#4=-"]);
    expect(o.steps).toEqual([{ value: "Думает", step: "7" }]);
    expect(o.new_steps).toBe("first_deal");
    expect(mapSpec(2, "stage")).toBe("#3=stage");
  });

  it("knows when every unmatched stage has a choice", () => {
    const stages = new Map<string, StageChoice>([["A", { step: 1 }]]);
    expect(stagesResolved([{ label: "A" }], stages)).toBe(true);
    expect(stagesResolved([{ label: "A" }, { label: "B" }], stages)).toBe(false);
  });
});
