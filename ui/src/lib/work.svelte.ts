// State and actions of the daily work: which overlay is open (deal panel,
// forms, palette, profile), the toasts with Undo, and the moves of deals
// (within a stage via `dealMove`, across stages through the hand-off cards).

import { commands, toAppError } from "./api";
import type { AppError, DealCard, Stage, Step } from "./api";
import type { ActivityKind } from "./bindings/ActivityKind";
import type { CardKind } from "./bindings/CardKind";
import type { Deal } from "./bindings/Deal";
import { t } from "./i18n/index.svelte";
import { playbook } from "./playbook.svelte";
import { app, showError } from "./session.svelte";
import { markStale } from "./stale.svelte";

export { stale } from "./stale.svelte";

export type LogTarget = {
  deal: DealCard | null;
  company_id: number | null;
  contact_id: number | null;
  /** What is being logged, as people read it (deal title or client name). */
  label: string;
  kind: ActivityKind;
};
export type CardTarget = { kind: CardKind; deal: DealCard; toStepId: number | null };
export type CloseTarget = { deal: DealCard; status: "lost" | "disqualified" };
/** A toast's own button besides Undo, e.g. "Open" after saving a document. */
export type ToastAction = { label: string; run: () => Promise<unknown> };
export type Toast = { id: number; text: string; undo: (() => Promise<unknown>) | null; action?: ToastAction };

export type DataDialog = "import" | "export" | "backup" | "promote" | "pull";

export const work = $state({
  /** The deal shown in the side panel. */
  deal: null as DealCard | null,
  log: null as LogTarget | null,
  card: null as CardTarget | null,
  close: null as CloseTarget | null,
  reschedule: null as DealCard | null,
  lead: false,
  profile: null as number | null,
  /** A person's profile (a contact with or without a company). */
  person: null as number | null,
  palette: false,
  help: false,
  /** The dialog configuring the steps of each stage. */
  stepsDialog: false,
  /** The dialog configuring the fields of the hand-off cards. */
  cardFieldsDialog: false,
  /** The archive ("trash") with restore. */
  trash: false,
  /** Import, export or backup/restore (the workspace menu's data actions). */
  data: null as DataDialog | null,
  toasts: [] as Toast[],
  steps: [] as Step[],
  /** The core's "today" as the last screen saw it (set at start-up from the core's clock). */
  today: "",
  /** A board card to focus after the board reloads (keyboard moves). */
  focusDeal: null as number | null,
});

export const TOAST_MS = 8000;

/**
 * Every view reloads. Commands mark the views they made stale themselves
 * (`api.ts`); this is for the rare change no command reports.
 */
export function refresh(): void {
  markStale(null);
}

let toastSeq = 0;
export function toast(text: string, undo: (() => Promise<unknown>) | null = null, action?: ToastAction): void {
  const id = ++toastSeq;
  work.toasts = [...work.toasts.slice(-2), { id, text, undo, action }];
  setTimeout(() => dismissToast(id), TOAST_MS);
}

export function dismissToast(id: number): void {
  work.toasts = work.toasts.filter((x) => x.id !== id);
}

export async function runAction(x: Toast): Promise<void> {
  dismissToast(x.id);
  try {
    await x.action?.run();
  } catch (e) {
    showError(e);
  }
}

export async function runUndo(x: Toast): Promise<void> {
  dismissToast(x.id);
  if (!x.undo) return;
  try {
    await x.undo();
    toast(t("work.undone"));
  } catch (e) {
    showError(e);
  }
}

/** True while any overlay is open (global shortcuts wait). */
export function overlayOpen(): boolean {
  return !!(work.deal || work.log || work.card || work.close || work.reschedule || work.lead || work.profile || work.person !== null || work.palette || work.help || work.stepsDialog || work.cardFieldsDialog || work.trash || work.data || playbook.runner || playbook.setup);
}

export function closeAll(): void {
  work.deal = null;
  work.log = null;
  work.card = null;
  work.close = null;
  work.reschedule = null;
  work.lead = false;
  work.profile = null;
  work.person = null;
  work.palette = false;
  work.help = false;
  work.stepsDialog = false;
  work.cardFieldsDialog = false;
  work.trash = false;
  work.data = null;
  playbook.runner = null;
  playbook.setup = false;
}

let stepsFor: string | null = null;
/** The steps of every stage, loaded once per workspace. */
export async function loadSteps(force = false): Promise<Step[]> {
  const path = app.session?.workspace?.path ?? null;
  if (!force && stepsFor === path && work.steps.length) return work.steps;
  try {
    work.steps = await commands.stepsList();
    stepsFor = path;
  } catch (e) {
    showError(e);
  }
  return work.steps;
}

export function stageSteps(stage: Stage): Step[] {
  return work.steps.filter((s) => s.stage === stage).sort((a, b) => a.position - b.position);
}

/** The step after (`+1`) or before (`-1`) the deal's one in its stage; null at the ends. */
export function neighbourStep(deal: { stage: Stage; step_id: number }, dir: 1 | -1): Step | null {
  const list = stageSteps(deal.stage);
  const i = list.findIndex((s) => s.id === deal.step_id);
  if (i < 0) return null;
  return list[i + dir] ?? null;
}

export function isLastStep(deal: { stage: Stage; step_id: number }): boolean {
  const list = stageSteps(deal.stage);
  return list.length > 0 && list[list.length - 1].id === deal.step_id;
}

/** A card updated from what a command returned. */
export function cardFromDeal(card: DealCard, d: Deal): DealCard {
  const step = work.steps.find((s) => s.id === d.step_id);
  return {
    ...card,
    title: d.title,
    step_id: d.step_id,
    stage: d.stage,
    step_name: step?.name ?? card.step_name,
    value_minor: d.value_minor,
    currency: d.currency,
    next_step: d.next_step,
    next_step_date: d.next_step_date,
    expected_close_on: d.expected_close_on,
    step_entered_on: d.step_entered_on,
    status: d.status,
  };
}

export function openDeal(deal: DealCard): void {
  work.deal = deal;
}

export function openLog(t: Partial<LogTarget> & { label: string }): void {
  work.log = { deal: null, company_id: null, contact_id: null, kind: "call", ...t };
}

export function logDeal(deal: DealCard): void {
  openLog({ deal, company_id: deal.company_id, label: deal.title });
}

/**
 * Move a deal to a step. Same stage: `dealMove` with an Undo toast. Stage 1 → 2:
 * the qualification card; stage 2 → 3: the win with its hand-over card.
 * Returns the updated deal when it moved now.
 */
export async function moveDeal(deal: DealCard, toStepId: number): Promise<Deal | null> {
  await loadSteps();
  const to = work.steps.find((s) => s.id === toStepId);
  if (!to || toStepId === deal.step_id) return null;
  if (to.stage !== deal.stage) {
    if (deal.stage === "lead_generation" && to.stage === "first_deal") {
      work.card = { kind: "qualification", deal, toStepId };
      return null;
    }
    if (deal.stage === "first_deal" && to.stage === "account_development") {
      work.card = { kind: "handover", deal, toStepId: null };
      return null;
    }
  }
  const from = deal.step_id;
  try {
    const moved = await commands.dealMove(deal.id, toStepId);
    toast(t("work.moved", { title: deal.title, step: to.name }), () => commands.dealMove(deal.id, from));
    return moved;
  } catch (e) {
    handleMoveError(toAppError(e), deal);
    return null;
  }
}

function handleMoveError(err: AppError, deal: DealCard): void {
  if (err.code === "handoff_required") {
    work.card = { kind: deal.stage === "first_deal" ? "handover" : "qualification", deal, toStepId: null };
    return;
  }
  showError(err);
}

/** "Move to the next step": the next step of the stage, or the hand-off / win at its end. */
export async function moveNext(deal: DealCard): Promise<Deal | null> {
  await loadSteps();
  const next = neighbourStep(deal, 1);
  if (next) return moveDeal(deal, next.id);
  if (deal.stage === "lead_generation") work.card = { kind: "qualification", deal, toStepId: null };
  else if (deal.stage === "first_deal") work.card = { kind: "handover", deal, toStepId: null };
  return null;
}

export async function archiveDeal(deal: DealCard): Promise<boolean> {
  try {
    await commands.recordArchive("deal", deal.id);
    toast(t("work.archived", { title: deal.title }), () => commands.recordRestore("deal", deal.id));
    return true;
  } catch (e) {
    showError(e);
    return false;
  }
}

/** Ticks a task (or a routine's task) off, with Undo. */
export async function completeTask(task: { id: number; subject: string }): Promise<boolean> {
  try {
    await commands.taskComplete(task.id, null);
    toast(t("tasks.completed", { what: task.subject }), () => commands.taskReopen(task.id));
    return true;
  } catch (e) {
    showError(e);
    return false;
  }
}

/** The card being dragged on the board (HTML5 DnD keeps only strings). */
export const dragging = $state({ deal: null as DealCard | null });
