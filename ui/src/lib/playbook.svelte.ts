import type { Stage } from "./bindings/Stage";

// State of the playbook overlays that other screens open: the script runner
// (from a deal, a client profile or a Today item) and the first-run setup.

export type RunTarget = {
  deal_id: number | null;
  contact_id: number | null;
  company_id: number | null;
  /** Who the call is with, as people read it (deal title or client name). */
  label: string;
  /** A given script; null: the first script of `stage`, else of the deal's stage (stage 1 without a deal). */
  script_id: number | null;
  stage: Stage | null;
};

export const playbook = $state({
  runner: null as RunTarget | null,
  /** The first-run wizard (after creating a workspace, or from the Templates tab). */
  setup: false,
  /** The template the wizard starts with (the one a new workspace was created from). */
  setupTemplate: null as string | null,
  /** The Playbook screen's tab, kept when leaving the screen. */
  tab: "lead_generation" as PlaybookTab,
  /** A person whose Today to show next (the Team tab's "See Today"). */
  todayPerson: null as number | null,
});

export type PlaybookTab = "lead_generation" | "first_deal" | "account_development" | "head" | "team" | "templates";

export function runScript(t: Partial<RunTarget> & { label: string }): void {
  playbook.runner = { deal_id: null, contact_id: null, company_id: null, script_id: null, stage: null, ...t };
}
