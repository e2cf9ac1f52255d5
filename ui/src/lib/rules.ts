// Regulations as people read them: one-line summaries of a rule (worded by
// the core: "Tue, Thu at 09:00 · 120 min · call · 40 calls"), the rule types
// each kind offers, and a fresh rule of a type for the editor.

import { commands } from "./api";
import type { RegulationKind } from "./bindings/RegulationKind";
import type { Rule } from "./bindings/Rule";
import { weekdayName } from "./i18n/format";
import { i18n, t } from "./i18n/index.svelte";

export type RuleType = Rule["type"];

export const ROUTINE_TYPES: readonly RuleType[] = ["schedule", "client_check_in", "after_first_sale", "before_expected_order"];
export const NORM_TYPES: readonly RuleType[] = [
  "inbound_response",
  "next_step_required",
  "stale_deal",
  "handoff_card_complete",
  "client_contact",
  "prospecting_pace",
];
export const AFTER_SALE_ACTIONS = ["referral", "welcome_call", "feedback"] as const;

export function ruleTypesFor(kind: RegulationKind): readonly RuleType[] {
  return kind === "routine" ? ROUTINE_TYPES : kind === "norm" ? NORM_TYPES : [];
}

/** A rule of the type with sensible starting values. */
export function defaultRule(type: RuleType): Rule {
  switch (type) {
    case "schedule":
      return { type, every: "week", days: [2, 4], at: "09:00", minutes: 120, activity: "call", target_calls: 40 };
    case "client_check_in":
      return { type, days: { A: 30, B: 60, C: 90 } };
    case "after_first_sale":
      return { type, within_days: 7, action: "referral" };
    case "before_expected_order":
      return { type, days_before: 3 };
    case "inbound_response":
      return { type, hours: 2 };
    case "next_step_required":
      return { type, days: 3 };
    case "stale_deal":
      return { type, days: 14 };
    case "handoff_card_complete":
      return { type, card: "qualification" };
    case "client_contact":
      return { type, abc: "A", days: 30 };
    case "prospecting_pace":
      return { type, calls_per_week: 100 };
  }
}

/** Short weekday names in the UI language, ISO numbering (1 = Monday). */
export function weekdayShort(iso: number): string {
  // The names the printed regulation book uses (formats.json).
  return weekdayName(Math.min(Math.max(iso, 1), 7) - 1, i18n.locale);
}

/** The rule in one line, in the UI language, as the core words it (the same words the book prints). */
export async function ruleSummary(rule: Rule | null): Promise<string> {
  return rule ? commands.ruleSummary(rule) : "";
}

/** Minutes as "2 h 05 min" / "45 min". */
export function formatMinutes(min: number): string {
  const m = Math.max(0, Math.round(min));
  const h = Math.floor(m / 60);
  const r = m % 60;
  if (h === 0) return t("playbook.time.min", { m: r });
  return t("playbook.time.h_min", { h, m: String(r).padStart(2, "0") });
}

/** How long a norm has been broken: "45 min", "5 h", "3 d". */
export function formatSince(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return t("playbook.time.min", { m });
  if (m < 48 * 60) return t("playbook.time.hours", { count: Math.floor(m / 60) });
  return t("playbook.time.days", { count: Math.floor(m / 1440) });
}
