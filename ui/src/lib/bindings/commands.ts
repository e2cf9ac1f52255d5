// Generated from src-tauri/src/commands.rs by `./dev bindings`. Do not edit.
import { invoke } from "@tauri-apps/api/core";
import type { AppSession } from "./AppSession";
import type { Board } from "./Board";
import type { BoardQuery } from "./BoardQuery";
import type { Lang } from "./Lang";
import type { Person } from "./Person";

export const commands = {
  appState: () => invoke<AppSession>("app_state", {}),
  workspaceOpen: (path: string) => invoke<AppSession>("workspace_open", { path }),
  workspaceCreate: (path: string, name: string, lang: Lang, currency: string) => invoke<AppSession>("workspace_create", { path, name, lang, currency }),
  workspaceOpenDemo: () => invoke<AppSession>("workspace_open_demo", {}),
  settingsSetLang: (lang: Lang | null) => invoke<AppSession>("settings_set_lang", { lang }),
  boardGet: (query: BoardQuery) => invoke<Board>("board_get", { query }),
  peopleList: () => invoke<Array<Person>>("people_list", {}),
};
