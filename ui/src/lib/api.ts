// The one door to the Rust core: every IPC call of the UI goes through here.
//
// `commands` is generated from Rust (bindings/commands.ts); this module re-exports
// it, adds the file dialogs, and turns any rejection into an `AppError`
// (`{code, message, field}`) so screens can branch on `code` and show `message`.

import { open, save } from "@tauri-apps/plugin-dialog";
import { commands as generated, staleViews } from "./bindings/commands";
import type { AppError } from "./bindings/AppError";
import type { ErrorCode } from "./bindings/ErrorCode";
import { markStale } from "./stale.svelte";

/**
 * The generated commands, each marking the views the core says its change
 * made stale once it succeeded (see `stale.svelte.ts`).
 */
export const commands: typeof generated = new Proxy(generated, {
  get(target, name, receiver) {
    const f: unknown = Reflect.get(target, name, receiver);
    if (typeof f !== "function" || typeof name !== "string") return f;
    return async (...args: unknown[]) => {
      const out: unknown = await (f as (...a: unknown[]) => Promise<unknown>)(...args);
      const views = staleViews[name];
      if (views === undefined || views === null) markStale(null);
      else if (views.length) markStale(views);
      return out;
    };
  },
});
export type { AppError, ErrorCode };
export type { AppSession } from "./bindings/AppSession";
export type { AppSettings } from "./bindings/AppSettings";
export type { Board } from "./bindings/Board";
export type { BoardQuery } from "./bindings/BoardQuery";
export type { BoardStage } from "./bindings/BoardStage";
export type { BoardStep } from "./bindings/BoardStep";
export type { DealCard } from "./bindings/DealCard";
export type { Lang } from "./bindings/Lang";
export type { MoneyTotal } from "./bindings/MoneyTotal";
export type { Person } from "./bindings/Person";
export type { RecentWorkspace } from "./bindings/RecentWorkspace";
export type { Source } from "./bindings/Source";
export type { Stage } from "./bindings/Stage";
export type { Step } from "./bindings/Step";
export type { WorkspaceSummary } from "./bindings/WorkspaceSummary";

/** File extension of workspace files (without the dot). */
export const WORKSPACE_EXT = "conveyor";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

/**
 * Turn whatever a command rejected with into an `AppError`.
 * The core always rejects with `{code, message, field}`; anything else
 * (a plugin's string error, a JS exception) becomes an `internal` error whose
 * message is the best text we have.
 */
export function toAppError(e: unknown): AppError {
  if (isRecord(e) && typeof e.code === "string" && typeof e.message === "string") {
    return {
      code: e.code as ErrorCode,
      message: e.message,
      field: typeof e.field === "string" ? e.field : null,
    };
  }
  if (typeof e === "string") return { code: "internal", message: e, field: null };
  if (e instanceof Error) return { code: "internal", message: e.message, field: null };
  return { code: "internal", message: String(e), field: null };
}

/** Run a command; resolve `{ok: value}` or `{err: AppError}` instead of throwing. */
export async function attempt<T>(call: () => Promise<T>): Promise<{ ok: T; err?: undefined } | { ok?: undefined; err: AppError }> {
  try {
    return { ok: await call() };
  } catch (e) {
    return { err: toAppError(e) };
  }
}

/** Add the workspace extension when the save dialog returned a bare name. */
export function withWorkspaceExt(path: string): string {
  return path.toLowerCase().endsWith(`.${WORKSPACE_EXT}`) ? path : `${path}.${WORKSPACE_EXT}`;
}

/**
 * TEST SEAM for the end-to-end tests (native dialogs cannot be driven by
 * WebDriver). The shell defines `window.__CONVEYOR_TEST_DIALOGS__` only when
 * it was started with `CONVEYOR_TEST_DIALOGS` (see src-tauri/src/lib.rs);
 * then the next dialogs are answered from that queue, in order ("" = cancelled).
 * Returns `undefined` when there is no queued answer: show the real dialog.
 */
export function testDialogAnswer(): string | null | undefined {
  const queue = (globalThis as { __CONVEYOR_TEST_DIALOGS__?: unknown }).__CONVEYOR_TEST_DIALOGS__;
  if (!Array.isArray(queue) || queue.length === 0) return undefined;
  const answer: unknown = queue.shift();
  return typeof answer === "string" && answer !== "" ? answer : null;
}

export type FileFilter = { name: string; extensions: string[] };

/** Native "open" dialog for one file, starting in `defaultPath` if given; `null` when cancelled. */
export async function pickFile(filters: FileFilter[], title?: string, defaultPath?: string): Promise<string | null> {
  const seam = testDialogAnswer();
  if (seam !== undefined) return seam;
  const path = await open({ title, multiple: false, directory: false, filters, defaultPath });
  return typeof path === "string" ? path : null;
}

/** Native "save as" dialog suggesting `defaultPath`; `null` when cancelled. */
export async function pickSavePath(defaultPath: string, filters: FileFilter[], title?: string): Promise<string | null> {
  const seam = testDialogAnswer();
  if (seam !== undefined) return seam;
  return (await save({ title, defaultPath, filters })) ?? null;
}

/** Native "save as" dialog for a new workspace file; `null` when cancelled. */
export async function pickNewWorkspacePath(filterName: string, title?: string): Promise<string | null> {
  const seam = testDialogAnswer();
  const path = seam !== undefined ? seam : await save({ title, filters: [{ name: filterName, extensions: [WORKSPACE_EXT] }] });
  return path ? withWorkspaceExt(path) : null;
}

/** Native "open" dialog for an existing workspace file; `null` when cancelled. */
export function pickWorkspaceToOpen(filterName: string, title?: string): Promise<string | null> {
  return pickFile([{ name: filterName, extensions: [WORKSPACE_EXT] }], title);
}

/** File extension of template files (a configured sales system, no client data). */
export const TEMPLATE_EXT = "json";

/** Native "save as" dialog for a template file; `null` when cancelled. */
export async function pickTemplateToSave(filterName: string, title?: string, defaultPath?: string): Promise<string | null> {
  const path = await save({ title, defaultPath, filters: [{ name: filterName, extensions: [TEMPLATE_EXT] }] });
  if (!path) return null;
  return path.toLowerCase().endsWith(`.${TEMPLATE_EXT}`) ? path : `${path}.${TEMPLATE_EXT}`;
}

/** Native "open" dialog for a template file; `null` when cancelled. */
export async function pickTemplateToOpen(filterName: string, title?: string): Promise<string | null> {
  const path = await open({ title, multiple: false, directory: false, filters: [{ name: filterName, extensions: [TEMPLATE_EXT] }] });
  return typeof path === "string" ? path : null;
}
