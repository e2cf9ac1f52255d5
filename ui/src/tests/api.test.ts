import { afterEach, describe, expect, it, vi } from "vitest";
import { attempt, commands, toAppError, withWorkspaceExt } from "../lib/api";
import { stale } from "../lib/stale.svelte";
import { daysBetween, isOverdue, parseIsoDate } from "../lib/dates";

describe("toAppError", () => {
  it("keeps the core's {code, message, field}", () => {
    expect(toAppError({ code: "workspace_locked", message: "Open in another window.", field: null })).toEqual({
      code: "workspace_locked",
      message: "Open in another window.",
      field: null,
    });
    expect(toAppError({ code: "validation", message: "Name is empty.", field: "name" }).field).toBe("name");
  });

  it("turns anything else into an internal error with a message", () => {
    expect(toAppError("dialog failed")).toEqual({ code: "internal", message: "dialog failed", field: null });
    expect(toAppError(new Error("boom"))).toEqual({ code: "internal", message: "boom", field: null });
    expect(toAppError(42).code).toBe("internal");
    expect(toAppError({ message: "no code" }).code).toBe("internal");
  });
});

describe("commands over IPC", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("sends the command name and arguments the shell expects", async () => {
    const invoke = vi.fn(async (_cmd: string, _args: unknown) => ({ ok: true }));
    vi.stubGlobal("window", { __TAURI_INTERNALS__: { invoke, transformCallback: () => 0 } });
    await commands.boardGet({ owner_id: 3, source: "referral", tag: null });
    await commands.settingsSetLang("ru");
    await commands.workspaceCreate("/tmp/a.conveyor", "Acme", "en", "EUR");
    expect(invoke.mock.calls.map((c) => [c[0], c[1]])).toEqual([
      ["board_get", { query: { owner_id: 3, source: "referral", tag: null } }],
      ["settings_set_lang", { lang: "ru" }],
      ["workspace_create", { path: "/tmp/a.conveyor", name: "Acme", lang: "en", currency: "EUR" }],
    ]);
  });

  it("marks stale exactly the views the core names for a command, once it succeeded", async () => {
    const invoke = vi.fn(async () => ({ ok: true }));
    vi.stubGlobal("window", { __TAURI_INTERNALS__: { invoke, transformCallback: () => 0 } });
    const before = { ...stale };
    await commands.boardGet({ owner_id: null, source: null, tag: null });
    expect({ ...stale }).toEqual(before);
    await commands.dealUpdate(1, {
      title: "x",
      company_id: 1,
      contact_id: null,
      step_id: 1,
      value_minor: 1,
      currency: null,
      owner_id: null,
      source: "other",
      referred_by_id: null,
      next_step: null,
      next_step_date: null,
      expected_close_on: null,
    });
    for (const v of ["today", "board", "profile", "deal", "clients"] as const) expect(stale[v]).toBe(before[v] + 1);
    expect(stale.playbook).toBe(before.playbook);
    // A refused command leaves every view as it was.
    vi.stubGlobal("window", { __TAURI_INTERNALS__: { invoke: async () => Promise.reject({ code: "validation", message: "no", field: "deal.title" }), transformCallback: () => 0 } });
    const after = { ...stale };
    await expect(commands.taskComplete(1, null)).rejects.toMatchObject({ code: "validation" });
    expect({ ...stale }).toEqual(after);
  });

  it("attempt() resolves rejections as AppError", async () => {
    const err = { code: "not_found", message: "The file is gone.", field: null };
    vi.stubGlobal("window", { __TAURI_INTERNALS__: { invoke: async () => Promise.reject(err), transformCallback: () => 0 } });
    expect(await attempt(() => commands.workspaceOpen("/x.conveyor"))).toEqual({ err });
  });
});

describe("workspace paths and dates", () => {
  it("adds the .conveyor extension once", () => {
    expect(withWorkspaceExt("/home/a/Acme")).toBe("/home/a/Acme.conveyor");
    expect(withWorkspaceExt("/home/a/Acme.conveyor")).toBe("/home/a/Acme.conveyor");
    expect(withWorkspaceExt("C:\\x\\Acme.CONVEYOR")).toBe("C:\\x\\Acme.CONVEYOR");
  });

  it("counts days and overdue dates", () => {
    expect(daysBetween("2026-02-27", "2026-03-02")).toBe(3);
    expect(daysBetween("2026-03-02", "2026-03-02")).toBe(0);
    expect(daysBetween("bad", "2026-03-02")).toBe(0);
    expect(isOverdue("2026-03-01", "2026-03-02")).toBe(true);
    expect(isOverdue("2026-03-02", "2026-03-02")).toBe(false);
    expect(isOverdue(null, "2026-03-02")).toBe(false);
    expect(parseIsoDate("2026-02-29")).toBeNull();
    expect(parseIsoDate("2028-02-29")?.toISOString()).toBe("2028-02-29T00:00:00.000Z");
  });
});
