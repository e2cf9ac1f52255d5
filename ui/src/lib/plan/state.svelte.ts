// State shared by the Plan screen's tabs: which tab is shown and the period
// the Sales plan tab opens on (the monthly review links to next month's plan).

export type PlanTab = "target" | "fact" | "analytics" | "reviews" | "assessment";
export const PLAN_TABS: readonly PlanTab[] = ["target", "fact", "analytics", "reviews", "assessment"];

export const planUi = $state({
  tab: "target" as PlanTab,
  /** A period code the Sales plan tab should show next time it mounts. */
  period: null as string | null,
  /** A target typed but not saved yet: it survives a switch to another tab or screen. */
  draft: null as PlanDraft | null,
});

export type PlanDraft = { period: string; targetKind: "turnover" | "profit"; targetText: string; conv: number; deal: number };

export function openPlanFor(period: string): void {
  planUi.period = period;
  planUi.tab = "target";
}
