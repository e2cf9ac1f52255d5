import { afterEach, describe, expect, it, vi } from "vitest";
import type { PlanDerivation } from "../lib/bindings/PlanDerivation";
import type { MigrationCell } from "../lib/bindings/MigrationCell";
import {
  amountText,
  chartRows,
  firmYes,
  migrationDirection,
  migrationGrid,
  parseAmount,
  pct,
  periodCode,
  reasonTable,
  periodKind,
  planChain,
  rateOverrides,
  shiftPeriod,
  signalWording,
  weakRoles,
} from "../lib/planning";

describe("period codes", () => {
  it("names the month, quarter and year containing a day", () => {
    expect(periodCode("month", "2026-11-24")).toBe("2026-11");
    expect(periodCode("month", "2027-01-01")).toBe("2027-01");
    expect(periodCode("quarter", "2026-11-24")).toBe("2026-Q4");
    expect(periodCode("quarter", "2027-03-31")).toBe("2027-Q1");
    expect(periodCode("quarter", "2027-04-01")).toBe("2027-Q2");
    expect(periodCode("year", "2026-11-24")).toBe("2026");
  });

  it("knows the kind of a code and refuses what is none", () => {
    expect(periodKind("2027-01")).toBe("month");
    expect(periodKind("2027-Q3")).toBe("quarter");
    expect(periodKind("2027")).toBe("year");
    for (const bad of ["2027-13", "2027-00", "2027-Q5", "27", "", "январь"]) expect(periodKind(bad)).toBeNull();
  });

  it("steps forwards and backwards across year ends", () => {
    expect(shiftPeriod("2026-12", 1)).toBe("2027-01");
    expect(shiftPeriod("2027-01", -1)).toBe("2026-12");
    expect(shiftPeriod("2026-11", 14)).toBe("2028-01");
    expect(shiftPeriod("2026-Q4", 1)).toBe("2027-Q1");
    expect(shiftPeriod("2027-Q1", -1)).toBe("2026-Q4");
    expect(shiftPeriod("2027-Q1", -5)).toBe("2025-Q4");
    expect(shiftPeriod("2026", 1)).toBe("2027");
    expect(shiftPeriod("nonsense", 1)).toBe("nonsense");
  });
});

describe("amounts typed by people", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("are read by the core (one rule for the app and the CLI), never by the view", async () => {
    const invoke = vi.fn(async (_cmd: string, args: { text: string; digits: number }) => (args.text === "1,234" ? 123_400 : null));
    vi.stubGlobal("window", { __TAURI_INTERNALS__: { invoke, transformCallback: () => 0 } });
    expect(await parseAmount("1,234", 2)).toBe(123_400);
    expect(await parseAmount("abc", 0)).toBeNull();
    expect(invoke.mock.calls.map((c) => [c[0], c[1]])).toEqual([
      ["amount_parse", { text: "1,234", digits: 2 }],
      ["amount_parse", { text: "abc", digits: 0 }],
    ]);
    // An empty field is no amount, without asking.
    expect(await parseAmount("  ")).toBeNull();
    expect(invoke).toHaveBeenCalledTimes(2);
  });

  it("writes minor units back as typed", () => {
    expect(amountText(5_000_000)).toBe("50000");
    expect(amountText(5_000_050)).toBe("50000.50");
    expect(amountText(1500, 0)).toBe("1500");
  });
});

function derivation(over: Partial<PlanDerivation["inputs"]> = {}): PlanDerivation {
  const rates = [
    ["call_to_lead", 0.1, false, 12],
    ["lead_to_qualified", 0.3, true, 40],
    ["qualified_to_offer", 0.6, true, 25],
    ["offer_to_won", 0.35, true, 31],
  ] as const;
  return {
    inputs: {
      period: { start: "2027-01-01", end: "2027-02-01" },
      currency: "EUR",
      target_turnover_minor: 5_000_000,
      target_profit_minor: null,
      margin: 0.25,
      margin_measured: true,
      repeat_turnover_minor: 2_000_000,
      repeat_measured: true,
      avg_repeat_order_minor: 300_000,
      avg_first_deal_minor: 250_000,
      avg_first_deal_measured: false,
      rates: rates.map(([key, value, measured, sample]) => ({ key, value, measured, sample })),
      cycle_days: 30,
      cycle_measured: false,
      minutes_per_call: 6,
      working_days_per_week: 5,
      conversion_uplift: 0,
      deal_size_uplift: 0,
      today: null,
      ...over,
    },
    new_turnover_minor: 3_000_000,
    first_deal_size_minor: 250_000,
    first_deals: 12,
    offers: 35,
    qualified_leads: 59,
    leads: 197,
    calls: 1970,
    repeat_orders: 7,
    profit_minor: 1_250_000,
    working_days: 21,
    working_days_left: 21,
    calls_per_day: 93.8,
    prospecting_hours_per_week: 46.9,
    prospect_from: "2026-12-02",
    prospect_from_past: false,
    months: [],
  };
}

describe("the backwards chain", () => {
  it("runs from profit to calls per day in order, with the rate each step was derived with", () => {
    const chain = planChain(derivation());
    expect(chain.map((s) => s.key)).toEqual([
      "profit",
      "turnover",
      "repeat",
      "new_turnover",
      "first_deals",
      "offers",
      "qualified_leads",
      "leads",
      "calls",
      "calls_per_day",
      "hours_per_week",
    ]);
    const by = Object.fromEntries(chain.map((s) => [s.key, s]));
    expect(by.turnover.value).toBe(5_000_000);
    expect(by.new_turnover.value).toBe(3_000_000);
    expect(by.calls_per_day).toMatchObject({ value: 93.8, headline: true, money: false });
    expect(by.offers.rate?.key).toBe("offer_to_won");
    expect(by.calls.rate?.key).toBe("call_to_lead");
    expect(by.profit.money && by.turnover.money && !by.first_deals.money).toBe(true);
  });

  it("says which numbers were measured and which are defaults", () => {
    const by = Object.fromEntries(planChain(derivation()).map((s) => [s.key, s]));
    expect(by.calls.measured).toBe(false); // call_to_lead is a default
    expect(by.leads.measured).toBe(true);
    expect(by.first_deals.measured).toBe(false); // average first deal is a default
    expect(by.repeat.measured).toBe(true);
    // Turnover target: the profit comes from the measured margin; the turnover is given.
    expect(by.profit.measured).toBe(true);
    expect(by.turnover.measured).toBeNull();
    // Profit target: the turnover comes from the margin.
    const fromProfit = Object.fromEntries(planChain(derivation({ target_profit_minor: 1_250_000, margin_measured: false })).map((s) => [s.key, s]));
    expect(fromProfit.profit.measured).toBeNull();
    expect(fromProfit.turnover.measured).toBe(false);
  });
});

describe("rates typed by hand", () => {
  it("become overrides in 0..1; blanks keep the measured rate; bad text is reported", () => {
    const { rates, bad } = rateOverrides({ call_to_lead: "12,5", offer_to_won: " 40 ", lead_to_qualified: "", qualified_to_offer: "abc" });
    expect(rates).toEqual([
      { key: "call_to_lead", value: 0.125, measured: false, sample: 0 },
      { key: "offer_to_won", value: 0.4, measured: false, sample: 0 },
    ]);
    expect(bad).toEqual(["qualified_to_offer"]);
    expect(rateOverrides({ call_to_lead: "0" }).bad).toEqual(["call_to_lead"]);
    expect(rateOverrides({ call_to_lead: "101" }).bad).toEqual(["call_to_lead"]);
    expect(rateOverrides({ call_to_lead: "100" }).rates[0].value).toBe(1);
  });
});

describe("signals and shares", () => {
  it("words each signal code", () => {
    const s = (code: string) => signalWording({ code, severity: "warning", value: 1, needed: 2 });
    expect(s("calls_behind_pace")).toEqual({ key: "behind_pace", indicator: "calls", money: false });
    expect(s("offers_behind_pace").indicator).toBe("offers");
    expect(s("forecast_below_target")).toEqual({ key: "forecast_below_target", indicator: null, money: true });
    expect(s("target_missed").money).toBe(true);
    expect(s("coverage_low").key).toBe("coverage_low");
    expect(s("no_plan").key).toBe("no_plan");
  });

  it("shows a share as a percentage to one decimal", () => {
    expect(pct(0.3456)).toBe(34.6);
    expect(pct(1)).toBe(100);
  });
});

describe("ABC migration", () => {
  it("lays the 16 cells out as rows before × columns after", () => {
    const cells: MigrationCell[] = [
      { from: "A", to: "A", clients: 3 },
      { from: "A", to: "B", clients: 1 },
      { from: "C", to: null, clients: 2 },
      { from: null, to: "B", clients: 4 },
    ];
    expect(migrationGrid(cells)).toEqual([
      [3, 1, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 2],
      [0, 4, 0, 0],
    ]);
  });

  it("tells up from down", () => {
    expect(migrationDirection("B", "A")).toBe("up");
    expect(migrationDirection(null, "C")).toBe("up");
    expect(migrationDirection("A", "C")).toBe("down");
    expect(migrationDirection("C", null)).toBe("down");
    expect(migrationDirection("B", "B")).toBe("same");
    expect(migrationDirection(null, null)).toBe("same");
  });
});

describe("the self-assessment", () => {
  it("counts only a firm yes", () => {
    expect(firmYes(["yes", "partly", "no", null, "yes", undefined])).toBe(2);
    expect(firmYes(Array(21).fill("partly"))).toBe(0);
  });

  it("lists the roles below three firm yeses", () => {
    const roles = [
      { role: "strategist", score: 3, strong: true },
      { role: "mobiliser", score: 2, strong: false },
      { role: "coach_adviser", score: 0, strong: false },
    ];
    expect(weakRoles(roles).map((r) => r.role)).toEqual(["mobiliser", "coach_adviser"]);
  });
});

describe("chart tables", () => {
  it("gives one row per label and one cell per series, gaps as null", () => {
    expect(chartRows(["a", "b", "c"], [{ values: [1, 2, 3] }, { values: [4, null] }])).toEqual([
      [1, 4],
      [2, null],
      [3, null],
    ]);
  });
});

describe("lost and disqualified reasons", () => {
  it("puts both counts of a reason on one row, the most frequent first", () => {
    const rows = reasonTable([
      { status: "lost", reason: "Price too high", deals: 3 },
      { status: "disqualified", reason: "Not our target client", deals: 5 },
      { status: "lost", reason: "", deals: 1 },
      { status: "disqualified", reason: "Price too high", deals: 4 },
    ]);
    expect(rows).toEqual([
      { reason: "Price too high", lost: 3, disqualified: 4 },
      { reason: "Not our target client", lost: 0, disqualified: 5 },
      { reason: "", lost: 1, disqualified: 0 },
    ]);
  });
});
