// Pure helpers of the Plan screens: period codes, amounts typed by people,
// the backwards chain of a derived plan, rate overrides, signals, the ABC
// migration grid, the self-assessment count and chart tables. No Svelte;
// the one IPC call is reading a typed amount, whose rule is the core's.
// Unit-tested in src/tests/planning.test.ts.

import { commands } from "./api";
import type { Abc } from "./bindings/Abc";
import type { Answer } from "./bindings/Answer";
import type { MigrationCell } from "./bindings/MigrationCell";
import type { PlanDerivation } from "./bindings/PlanDerivation";
import type { Rate } from "./bindings/Rate";
import type { ReasonCount } from "./bindings/ReasonCount";
import type { Signal } from "./bindings/Signal";

export type PeriodKind = "month" | "quarter" | "year";

/** The period of a kind that contains `todayIso` (`YYYY-MM-DD`): `2027-01`, `2027-Q1`, `2027`. */
export function periodCode(kind: PeriodKind, todayIso: string): string {
  const y = Number(todayIso.slice(0, 4));
  const m = Number(todayIso.slice(5, 7));
  if (kind === "year") return String(y);
  if (kind === "quarter") return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
  return `${y}-${String(m).padStart(2, "0")}`;
}

/** The kind of a period code; `null` when it is none. */
export function periodKind(code: string): PeriodKind | null {
  if (/^\d{4}$/.test(code)) return "year";
  if (/^\d{4}-Q[1-4]$/.test(code)) return "quarter";
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(code)) return "month";
  return null;
}

/** The period `delta` periods of the same kind after (or before) `code`. */
export function shiftPeriod(code: string, delta: number): string {
  const kind = periodKind(code);
  const y = Number(code.slice(0, 4));
  if (kind === "year") return String(y + delta);
  if (kind === "quarter") {
    const q = y * 4 + (Number(code.slice(6)) - 1) + delta;
    return `${Math.floor(q / 4)}-Q${(((q % 4) + 4) % 4) + 1}`;
  }
  if (kind === "month") {
    const m = y * 12 + (Number(code.slice(5, 7)) - 1) + delta;
    return `${Math.floor(m / 12)}-${String((((m % 12) + 12) % 12) + 1).padStart(2, "0")}`;
  }
  return code;
}

/**
 * An amount typed by a person ("50000", "50 000", "50000,50", "1,234.5") in
 * minor units with `digits` fraction digits; `null` when it is not an amount.
 * The core reads it (`conveyor_core::amount`), by the same rule as the CLI.
 */
export async function parseAmount(text: string, digits = 2): Promise<number | null> {
  if (text.trim() === "") return null;
  return commands.amountParse(text, digits);
}

/** Minor units back to what a person would type (no grouping): 5000000 → "50000". */
export function amountText(minor: number, digits = 2): string {
  const scale = 10 ** digits;
  return minor % scale === 0 ? String(minor / scale) : (minor / scale).toFixed(digits);
}

/** A 0..1 share as a percentage number with one decimal: 0.3456 → 34.6. */
export function pct(share: number): number {
  return Math.round(share * 1000) / 10;
}

/** Step keys of the chain, in the order they are worked out (target first). */
export type ChainKey =
  | "profit"
  | "turnover"
  | "repeat"
  | "new_turnover"
  | "first_deals"
  | "offers"
  | "qualified_leads"
  | "leads"
  | "calls"
  | "calls_per_day"
  | "hours_per_week";

export interface ChainStep {
  key: ChainKey;
  /** Money in minor units for money steps, a count otherwise. */
  value: number;
  money: boolean;
  /** The rate this step was derived with (from the step below it), if any. */
  rate: Rate | null;
  /** Whether the number the step rests on was measured from history. */
  measured: boolean | null;
  /** The step the person must act on (calls per working day). */
  headline: boolean;
}

const RATE_OF: Partial<Record<ChainKey, string>> = {
  offers: "offer_to_won",
  qualified_leads: "qualified_to_offer",
  leads: "lead_to_qualified",
  calls: "call_to_lead",
};

/** The backwards calculation as one chain: profit → turnover → … → calls per day, hours per week. */
export function planChain(d: PlanDerivation): ChainStep[] {
  const i = d.inputs;
  const rate = (k: ChainKey) => i.rates.find((r) => r.key === RATE_OF[k]) ?? null;
  const step = (key: ChainKey, value: number, money: boolean, measured: boolean | null, headline = false): ChainStep => ({
    key,
    value,
    money,
    rate: rate(key),
    measured: RATE_OF[key] ? (rate(key)?.measured ?? false) : measured,
    headline,
  });
  return [
    step("profit", d.profit_minor, true, i.target_profit_minor === null ? i.margin_measured : null),
    step("turnover", i.target_turnover_minor, true, i.target_profit_minor === null ? null : i.margin_measured),
    step("repeat", i.repeat_turnover_minor, true, i.repeat_measured),
    step("new_turnover", d.new_turnover_minor, true, null),
    step("first_deals", d.first_deals, false, i.avg_first_deal_measured),
    step("offers", d.offers, false, null),
    step("qualified_leads", d.qualified_leads, false, null),
    step("leads", d.leads, false, null),
    step("calls", d.calls, false, null),
    step("calls_per_day", d.calls_per_day, false, null, true),
    step("hours_per_week", d.prospecting_hours_per_week, false, null, true),
  ];
}

export const RATE_KEYS = ["call_to_lead", "lead_to_qualified", "qualified_to_offer", "offer_to_won"] as const;
export type RateKey = (typeof RATE_KEYS)[number];

/**
 * The rates a person typed (percent text by key; blank = keep the measured
 * or default one) as the `rates` of a derive request. Text that is not a
 * number in 0..100 is left out and reported in `bad`.
 */
export function rateOverrides(edits: Partial<Record<RateKey, string>>): { rates: Rate[]; bad: RateKey[] } {
  const rates: Rate[] = [];
  const bad: RateKey[] = [];
  for (const key of RATE_KEYS) {
    const text = (edits[key] ?? "").trim().replace(",", ".");
    if (text === "") continue;
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0 || n > 100) {
      bad.push(key);
      continue;
    }
    rates.push({ key, value: Math.round(n * 100) / 10000, measured: false, sample: 0 });
  }
  return { rates, bad };
}

/** How a risk signal is worded: the i18n key under `plan.signals` and its parameters. */
export interface SignalWording {
  key: "no_plan" | "forecast_below_target" | "coverage_low" | "target_missed" | "behind_pace";
  /** The indicator key for `behind_pace` (`calls`, `meetings`, `leads`, `offers`). */
  indicator: string | null;
  /** Whether value/needed are money (minor units). */
  money: boolean;
}

export function signalWording(s: Signal): SignalWording {
  if (s.code.endsWith("_behind_pace")) return { key: "behind_pace", indicator: s.code.slice(0, -"_behind_pace".length), money: false };
  switch (s.code) {
    case "forecast_below_target":
    case "target_missed":
      return { key: s.code, indicator: null, money: true };
    case "coverage_low":
      return { key: "coverage_low", indicator: null, money: false };
    default:
      return { key: "no_plan", indicator: null, money: false };
  }
}

export const ABC_ROWS: readonly (Abc | null)[] = ["A", "B", "C", null];

/** The 16 migration cells as a 4×4 grid: rows = class before (A, B, C, none), columns = class after. */
export function migrationGrid(cells: MigrationCell[]): number[][] {
  return ABC_ROWS.map((from) => ABC_ROWS.map((to) => cells.find((c) => c.from === from && c.to === to)?.clients ?? 0));
}

/** Whether moving from one class to another is a step up (or a new client), down (or lost), or the same. */
export function migrationDirection(from: Abc | null, to: Abc | null): "up" | "down" | "same" {
  const rank = (c: Abc | null) => (c === null ? 3 : ABC_ROWS.indexOf(c));
  if (from === to) return "same";
  if (from === null) return "up";
  if (to === null) return "down";
  return rank(to) < rank(from) ? "up" : "down";
}

/** Only a firm yes counts: "partly" and unanswered are a no. */
export function firmYes(answers: (Answer | null | undefined)[]): number {
  return answers.filter((a) => a === "yes").length;
}

/** A role is strong at 3 firm yeses of 3 (DESIGN.md Appendix A: every "no" is a task). */
export function weakRoles<T extends { score: number; strong: boolean }>(roles: T[]): T[] {
  return roles.filter((r) => !r.strong);
}

/** A chart's numbers as table rows: one row per label, one cell per series. */
export function chartRows(labels: string[], series: { values: (number | null)[] }[]): (number | null)[][] {
  return labels.map((_, i) => series.map((s) => s.values[i] ?? null));
}

/** Lost and disqualified counts side by side per reason, the most frequent reason first. */
export function reasonTable(reasons: ReasonCount[]): { reason: string; lost: number; disqualified: number }[] {
  const rows = new Map<string, { reason: string; lost: number; disqualified: number }>();
  for (const r of reasons) {
    const row = rows.get(r.reason) ?? { reason: r.reason, lost: 0, disqualified: 0 };
    if (r.status === "lost") row.lost += r.deals;
    else if (r.status === "disqualified") row.disqualified += r.deals;
    rows.set(r.reason, row);
  }
  return [...rows.values()].sort((a, b) => b.lost + b.disqualified - (a.lost + a.disqualified) || a.reason.localeCompare(b.reason));
}
