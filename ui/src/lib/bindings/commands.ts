// Generated from src-tauri/src/commands.rs by `./dev bindings`. Do not edit.
import { invoke } from "@tauri-apps/api/core";
import type { Activity } from "./Activity";
import type { AppSession } from "./AppSession";
import type { Archivable } from "./Archivable";
import type { Board } from "./Board";
import type { BoardQuery } from "./BoardQuery";
import type { CallRow } from "./CallRow";
import type { CardField } from "./CardField";
import type { CardKind } from "./CardKind";
import type { ClientFilter } from "./ClientFilter";
import type { ClientPage } from "./ClientPage";
import type { ClientProfile } from "./ClientProfile";
import type { CloseReasons } from "./CloseReasons";
import type { Deal } from "./Deal";
import type { DealClose } from "./DealClose";
import type { HandOffInput } from "./HandOffInput";
import type { Lang } from "./Lang";
import type { LeadInput } from "./LeadInput";
import type { LogInput } from "./LogInput";
import type { Person } from "./Person";
import type { SearchHit } from "./SearchHit";
import type { Stage } from "./Stage";
import type { Step } from "./Step";
import type { Today } from "./Today";
import type { TrashItem } from "./TrashItem";
import type { WinInput } from "./WinInput";
import type { WinOutcome } from "./WinOutcome";

export const commands = {
  appState: () => invoke<AppSession>("app_state", {}),
  workspaceOpen: (path: string) => invoke<AppSession>("workspace_open", { path }),
  workspaceUnlock: (path: string, passphrase: string) => invoke<AppSession>("workspace_unlock", { path, passphrase }),
  workspaceUnlockCancel: () => invoke<AppSession>("workspace_unlock_cancel", {}),
  securitySetPassphrase: (passphrase: string) => invoke<AppSession>("security_set_passphrase", { passphrase }),
  securityChangePassphrase: (current: string, passphrase: string) => invoke<AppSession>("security_change_passphrase", { current, passphrase }),
  securityRemovePassphrase: (current: string) => invoke<AppSession>("security_remove_passphrase", { current }),
  workspaceCreate: (path: string, name: string, lang: Lang, currency: string) => invoke<AppSession>("workspace_create", { path, name, lang, currency }),
  workspaceOpenDemo: () => invoke<AppSession>("workspace_open_demo", {}),
  settingsSetLang: (lang: Lang | null) => invoke<AppSession>("settings_set_lang", { lang }),
  boardGet: (query: BoardQuery) => invoke<Board>("board_get", { query }),
  peopleList: () => invoke<Array<Person>>("people_list", {}),
  todayGet: (ownerId: number | null) => invoke<Today>("today_get", { ownerId }),
  clientsSearch: (query: string) => invoke<Array<SearchHit>>("clients_search", { query }),
  clientsList: (filter: ClientFilter, offset: number, limit: number) => invoke<ClientPage>("clients_list", { filter, offset, limit }),
  clientProfile: (companyId: number) => invoke<ClientProfile>("client_profile", { companyId }),
  stepsList: () => invoke<Array<Step>>("steps_list", {}),
  stepAdd: (stage: Stage, name: string, probabilityPct: number) => invoke<Step>("step_add", { stage, name, probabilityPct }),
  stepUpdate: (stepId: number, name: string, probabilityPct: number) => invoke<Step>("step_update", { stepId, name, probabilityPct }),
  stepArchive: (stepId: number) => invoke<null>("step_archive", { stepId }),
  stepsReorder: (stage: Stage, ids: Array<number>) => invoke<Array<Step>>("steps_reorder", { stage, ids }),
  leadCreate: (input: LeadInput) => invoke<Deal>("lead_create", { input }),
  dealMove: (dealId: number, stepId: number) => invoke<Deal>("deal_move", { dealId, stepId }),
  cardFields: (card: CardKind) => invoke<Array<CardField>>("card_fields", { card }),
  cardFieldAdd: (card: CardKind, label: string, required: boolean) => invoke<CardField>("card_field_add", { card, label, required }),
  cardFieldUpdate: (fieldId: number, label: string, required: boolean) => invoke<CardField>("card_field_update", { fieldId, label, required }),
  cardFieldArchive: (fieldId: number) => invoke<null>("card_field_archive", { fieldId }),
  cardFieldsReorder: (card: CardKind, ids: Array<number>) => invoke<Array<CardField>>("card_fields_reorder", { card, ids }),
  dealHandOff: (input: HandOffInput) => invoke<Deal>("deal_hand_off", { input }),
  dealWinFirst: (input: WinInput) => invoke<WinOutcome>("deal_win_first", { input }),
  dealClose: (dealId: number, close: DealClose) => invoke<Deal>("deal_close", { dealId, close }),
  dealReopen: (dealId: number) => invoke<Deal>("deal_reopen", { dealId }),
  dealReschedule: (dealId: number, nextStep: string, date: string) => invoke<Deal>("deal_reschedule", { dealId, nextStep, date }),
  closeReasons: () => invoke<CloseReasons>("close_reasons", {}),
  activityLog: (input: LogInput) => invoke<Activity>("activity_log", { input }),
  recordArchive: (what: Archivable, id: number) => invoke<null>("record_archive", { what, id }),
  trashList: () => invoke<Array<TrashItem>>("trash_list", {}),
  callRegister: (from: string, to: string, personId: number | null) => invoke<Array<CallRow>>("call_register", { from, to, personId }),
  recordRestore: (what: Archivable, id: number) => invoke<null>("record_restore", { what, id }),
};
