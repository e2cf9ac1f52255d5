// Regulations as people read them: one-line summaries of a rule
// ("Tue, Thu 09:00 · 120 min · 40 calls"), the rule types each kind offers,
// and a fresh rule of a type for the editor.

import type { Abc } from "./bindings/Abc";
import type { RegulationKind } from "./bindings/RegulationKind";
import type { Rule } from "./bindings/Rule";
import { weekdayName } from "./i18n/format";
import { formatNumber, i18n, t } from "./i18n/index.svelte";

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

/** "Tue, Thu" — ISO weekdays in order. */
export function weekdayList(days: readonly number[]): string {
  return [...days]
    .filter((d) => d >= 1 && d <= 7)
    .sort((a, b) => a - b)
    .map(weekdayShort)
    .join(", ");
}

function when(rule: Extract<Rule, { type: "schedule" }>): string {
  const days = rule.days ?? [];
  if (rule.every === "day") return t("playbook.rule.every_day");
  if (rule.every === "week") return days.length ? weekdayList(days) : t("playbook.rule.weekly");
  const parts = [...days]
    .sort((a, b) => (a === -1 ? 99 : a) - (b === -1 ? 99 : b))
    .map((d) => (d === -1 ? t("playbook.rule.last_working_day") : String(d)));
  return t("playbook.rule.monthly_on", { days: parts.join(", ") });
}

/** The rule in one line, in the UI language. */
export function ruleSummary(rule: Rule | null): string {
  if (!rule) return "";
  switch (rule.type) {
    case "schedule": {
      const parts = [`${when(rule)} ${rule.at}`, t("playbook.rule.minutes", { count: rule.minutes })];
      if (rule.target_calls) parts.push(t("playbook.rule.calls", { count: rule.target_calls }));
      else parts.push(t(`activity_kinds.${rule.activity}` as const));
      return parts.join(" · ");
    }
    case "client_check_in": {
      const abc = (["A", "B", "C"] as Abc[]).filter((k) => rule.days[k] !== undefined);
      return t("playbook.rule.check_in", { list: abc.map((k) => `${k} ${t("playbook.rule.days_short", { count: rule.days[k] ?? 0 })}`).join(" · ") });
    }
    case "after_first_sale": {
      const action = (AFTER_SALE_ACTIONS as readonly string[]).includes(rule.action)
        ? t(`playbook.rule.actions.${rule.action as (typeof AFTER_SALE_ACTIONS)[number]}` as const)
        : rule.action;
      return t("playbook.rule.after_first_sale", { action, count: rule.within_days });
    }
    case "before_expected_order":
      return t("playbook.rule.before_expected_order", { count: rule.days_before });
    case "inbound_response":
      return t("playbook.rule.inbound_response", { count: rule.hours });
    case "next_step_required":
      return t("playbook.rule.next_step_required", { count: rule.days });
    case "stale_deal":
      return t("playbook.rule.stale_deal", { count: rule.days });
    case "handoff_card_complete":
      return t(rule.card === "qualification" ? "playbook.rule.card_qualification" : "playbook.rule.card_handover");
    case "client_contact":
      return t("playbook.rule.client_contact", { abc: rule.abc, count: rule.days });
    case "prospecting_pace":
      return t("playbook.rule.prospecting_pace", { count: rule.calls_per_week, n: formatNumber(rule.calls_per_week) });
  }
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
