// The call register: period presets and calls grouped by day with subtotals.

import type { CallRow } from "./bindings/CallRow";
import { addDays, parseIsoDate } from "./dates";

export type Period = { from: string; to: string };
export type CallDay = { date: string; calls: CallRow[]; count: number; minutes: number };
export type CallRegister = { days: CallDay[]; count: number; minutes: number };

/** Monday of the ISO week holding `iso` (`YYYY-MM-DD`). */
export function weekStart(iso: string): string {
  const d = parseIsoDate(iso);
  if (!d) return iso;
  const dow = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(iso, -dow);
}

export function thisWeek(today: string): Period {
  const from = weekStart(today);
  return { from, to: addDays(from, 6) };
}

export function lastWeek(today: string): Period {
  const from = addDays(weekStart(today), -7);
  return { from, to: addDays(from, 6) };
}

export function thisMonth(today: string): Period {
  const d = parseIsoDate(today);
  if (!d) return { from: today, to: today };
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  return { from: `${today.slice(0, 7)}-01`, to: last.toISOString().slice(0, 10) };
}

/**
 * Calls grouped by their day (`at` is `YYYY-MM-DDTHH:MM:SS`), days in order,
 * calls within a day by time; each day with its count and minutes, plus the total.
 */
export function groupCallsByDay(rows: readonly CallRow[]): CallRegister {
  const byDay = new Map<string, CallRow[]>();
  for (const r of rows) {
    const day = r.at.slice(0, 10);
    const list = byDay.get(day);
    if (list) list.push(r);
    else byDay.set(day, [r]);
  }
  const days: CallDay[] = [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, calls]) => {
      const sorted = [...calls].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      return { date, calls: sorted, count: sorted.length, minutes: sorted.reduce((n, c) => n + (c.duration_min ?? 0), 0) };
    });
  return { days, count: rows.length, minutes: days.reduce((n, d) => n + d.minutes, 0) };
}

/** `HH:MM` of a `YYYY-MM-DDTHH:MM:SS` time; empty when there is none. */
export function callTime(at: string): string {
  const m = /T(\d{2}:\d{2})/.exec(at);
  return m ? m[1] : "";
}
