// Which views are stale. The core names, for every command, the views its
// change can make stale (`staleViews` in the generated bindings); `api.ts`
// marks them after each successful command, and each view reloads when its
// own counter moves — exactly the views the change touched, no call site
// has to remember to refresh.

import type { View } from "./bindings/View";

export const VIEWS: readonly View[] = ["today", "board", "clients", "profile", "deal", "plan", "reports", "playbook", "team", "trash"];

/** A counter per view, bumped when a change makes the view stale. Read it in an `$effect` to reload with it. */
export const stale = $state<Record<View, number>>(Object.fromEntries(VIEWS.map((v) => [v, 0])) as Record<View, number>);

/** Mark views stale; `null` (a command the core does not know) marks every view. */
export function markStale(views: readonly View[] | null): void {
  for (const v of views ?? VIEWS) stale[v]++;
}
