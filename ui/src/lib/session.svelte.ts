// App-wide state: the session from the core, the current screen, and the
// error banner. Every workspace action goes through here so the banner and
// the language stay consistent.

import { commands, pickNewWorkspacePath, pickWorkspaceToOpen, toAppError } from "./api";
import type { AppError, AppSession, Lang } from "./api";
import { detectLocale, setLocale, t } from "./i18n/index.svelte";
import { playbook } from "./playbook.svelte";
import { tick } from "svelte";

export type ScreenId = "today" | "conveyor" | "clients" | "playbook" | "plan" | "reports";
export const SCREENS: readonly ScreenId[] = ["today", "conveyor", "clients", "playbook", "plan", "reports"];

export const app = $state({
  session: null as AppSession | null,
  /** True until the first `app_state` answer (or failure). */
  loading: true,
  /** True while a workspace action (open/create/demo) runs. */
  busy: false,
  screen: "today" as ScreenId,
  error: null as AppError | null,
  /** The path chosen in the save dialog while the "new workspace" form is shown. */
  pendingNewPath: null as string | null,
  /** An encrypted workspace waiting for its passphrase (the prompt is shown). */
  unlockPath: null as string | null,
  /** The passphrase settings dialog is open. */
  securityOpen: false,
});

export function showError(e: unknown): void {
  app.error = toAppError(e);
}

export function dismissError(): void {
  app.error = null;
}

function applySession(s: AppSession, opts: { followLang: boolean }): void {
  app.session = s;
  app.unlockPath = s.needs_passphrase;
  if (opts.followLang) setLocale(detectLocale(s.settings.ui_lang, s.system_lang));
}

/** Takes a session a command returned (e.g. after a passphrase change). */
export function applySessionNow(s: AppSession): void {
  applySession(s, { followLang: false });
}

/** Load the session at start-up; picks the UI language. */
export async function loadSession(): Promise<void> {
  app.loading = true;
  try {
    const s = await commands.appState();
    // The last workspace is encrypted: the prompt asks, no error box needed.
    if (s.needs_passphrase && s.startup_error?.code === "passphrase_required") s.startup_error = null;
    applySession(s, { followLang: true });
  } catch (e) {
    setLocale(detectLocale(null));
    showError(e);
  } finally {
    app.loading = false;
  }
}

async function workspaceAction(run: () => Promise<AppSession>): Promise<boolean> {
  app.busy = true;
  try {
    applySession(await run(), { followLang: false });
    app.error = null;
    app.screen = "today";
    return true;
  } catch (e) {
    const x = toAppError(e);
    // An encrypted workspace: ask for its passphrase instead of a banner.
    if (x.code === "passphrase_required" && unlocking) app.unlockPath = unlocking;
    else showError(x);
    return false;
  } finally {
    app.busy = false;
  }
}

/** Takes the session the core returned after it replaced the open workspace (restore). */
export function adoptSession(s: AppSession): void {
  applySession(s, { followLang: false });
  app.error = null;
  app.screen = "today";
}

/** The path `workspaceAction` is opening, for the passphrase prompt. */
let unlocking: string | null = null;

export async function openWorkspace(path: string): Promise<boolean> {
  unlocking = path;
  try {
    return await workspaceAction(() => commands.workspaceOpen(path));
  } finally {
    unlocking = null;
  }
}

/** Opens the waiting encrypted workspace. True when open, else the message to show in the prompt. */
export async function unlockWorkspace(path: string, passphrase: string): Promise<true | string> {
  app.busy = true;
  try {
    applySession(await commands.workspaceUnlock(path, passphrase), { followLang: false });
    app.error = null;
    app.screen = "today";
    return true;
  } catch (e) {
    return toAppError(e).message;
  } finally {
    app.busy = false;
  }
}

/** The person gave up on the encrypted workspace. */
export async function cancelUnlock(): Promise<void> {
  app.unlockPath = null;
  try {
    applySession(await commands.workspaceUnlockCancel(), { followLang: false });
  } catch (e) {
    showError(e);
  }
}

export function openDemo(): Promise<boolean> {
  return workspaceAction(() => commands.workspaceOpenDemo());
}

/** Creates a workspace; from a built-in template, the first-run wizard follows. */
export async function createWorkspace(path: string, name: string, lang: Lang, currency: string, template: string | null = null): Promise<boolean> {
  const ok = await workspaceAction(() =>
    template ? commands.workspaceCreateFromTemplate(path, name, lang, currency, template) : commands.workspaceCreate(path, name, lang, currency),
  );
  if (ok) {
    app.pendingNewPath = null;
    if (template) {
      // After the previous workspace's overlays are gone (they close on switching).
      await tick();
      playbook.setupTemplate = template;
      playbook.setup = true;
    }
  }
  return ok;
}

/** "Open…": the native open dialog, then open the chosen file. False when cancelled or failed. */
export async function chooseAndOpen(): Promise<boolean> {
  try {
    const path = await pickWorkspaceToOpen(t("workspace.file_filter"), t("workspace.open_dialog_title"));
    return path ? await openWorkspace(path) : false;
  } catch (e) {
    showError(e);
    return false;
  }
}

/** "New…": the native save dialog; on a path, the inline form takes over. */
export async function chooseNewPath(): Promise<boolean> {
  try {
    const path = await pickNewWorkspacePath(t("workspace.file_filter"), t("workspace.save_dialog_title"));
    if (path) app.pendingNewPath = path;
    return path !== null;
  } catch (e) {
    showError(e);
    return false;
  }
}

export function cancelNew(): void {
  app.pendingNewPath = null;
}

/** Switch the UI language now, and persist it in the settings. */
export async function switchLang(lang: Lang): Promise<void> {
  const before = app.session?.settings.ui_lang ?? null;
  setLocale(lang);
  try {
    const s = await commands.settingsSetLang(lang);
    applySession(s, { followLang: false });
  } catch (e) {
    // Keep the language the person chose for this run, but say it was not saved.
    showError(e);
    if (app.session) app.session.settings.ui_lang = before;
  }
}
