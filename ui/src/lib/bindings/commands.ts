// Generated from src-tauri/src/commands/ by `./dev bindings`. Do not edit.
import { invoke, type Channel } from "@tauri-apps/api/core";
import type { AbcApplied } from "./AbcApplied";
import type { AbcReport } from "./AbcReport";
import type { Activity } from "./Activity";
import type { Address } from "./Address";
import type { AddressInput } from "./AddressInput";
import type { AddressOwner } from "./AddressOwner";
import type { Analytics } from "./Analytics";
import type { AnalyticsRequest } from "./AnalyticsRequest";
import type { Answer } from "./Answer";
import type { AppSession } from "./AppSession";
import type { Archivable } from "./Archivable";
import type { AssessmentResult } from "./AssessmentResult";
import type { AutoBackups } from "./AutoBackups";
import type { BackupContents } from "./BackupContents";
import type { BlockInput } from "./BlockInput";
import type { Board } from "./Board";
import type { BoardQuery } from "./BoardQuery";
import type { CallRow } from "./CallRow";
import type { CardField } from "./CardField";
import type { CardKind } from "./CardKind";
import type { CardPrefill } from "./CardPrefill";
import type { ChannelInput } from "./ChannelInput";
import type { Checklist } from "./Checklist";
import type { ClientFilter } from "./ClientFilter";
import type { ClientKind } from "./ClientKind";
import type { ClientPage } from "./ClientPage";
import type { ClientProfile } from "./ClientProfile";
import type { CloseReasons } from "./CloseReasons";
import type { ColumnPage } from "./ColumnPage";
import type { Company } from "./Company";
import type { CompanyInput } from "./CompanyInput";
import type { Contact } from "./Contact";
import type { ContactChannels } from "./ContactChannels";
import type { ContactDetails } from "./ContactDetails";
import type { ContactInput } from "./ContactInput";
import type { CustomField } from "./CustomField";
import type { Deal } from "./Deal";
import type { DealCard } from "./DealCard";
import type { DealClose } from "./DealClose";
import type { DealDetails } from "./DealDetails";
import type { DealImportSummary } from "./DealImportSummary";
import type { DealInput } from "./DealInput";
import type { DealNotes } from "./DealNotes";
import type { DeriveRequest } from "./DeriveRequest";
import type { DocumentRequest } from "./DocumentRequest";
import type { DuplicatePair } from "./DuplicatePair";
import type { ExportDone } from "./ExportDone";
import type { ExportKind } from "./ExportKind";
import type { FieldInput } from "./FieldInput";
import type { FieldValue } from "./FieldValue";
import type { GenerateReport } from "./GenerateReport";
import type { HandOffInput } from "./HandOffInput";
import type { HistoryOptions } from "./HistoryOptions";
import type { ImportOptions } from "./ImportOptions";
import type { ImportPreview } from "./ImportPreview";
import type { ImportReport } from "./ImportReport";
import type { ImportSummary } from "./ImportSummary";
import type { IssueInput } from "./IssueInput";
import type { Lang } from "./Lang";
import type { LeadCandidates } from "./LeadCandidates";
import type { LeadInput } from "./LeadInput";
import type { LeadProbe } from "./LeadProbe";
import type { LogInput } from "./LogInput";
import type { MadeLeads } from "./MadeLeads";
import type { MakeLeadsInput } from "./MakeLeadsInput";
import type { MergeResult } from "./MergeResult";
import type { MigrationMatrix } from "./MigrationMatrix";
import type { MigrationRequest } from "./MigrationRequest";
import type { Objection } from "./Objection";
import type { ObjectionHit } from "./ObjectionHit";
import type { OrderImportSummary } from "./OrderImportSummary";
import type { Person } from "./Person";
import type { PersonInput } from "./PersonInput";
import type { PersonProfile } from "./PersonProfile";
import type { PlanDerivation } from "./PlanDerivation";
import type { PlanParams } from "./PlanParams";
import type { PlanStatus } from "./PlanStatus";
import type { PromoteProgress } from "./PromoteProgress";
import type { PromoteReport } from "./PromoteReport";
import type { PromoteTarget } from "./PromoteTarget";
import type { PullReport } from "./PullReport";
import type { Questionnaire } from "./Questionnaire";
import type { Regulation } from "./Regulation";
import type { RegulationInput } from "./RegulationInput";
import type { RestoreDone } from "./RestoreDone";
import type { Review } from "./Review";
import type { ReviewIssue } from "./ReviewIssue";
import type { ReviewKind } from "./ReviewKind";
import type { ReviewStart } from "./ReviewStart";
import type { ReviewSummary } from "./ReviewSummary";
import type { Reviewed } from "./Reviewed";
import type { Role } from "./Role";
import type { RoleHandover } from "./RoleHandover";
import type { Rule } from "./Rule";
import type { RunFinishInput } from "./RunFinishInput";
import type { RunResult } from "./RunResult";
import type { RunStart } from "./RunStart";
import type { RunStartInput } from "./RunStartInput";
import type { SavedDocument } from "./SavedDocument";
import type { SavedPlan } from "./SavedPlan";
import type { Script } from "./Script";
import type { ScriptBody } from "./ScriptBody";
import type { ScriptInput } from "./ScriptInput";
import type { ScriptVersion } from "./ScriptVersion";
import type { SearchHit } from "./SearchHit";
import type { SetupInput } from "./SetupInput";
import type { SetupResult } from "./SetupResult";
import type { Stage } from "./Stage";
import type { Step } from "./Step";
import type { StructureAdvice } from "./StructureAdvice";
import type { TagCount } from "./TagCount";
import type { TaskDue } from "./TaskDue";
import type { TemplateInfo } from "./TemplateInfo";
import type { TemplatePlanParams } from "./TemplatePlanParams";
import type { TimeBlock } from "./TimeBlock";
import type { TimeTable } from "./TimeTable";
import type { Today } from "./Today";
import type { TodayListKind } from "./TodayListKind";
import type { TodayPage } from "./TodayPage";
import type { TodayScreen } from "./TodayScreen";
import type { TrashItem } from "./TrashItem";
import type { ValueInput } from "./ValueInput";
import type { View } from "./View";
import type { WinInput } from "./WinInput";
import type { WinOutcome } from "./WinOutcome";

export const commands = {
  appState: () => invoke<AppSession>("app_state", {}),
  workspaceOpen: (path: string) => invoke<AppSession>("workspace_open", { path }),
  workspaceUnlock: (path: string, passphrase: string) => invoke<AppSession>("workspace_unlock", { path, passphrase }),
  workspaceUnlockCancel: () => invoke<AppSession>("workspace_unlock_cancel", {}),
  workspaceCreate: (path: string, name: string, lang: Lang, currency: string) => invoke<AppSession>("workspace_create", { path, name, lang, currency }),
  workspaceCreateFromTemplate: (path: string, name: string, lang: Lang, currency: string, template: string) => invoke<AppSession>("workspace_create_from_template", { path, name, lang, currency, template }),
  workspaceOpenDemo: () => invoke<AppSession>("workspace_open_demo", {}),
  settingsSetLang: (lang: Lang | null) => invoke<AppSession>("settings_set_lang", { lang }),
  securitySetPassphrase: (passphrase: string) => invoke<AppSession>("security_set_passphrase", { passphrase }),
  securityChangePassphrase: (current: string, passphrase: string) => invoke<AppSession>("security_change_passphrase", { current, passphrase }),
  securityRemovePassphrase: (current: string) => invoke<AppSession>("security_remove_passphrase", { current }),
  boardGet: (query: BoardQuery) => invoke<Board>("board_get", { query }),
  boardColumn: (query: BoardQuery, stepId: number, offset: number, limit: number) => invoke<ColumnPage>("board_column", { query, stepId, offset, limit }),
  peopleList: () => invoke<Array<Person>>("people_list", {}),
  stepsList: () => invoke<Array<Step>>("steps_list", {}),
  stepAdd: (stage: Stage, name: string, probabilityPct: number) => invoke<Step>("step_add", { stage, name, probabilityPct }),
  stepUpdate: (stepId: number, name: string, probabilityPct: number) => invoke<Step>("step_update", { stepId, name, probabilityPct }),
  stepArchive: (stepId: number) => invoke<null>("step_archive", { stepId }),
  dealClose: (dealId: number, close: DealClose) => invoke<Deal>("deal_close", { dealId, close }),
  dealReopen: (dealId: number) => invoke<Deal>("deal_reopen", { dealId }),
  dealUpdate: (dealId: number, input: DealInput) => invoke<Deal>("deal_update", { dealId, input }),
  contactUpdate: (contactId: number, input: ContactInput) => invoke<Contact>("contact_update", { contactId, input }),
  companyUpdate: (companyId: number, input: CompanyInput) => invoke<Company>("company_update", { companyId, input }),
  companySetParent: (companyId: number, parentName: string | null) => invoke<Company>("company_set_parent", { companyId, parentName }),
  recordArchive: (what: Archivable, id: number) => invoke<null>("record_archive", { what, id }),
  trashList: () => invoke<Array<TrashItem>>("trash_list", {}),
  recordRestore: (what: Archivable, id: number) => invoke<null>("record_restore", { what, id }),
  personCreate: (input: PersonInput) => invoke<Person>("person_create", { input }),
  personUpdate: (personId: number, input: PersonInput) => invoke<Person>("person_update", { personId, input }),
  addressesSave: (owner: AddressOwner, addresses: Array<AddressInput>) => invoke<Array<Address>>("addresses_save", { owner, addresses }),
  contactChannelsSave: (contactId: number, phones: Array<ChannelInput>, emails: Array<ChannelInput>) => invoke<ContactChannels>("contact_channels_save", { contactId, phones, emails }),
  contactDetailsSave: (contactId: number, details: ContactDetails) => invoke<ContactDetails>("contact_details_save", { contactId, details }),
  todayDate: () => invoke<string>("today_date", {}),
  todayGet: (ownerId: number | null, tag: string | null) => invoke<Today>("today_get", { ownerId, tag }),
  todayScreen: (ownerId: number | null, tag: string | null) => invoke<TodayScreen>("today_screen", { ownerId, tag }),
  todayList: (ownerId: number | null, tag: string | null, kind: TodayListKind, offset: number, limit: number) => invoke<TodayPage>("today_list", { ownerId, tag, kind, offset, limit }),
  checklistGet: () => invoke<Checklist>("checklist_get", {}),
  checklistDismiss: (dismissed: boolean) => invoke<Checklist>("checklist_dismiss", { dismissed }),
  setupReviewed: (what: Reviewed) => invoke<null>("setup_reviewed", { what }),
  clientsSearch: (query: string) => invoke<Array<SearchHit>>("clients_search", { query }),
  clientsList: (filter: ClientFilter, offset: number, limit: number) => invoke<ClientPage>("clients_list", { filter, offset, limit }),
  clientProfile: (companyId: number) => invoke<ClientProfile>("client_profile", { companyId }),
  personProfile: (contactId: number) => invoke<PersonProfile>("person_profile", { contactId }),
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
  dealReschedule: (dealId: number, nextStep: string, date: string) => invoke<Deal>("deal_reschedule", { dealId, nextStep, date }),
  closeReasons: () => invoke<CloseReasons>("close_reasons", {}),
  activityLog: (input: LogInput) => invoke<Activity>("activity_log", { input }),
  activityLogAndClose: (input: LogInput, closeTasks: Array<number>) => invoke<Activity>("activity_log_and_close", { input, closeTasks }),
  dealDetails: (dealId: number) => invoke<DealDetails>("deal_details", { dealId }),
  dealNotesSave: (dealId: number, notes: DealNotes) => invoke<DealNotes>("deal_notes_save", { dealId, notes }),
  dealOpenTasks: (dealId: number | null, companyId: number | null) => invoke<Array<TaskDue>>("deal_open_tasks", { dealId, companyId }),
  taskComplete: (taskId: number, outcome: string | null) => invoke<Activity>("task_complete", { taskId, outcome }),
  taskReopen: (taskId: number) => invoke<Activity>("task_reopen", { taskId }),
  callRegister: (from: string, to: string, personId: number | null) => invoke<Array<CallRow>>("call_register", { from, to, personId }),
  documentName: (request: DocumentRequest) => invoke<string>("document_name", { request }),
  documentSave: (request: DocumentRequest, path: string) => invoke<SavedDocument>("document_save", { request, path }),
  documentOpen: (path: string) => invoke<null>("document_open", { path }),
  templatesList: () => invoke<Array<TemplateInfo>>("templates_list", {}),
  templateExport: (path: string) => invoke<null>("template_export", { path }),
  templateImport: (path: string, dryRun: boolean) => invoke<ImportReport>("template_import", { path, dryRun }),
  templatePlanGet: () => invoke<TemplatePlanParams>("template_plan_get", {}),
  workspaceSetup: (input: SetupInput) => invoke<SetupResult>("workspace_setup", { input }),
  scriptsList: () => invoke<Array<Script>>("scripts_list", {}),
  scriptGet: (scriptId: number) => invoke<Script>("script_get", { scriptId }),
  scriptVersions: (scriptId: number) => invoke<Array<ScriptVersion>>("script_versions", { scriptId }),
  scriptCreate: (input: ScriptInput) => invoke<Script>("script_create", { input }),
  scriptUpdate: (scriptId: number, input: ScriptInput) => invoke<Script>("script_update", { scriptId, input }),
  scriptSaveBody: (scriptId: number, body: ScriptBody) => invoke<Script>("script_save_body", { scriptId, body }),
  scriptArchive: (scriptId: number) => invoke<null>("script_archive", { scriptId }),
  scriptsReorder: (stage: Stage, ids: Array<number>) => invoke<Array<Script>>("scripts_reorder", { stage, ids }),
  scriptBlockAdd: (scriptId: number, block: BlockInput, after: string | null) => invoke<Script>("script_block_add", { scriptId, block, after }),
  scriptBlockUpdate: (scriptId: number, key: string, block: BlockInput) => invoke<Script>("script_block_update", { scriptId, key, block }),
  scriptBlockDelete: (scriptId: number, key: string) => invoke<Script>("script_block_delete", { scriptId, key }),
  scriptBlocksReorder: (scriptId: number, keys: Array<string>) => invoke<Script>("script_blocks_reorder", { scriptId, keys }),
  scriptObjectionAdd: (scriptId: number, objection: Objection) => invoke<Script>("script_objection_add", { scriptId, objection }),
  scriptObjectionUpdate: (scriptId: number, index: number, objection: Objection) => invoke<Script>("script_objection_update", { scriptId, index, objection }),
  scriptObjectionDelete: (scriptId: number, index: number) => invoke<Script>("script_objection_delete", { scriptId, index }),
  objectionsSearch: (query: string, scriptId: number | null, stage: Stage | null) => invoke<Array<ObjectionHit>>("objections_search", { query, scriptId, stage }),
  objectionsSearchInCall: (query: string, stage: Stage) => invoke<Array<ObjectionHit>>("objections_search_in_call", { query, stage }),
  scriptRunStart: (input: RunStartInput) => invoke<RunStart>("script_run_start", { input }),
  scriptRunFinish: (input: RunFinishInput) => invoke<RunResult>("script_run_finish", { input }),
  cardDraft: (dealId: number, card: CardKind) => invoke<{ [key in string]: string }>("card_draft", { dealId, card }),
  activityScriptVersion: (activityId: number) => invoke<ScriptVersion | null>("activity_script_version", { activityId }),
  cardPrefill: (dealId: number, card: CardKind) => invoke<CardPrefill>("card_prefill", { dealId, card }),
  leadsMake: (input: MakeLeadsInput) => invoke<MadeLeads>("leads_make", { input }),
  leadCandidates: (probe: LeadProbe) => invoke<LeadCandidates>("lead_candidates", { probe }),
  dealsSearch: (query: string) => invoke<Array<DealCard>>("deals_search", { query }),
  ruleSummary: (rule: Rule) => invoke<string>("rule_summary", { rule }),
  regulationsList: () => invoke<Array<Regulation>>("regulations_list", {}),
  regulationCreate: (input: RegulationInput) => invoke<Regulation>("regulation_create", { input }),
  regulationUpdate: (regulationId: number, input: RegulationInput) => invoke<Regulation>("regulation_update", { regulationId, input }),
  regulationArchive: (regulationId: number) => invoke<null>("regulation_archive", { regulationId }),
  regulationsReorder: (ids: Array<number>) => invoke<Array<Regulation>>("regulations_reorder", { ids }),
  routinesGenerate: () => invoke<GenerateReport>("routines_generate", {}),
  roleGive: (personId: number, role: Role) => invoke<Person>("role_give", { personId, role }),
  roleTake: (personId: number, role: Role) => invoke<Person>("role_take", { personId, role }),
  roleReassign: (role: Role, personId: number) => invoke<Array<RoleHandover>>("role_reassign", { role, personId }),
  roleHandoverUndo: (handoverId: number) => invoke<RoleHandover>("role_handover_undo", { handoverId }),
  roleHandovers: () => invoke<Array<RoleHandover>>("role_handovers", {}),
  structureAdvice: () => invoke<Array<StructureAdvice>>("structure_advice", {}),
  timeTableGet: (personId: number, date: string) => invoke<TimeTable>("time_table_get", { personId, date }),
  timeTableSet: (personId: number, blocks: Array<TimeBlock>) => invoke<Array<TimeBlock>>("time_table_set", { personId, blocks }),
  amountParse: (text: string, digits: number) => invoke<number | null>("amount_parse", { text, digits }),
  planParams: () => invoke<PlanParams>("plan_params", {}),
  planParamsSet: (params: PlanParams) => invoke<PlanParams>("plan_params_set", { params }),
  planDerive: (request: DeriveRequest) => invoke<PlanDerivation>("plan_derive", { request }),
  planSave: (request: DeriveRequest, nicheBenchmark: string | null) => invoke<SavedPlan>("plan_save", { request, nicheBenchmark }),
  planGet: (period: string) => invoke<SavedPlan | null>("plan_get", { period }),
  planList: () => invoke<Array<SavedPlan>>("plan_list", {}),
  planApprove: (period: string) => invoke<SavedPlan>("plan_approve", { period }),
  planStatus: (period: string, personId: number | null) => invoke<PlanStatus>("plan_status", { period, personId }),
  analyticsGet: (request: AnalyticsRequest) => invoke<Analytics>("analytics_get", { request }),
  abcGet: (limit: number | null) => invoke<AbcReport>("abc_get", { limit }),
  abcApply: (limit: number | null) => invoke<AbcApplied>("abc_apply", { limit }),
  abcMigration: (request: MigrationRequest) => invoke<MigrationMatrix>("abc_migration", { request }),
  reviewStart: (start: ReviewStart) => invoke<Review>("review_start", { start }),
  reviewGet: (reviewId: number) => invoke<Review>("review_get", { reviewId }),
  reviewSave: (reviewId: number, answers: { [key in string]: string }) => invoke<Review>("review_save", { reviewId, answers }),
  reviewClose: (reviewId: number) => invoke<Review>("review_close", { reviewId }),
  reviewReopen: (reviewId: number) => invoke<Review>("review_reopen", { reviewId }),
  reviewList: (kind: ReviewKind | null, personId: number | null, limit: number) => invoke<Array<ReviewSummary>>("review_list", { kind, personId, limit }),
  reviewIssueAdd: (reviewId: number, issue: IssueInput) => invoke<ReviewIssue>("review_issue_add", { reviewId, issue }),
  reviewIssueUpdate: (issueId: number, issue: IssueInput) => invoke<ReviewIssue>("review_issue_update", { issueId, issue }),
  reviewIssueDone: (issueId: number, done: boolean) => invoke<ReviewIssue>("review_issue_done", { issueId, done }),
  reviewIssueCarry: (issueId: number, toReviewId: number) => invoke<ReviewIssue>("review_issue_carry", { issueId, toReviewId }),
  assessmentQuestions: (lang: Lang) => invoke<Questionnaire>("assessment_questions", { lang }),
  assessmentSave: (answers: Array<Answer>, personId: number | null, lang: Lang) => invoke<AssessmentResult>("assessment_save", { answers, personId, lang }),
  assessmentDraft: () => invoke<Array<Answer | null> | null>("assessment_draft", {}),
  assessmentDraftSave: (answers: Array<Answer | null>) => invoke<null>("assessment_draft_save", { answers }),
  assessmentHistory: (lang: Lang) => invoke<Array<AssessmentResult>>("assessment_history", { lang }),
  importPreview: (path: string, options: ImportOptions) => invoke<ImportPreview>("import_preview", { path, options }),
  importRun: (path: string, options: ImportOptions, onProgress: Channel<number>) => invoke<ImportSummary>("import_run", { path, options, onProgress }),
  historyPreviewDeals: (path: string, options: HistoryOptions) => invoke<DealImportSummary>("history_preview_deals", { path, options }),
  historyImportDeals: (path: string, options: HistoryOptions, onProgress: Channel<number>) => invoke<DealImportSummary>("history_import_deals", { path, options, onProgress }),
  historyPreviewOrders: (path: string, options: HistoryOptions) => invoke<OrderImportSummary>("history_preview_orders", { path, options }),
  historyImportOrders: (path: string, options: HistoryOptions, onProgress: Channel<number>) => invoke<OrderImportSummary>("history_import_orders", { path, options, onProgress }),
  importCancel: () => invoke<boolean>("import_cancel", {}),
  exportData: (kind: ExportKind, path: string) => invoke<ExportDone>("export_data", { kind, path }),
  backupNow: (path: string) => invoke<BackupContents>("backup_now", { path }),
  backupInspect: (path: string) => invoke<BackupContents>("backup_inspect", { path }),
  backupRestore: (path: string) => invoke<RestoreDone>("backup_restore", { path }),
  backupAutoStatus: () => invoke<AutoBackups>("backup_auto_status", {}),
  promoteWorkspace: (target: PromoteTarget, onProgress: Channel<PromoteProgress>) => invoke<PromoteReport>("promote_workspace", { target, onProgress }),
  pullWorkspace: (target: PromoteTarget, path: string, onProgress: Channel<PromoteProgress>) => invoke<PullReport>("pull_workspace", { target, path, onProgress }),
  tagsList: () => invoke<Array<TagCount>>("tags_list", {}),
  tagNames: () => invoke<Array<string>>("tag_names", {}),
  tagAdd: (kind: ClientKind, ids: Array<number>, name: string) => invoke<Array<string>>("tag_add", { kind, ids, name }),
  tagRemove: (kind: ClientKind, ids: Array<number>, name: string) => invoke<Array<string>>("tag_remove", { kind, ids, name }),
  customFieldsList: () => invoke<Array<CustomField>>("custom_fields_list", {}),
  customFieldDefine: (input: FieldInput) => invoke<CustomField>("custom_field_define", { input }),
  customFieldUpdate: (fieldId: number, label: string, choices: Array<string>) => invoke<CustomField>("custom_field_update", { fieldId, label, choices }),
  customFieldDelete: (fieldId: number) => invoke<null>("custom_field_delete", { fieldId }),
  customValuesSet: (kind: ClientKind, id: number, values: Array<ValueInput>) => invoke<Array<FieldValue>>("custom_values_set", { kind, id, values }),
  duplicatesList: () => invoke<Array<DuplicatePair>>("duplicates_list", {}),
  recordsMerge: (kind: ClientKind, keptId: number, mergedId: number) => invoke<MergeResult>("records_merge", { kind, keptId, mergedId }),
  mergeUndo: (mergeId: number) => invoke<null>("merge_undo", { mergeId }),
};

/** The views each command can make stale (from `conveyor_core::views`); null: reload every view. */
export const staleViews: Record<string, View[] | null> = {
  appState: [],
  workspaceOpen: ["today", "board", "clients", "profile", "deal", "plan", "reports", "playbook", "team", "trash"],
  workspaceUnlock: ["today", "board", "clients", "profile", "deal", "plan", "reports", "playbook", "team", "trash"],
  workspaceUnlockCancel: ["today", "board", "clients", "profile", "deal", "plan", "reports", "playbook", "team", "trash"],
  workspaceCreate: ["today", "board", "clients", "profile", "deal", "plan", "reports", "playbook", "team", "trash"],
  workspaceCreateFromTemplate: ["today", "board", "clients", "profile", "deal", "plan", "reports", "playbook", "team", "trash"],
  workspaceOpenDemo: ["today", "board", "clients", "profile", "deal", "plan", "reports", "playbook", "team", "trash"],
  settingsSetLang: [],
  securitySetPassphrase: [],
  securityChangePassphrase: [],
  securityRemovePassphrase: [],
  boardGet: [],
  boardColumn: [],
  peopleList: [],
  stepsList: [],
  stepAdd: ["today", "board", "clients", "profile", "deal", "plan", "reports"],
  stepUpdate: ["today", "board", "clients", "profile", "deal", "plan", "reports"],
  stepArchive: ["today", "board", "clients", "profile", "deal", "plan", "reports"],
  dealClose: ["today", "board", "clients", "profile", "deal", "plan", "reports"],
  dealReopen: ["today", "board", "clients", "profile", "deal", "plan", "reports"],
  dealUpdate: ["today", "board", "clients", "profile", "deal", "plan", "reports"],
  contactUpdate: ["today", "board", "clients", "profile", "deal", "reports"],
  companyUpdate: ["today", "board", "clients", "profile", "deal", "reports"],
  companySetParent: ["today", "board", "clients", "profile", "deal", "reports"],
  recordArchive: ["today", "board", "clients", "profile", "deal", "plan", "reports", "trash"],
  trashList: [],
  recordRestore: ["today", "board", "clients", "profile", "deal", "plan", "reports", "trash"],
  personCreate: ["today", "board", "clients", "profile", "deal", "plan", "playbook", "team"],
  personUpdate: ["today", "board", "clients", "profile", "deal", "plan", "playbook", "team"],
  addressesSave: ["today", "board", "clients", "profile", "deal", "reports"],
  contactChannelsSave: ["today", "board", "clients", "profile", "deal", "reports"],
  contactDetailsSave: ["today", "board", "clients", "profile", "deal", "reports"],
  todayDate: [],
  todayGet: [],
  todayScreen: [],
  todayList: [],
  checklistGet: [],
  checklistDismiss: ["today"],
  setupReviewed: ["today"],
  clientsSearch: [],
  clientsList: [],
  clientProfile: [],
  personProfile: [],
  stepsReorder: ["today", "board", "clients", "profile", "deal", "plan", "reports"],
  leadCreate: ["today", "board", "clients", "profile", "deal", "plan", "reports"],
  dealMove: ["today", "board", "clients", "profile", "deal", "plan", "reports"],
  cardFields: [],
  cardFieldAdd: ["deal", "playbook"],
  cardFieldUpdate: ["deal", "playbook"],
  cardFieldArchive: ["deal", "playbook"],
  cardFieldsReorder: ["deal", "playbook"],
  dealHandOff: ["today", "board", "clients", "profile", "deal", "plan", "reports"],
  dealWinFirst: ["today", "board", "clients", "profile", "deal", "plan", "reports"],
  dealReschedule: ["today", "board", "clients", "profile", "deal", "plan", "reports"],
  closeReasons: [],
  activityLog: ["today", "board", "clients", "profile", "deal", "plan", "reports", "team"],
  activityLogAndClose: ["today", "board", "clients", "profile", "deal", "plan", "reports", "team"],
  dealDetails: [],
  dealNotesSave: ["deal"],
  dealOpenTasks: [],
  taskComplete: ["today", "board", "clients", "profile", "deal", "plan", "reports", "team"],
  taskReopen: ["today", "board", "clients", "profile", "deal", "plan", "reports", "team"],
  callRegister: [],
  documentName: [],
  documentSave: ["today"],
  documentOpen: [],
  templatesList: [],
  templateExport: [],
  templateImport: ["today", "board", "clients", "profile", "deal", "plan", "reports", "playbook", "team", "trash"],
  templatePlanGet: [],
  workspaceSetup: ["today", "board", "clients", "profile", "deal", "plan", "reports", "playbook", "team", "trash"],
  scriptsList: [],
  scriptGet: [],
  scriptVersions: [],
  scriptCreate: ["playbook"],
  scriptUpdate: ["playbook"],
  scriptSaveBody: ["playbook"],
  scriptArchive: ["playbook"],
  scriptsReorder: ["playbook"],
  scriptBlockAdd: ["playbook"],
  scriptBlockUpdate: ["playbook"],
  scriptBlockDelete: ["playbook"],
  scriptBlocksReorder: ["playbook"],
  scriptObjectionAdd: ["playbook"],
  scriptObjectionUpdate: ["playbook"],
  scriptObjectionDelete: ["playbook"],
  objectionsSearch: [],
  objectionsSearchInCall: [],
  scriptRunStart: [],
  scriptRunFinish: ["today", "board", "clients", "profile", "deal", "plan", "reports", "team"],
  cardDraft: [],
  activityScriptVersion: [],
  cardPrefill: [],
  leadsMake: ["today", "board", "clients", "profile", "deal", "plan", "reports"],
  leadCandidates: [],
  dealsSearch: [],
  ruleSummary: [],
  regulationsList: [],
  regulationCreate: ["playbook", "today", "team"],
  regulationUpdate: ["playbook", "today", "team"],
  regulationArchive: ["playbook", "today", "team"],
  regulationsReorder: ["playbook", "today", "team"],
  routinesGenerate: ["playbook", "today", "team"],
  roleGive: ["today", "board", "clients", "profile", "deal", "plan", "playbook", "team"],
  roleTake: ["today", "board", "clients", "profile", "deal", "plan", "playbook", "team"],
  roleReassign: ["today", "board", "clients", "profile", "deal", "plan", "playbook", "team"],
  roleHandoverUndo: ["today", "board", "clients", "profile", "deal", "plan", "playbook", "team"],
  roleHandovers: [],
  structureAdvice: [],
  timeTableGet: [],
  timeTableSet: ["team"],
  amountParse: [],
  planParams: [],
  planParamsSet: ["plan", "today", "reports", "playbook"],
  planDerive: [],
  planSave: ["plan", "today", "reports", "playbook"],
  planGet: [],
  planList: [],
  planApprove: ["plan", "today", "reports", "playbook"],
  planStatus: [],
  analyticsGet: [],
  abcGet: [],
  abcApply: ["today", "clients", "profile", "plan", "reports"],
  abcMigration: [],
  reviewStart: ["reports", "plan", "today"],
  reviewGet: [],
  reviewSave: ["reports", "plan", "today"],
  reviewClose: ["reports", "plan", "today"],
  reviewReopen: ["reports", "plan", "today"],
  reviewList: [],
  reviewIssueAdd: ["reports", "plan", "today"],
  reviewIssueUpdate: ["reports", "plan", "today"],
  reviewIssueDone: ["reports", "plan", "today"],
  reviewIssueCarry: ["reports", "plan", "today"],
  assessmentQuestions: [],
  assessmentSave: ["reports", "plan", "today"],
  assessmentDraft: [],
  assessmentDraftSave: [],
  assessmentHistory: [],
  importPreview: [],
  importRun: ["today", "board", "clients", "profile", "deal", "plan", "reports", "playbook", "team", "trash"],
  historyPreviewDeals: [],
  historyImportDeals: ["today", "board", "clients", "profile", "deal", "plan", "reports", "playbook", "team", "trash"],
  historyPreviewOrders: [],
  historyImportOrders: ["today", "board", "clients", "profile", "deal", "plan", "reports", "playbook", "team", "trash"],
  importCancel: [],
  exportData: [],
  backupNow: [],
  backupInspect: [],
  backupRestore: ["today", "board", "clients", "profile", "deal", "plan", "reports", "playbook", "team", "trash"],
  backupAutoStatus: [],
  promoteWorkspace: [],
  pullWorkspace: [],
  tagsList: [],
  tagNames: [],
  tagAdd: ["today", "board", "clients", "profile"],
  tagRemove: ["today", "board", "clients", "profile"],
  customFieldsList: [],
  customFieldDefine: ["clients", "profile"],
  customFieldUpdate: ["clients", "profile"],
  customFieldDelete: ["clients", "profile"],
  customValuesSet: ["today", "board", "clients", "profile"],
  duplicatesList: [],
  recordsMerge: ["today", "board", "clients", "profile", "deal", "plan", "reports", "trash"],
  mergeUndo: ["today", "board", "clients", "profile", "deal", "plan", "reports", "trash"],
};
