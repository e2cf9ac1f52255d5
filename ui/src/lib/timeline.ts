// A client's timeline: activities, orders and hand-offs merged, newest first.

import type { Activity } from "./bindings/Activity";
import type { Handoff } from "./bindings/Handoff";
import type { Order } from "./bindings/Order";

export type TimelineItem =
  | { kind: "activity"; id: number; at: string; item: Activity }
  | { kind: "order"; id: number; at: string; item: Order }
  | { kind: "handoff"; id: number; at: string; item: Handoff };

/** When an activity happened (done) or is planned (due); "" when neither. */
export function activityAt(a: Activity): string {
  return a.done_at ?? a.due_at ?? "";
}

/** Normalise `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS` and RFC 3339 to one comparable text. */
export function sortKey(at: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) return `${at}T00:00:00`;
  return at.replace(" ", "T").slice(0, 19);
}

const KIND_ORDER = { handoff: 0, order: 1, activity: 2 } as const;

/**
 * Merge and sort newest first. Archived records are left out. Ties (same
 * moment) put hand-offs first, then orders, then activities, then higher ids.
 */
export function mergeTimeline(activities: Activity[], orders: Order[], handoffs: Handoff[]): TimelineItem[] {
  const items: TimelineItem[] = [
    ...activities.filter((a) => !a.archived).map((a) => ({ kind: "activity" as const, id: a.id, at: activityAt(a), item: a })),
    ...orders.filter((o) => !o.archived).map((o) => ({ kind: "order" as const, id: o.id, at: o.order_date, item: o })),
    ...handoffs.map((h) => ({ kind: "handoff" as const, id: h.id, at: h.created_at, item: h })),
  ];
  return items.sort((a, b) => {
    const ka = sortKey(a.at);
    const kb = sortKey(b.at);
    if (ka !== kb) return ka < kb ? 1 : -1;
    if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
    return b.id - a.id;
  });
}

/** The date part of any timestamp the core sends. */
export function datePart(at: string): string {
  return at.slice(0, 10);
}

/** `HH:MM` of a local timestamp, or "" for a bare date / midnight. */
export function timePart(at: string): string {
  const m = /T(\d{2}):(\d{2})/.exec(at);
  if (!m || (m[1] === "00" && m[2] === "00")) return "";
  return `${m[1]}:${m[2]}`;
}
