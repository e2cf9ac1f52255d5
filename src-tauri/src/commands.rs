//! One thin adapter per command: take the arguments, call one use case of the
//! core off the UI thread, return its output or its `{code, message, field}`
//! error. Declared once in `commands!`, which also yields the handler list
//! and the signatures the TypeScript bindings are generated from.

use conveyor_core::assessment::{self, Answer, Questionnaire};
use conveyor_core::model::ClientKind;
use conveyor_core::model::{Activity, Company, CompanyInput, Contact, ContactInput, Deal, DealClose, DealInput, Lang, Person, Stage, Step};
use conveyor_core::model::{PersonInput, Role};
use conveyor_core::output::Replace;
use conveyor_core::plan::PlanDerivation;
use conveyor_core::playbook::template::{Objection, ScriptBody, TemplateInfo};
use conveyor_core::store::Passphrase;
use conveyor_core::store::board::DealCard;
use conveyor_core::store::cards::{CardField, CardKind};
use conveyor_core::store::clients::ClientFilter;
use conveyor_core::store::custom_fields::CustomField;
use conveyor_core::store::meta::NewWorkspace;
use conveyor_core::store::plans::PlanParams;
use conveyor_core::store::regulations::Regulation;
use conveyor_core::store::reports::CallRow;
use conveyor_core::store::reviews::ReviewIssue;
use conveyor_core::store::roles::{RoleHandover, TimeBlock};
use conveyor_core::store::scripts::{Script, ScriptVersion};
use conveyor_core::store::today::TaskDue;
use conveyor_core::usecases::analytics::{self, AbcApplied, AbcReport, Analytics, AnalyticsRequest, MigrationMatrix, MigrationRequest};
use conveyor_core::usecases::backup::{self, AutoBackupJob, AutoBackups, BackupContents};
use conveyor_core::usecases::board::{self, Board, BoardQuery};
use conveyor_core::usecases::clients::{self, ClientPage, ClientProfile, SearchHit};
use conveyor_core::usecases::crm;
use conveyor_core::usecases::crm::{Archivable, TrashItem};
use conveyor_core::usecases::custom_fields::{self, FieldInput, FieldValue, ValueInput};
use conveyor_core::usecases::daily::{self, DealDetails};
use conveyor_core::usecases::documents::{self, CallRegisterRequest, DocumentRequest, SavedDocument};
use conveyor_core::usecases::first_hour::{self, Checklist, Reviewed};
use conveyor_core::usecases::interop::{self, ExportDone, ExportKind, ImportOptions, ImportPreview, ImportSummary};
use conveyor_core::usecases::leads::{self, LeadCandidates, LeadProbe, MadeLeads, MakeLeadsInput};
use conveyor_core::usecases::merge::{self, DuplicatePair, MergeResult};
use conveyor_core::usecases::pipeline::{self, CloseReasons, HandOffInput, LeadInput, LogInput, WinInput, WinOutcome};
use conveyor_core::usecases::plan::{self, DeriveRequest, PlanStatus, SavedPlan};
use conveyor_core::usecases::playbook::{
    self, BlockInput, GenerateReport, ImportReport, ObjectionHit, RegulationInput, RunFinishInput, RunResult, RunStart, RunStartInput, ScriptInput, SetupInput,
    SetupResult,
};
use conveyor_core::usecases::prefill::{self, CardPrefill};
use conveyor_core::usecases::reviews::{self, AssessmentResult, IssueInput, Review, ReviewKind, ReviewStart, ReviewSummary};
use conveyor_core::usecases::roles::{self, StructureAdvice, TimeTable};
use conveyor_core::usecases::session::RestoreDone;
use conveyor_core::usecases::session::{AppSession, Session};
use conveyor_core::usecases::today::{self, Today};
use conveyor_core::{Error, SystemClock};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// The shell's state: the core session and the real clock.
pub struct Shell {
    pub session: Session,
    pub clock: SystemClock,
    /// Documents this window saved: the only files `document_open` opens.
    pub saved_documents: std::collections::HashSet<PathBuf>,
}

/// Hands a file to the desktop's default program for its type.
fn open_with_desktop(path: &std::path::Path) -> Result<(), Error> {
    #[cfg(target_os = "windows")]
    let mut cmd = {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    };
    #[cfg(target_os = "macos")]
    let mut cmd = std::process::Command::new("open");
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let mut cmd = std::process::Command::new("xdg-open");
    cmd.arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| Error::new(conveyor_core::ErrorCode::Io, format!("No program could open {} ({e}). Open it from your file manager.", path.display())))
}

pub type Shared = Arc<Mutex<Shell>>;

/// Runs `f` on the blocking pool: SQLite never runs on the UI thread. When
/// `f` opened a workspace, today's automatic backup of it starts afterwards
/// on a thread of its own.
async fn run<T: Send + 'static>(shared: Shared, f: impl FnOnce(&mut Shell) -> Result<T, Error> + Send + 'static) -> Result<T, Error> {
    tauri::async_runtime::spawn_blocking(move || {
        // A panic in an earlier command poisons the lock; the data is still
        // consistent (every write is one transaction), so carry on.
        let mut shell = shared.lock().unwrap_or_else(|p| p.into_inner());
        let out = f(&mut shell);
        let job = shell.session.take_auto_backup();
        let index = shell.session.search_pending();
        drop(shell);
        if let Some(job) = job {
            spawn_auto_backup(&shared, job);
        }
        if index {
            spawn_search_catch_up(&shared);
        }
        out
    })
    .await
    .map_err(|e| Error::internal(format!("The command stopped unexpectedly ({e}). Try again; if it repeats, restart Conveyor.")))?
}

/// Runs today's automatic backup in the background: it reads the workspace
/// through its own connection, so the window and the session's lock stay
/// free for the copy. A failure goes to stderr and to the Backup dialog
/// (`backup_auto_status`).
pub fn spawn_auto_backup(shared: &Shared, job: AutoBackupJob) {
    let shared = shared.clone();
    let started = std::thread::Builder::new().name("conveyor-auto-backup".into()).spawn(move || {
        let outcome = job.run(&SystemClock);
        if let Err(e) = &outcome {
            eprintln!("Conveyor: the automatic backup of {} into {} failed: {}", job.workspace.display(), job.dir.display(), e.message);
        }
        shared.lock().unwrap_or_else(|p| p.into_inner()).session.auto_backup_finished(&job, &outcome);
    });
    if let Err(e) = started {
        eprintln!("Conveyor: the automatic backup could not start ({e}).");
    }
}

/// Whether a [`spawn_search_catch_up`] thread is running.
static INDEXING: AtomicBool = AtomicBool::new(false);

/// Makes the search entries an import left for after its commit, in the
/// background: a chunk at a time (about 50 ms), each under the session's
/// lock and in its own transaction, so other commands wait at most one
/// chunk. Until it ends, search reads the waiting rows directly. One such
/// thread at a time; a failure goes to stderr and the next command retries.
pub fn spawn_search_catch_up(shared: &Shared) {
    if INDEXING.swap(true, Ordering::SeqCst) {
        return;
    }
    let shared = shared.clone();
    let started = std::thread::Builder::new().name("conveyor-search-index".into()).spawn(move || {
        loop {
            let left = shared.lock().unwrap_or_else(|p| p.into_inner()).session.index_pending(interop::INDEX_CHUNK);
            match left {
                Ok(0) => break,
                // A short pause lets a command waiting for the lock go first
                // (the lock is not fair: this thread could take it straight back).
                Ok(_) => std::thread::sleep(std::time::Duration::from_millis(2)),
                Err(e) => {
                    eprintln!("Conveyor: making search entries failed: {}", e.message);
                    break;
                }
            }
        }
        INDEXING.store(false, Ordering::SeqCst);
    });
    if let Err(e) = started {
        INDEXING.store(false, Ordering::SeqCst);
        eprintln!("Conveyor: the search indexing could not start ({e}).");
    }
}

/// A command as the TypeScript generator sees it.
pub struct Signature {
    pub name: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub ret: String,
}

/// Declares every command once. Two kinds:
/// - `fn name(shell, arg: T, …) -> R { … }` runs on the blocking pool with the
///   shell locked (one command at a time touches the workspace). After a `;`
///   it may take one `tauri::ipc::Channel` for progress: `; on_progress:
///   Channel<P>` (the UI passes a `Channel` from `@tauri-apps/api/core`).
/// - in the trailing `free { … }` block, `fn name(arg: T, …) -> R { … }` runs
///   at once without the lock: for the few commands that must reach a long
///   command while it runs (cancelling an import). They touch no workspace.
macro_rules! commands {
    (
        $( $(#[doc = $doc:literal])* fn $name:ident($s:ident $(, $arg:ident : $aty:ty)* $(; $ch:ident : Channel<$cty:ty>)?) -> $ret:ty $body:block )+
        free {
            $( $(#[doc = $fdoc:literal])* fn $fname:ident($($farg:ident : $faty:ty),*) -> $fret:ty $fbody:block )*
        }
    ) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command]
            pub async fn $name(state: tauri::State<'_, Shared> $(, $arg: $aty)* $(, $ch: tauri::ipc::Channel<$cty>)?) -> Result<$ret, Error> {
                run(state.inner().clone(), move |$s: &mut Shell| -> Result<$ret, Error> { $body }).await
            }
        )+
        $(
            $(#[doc = $fdoc])*
            #[tauri::command]
            pub fn $fname($($farg: $faty),*) -> Result<$fret, Error> $fbody
        )*

        pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name,)+ $($fname),*]
        }

        pub fn signatures() -> Vec<Signature> {
            let cfg = conveyor_core::bindings::config(std::path::Path::new("."));
            vec![
                $(Signature {
                    name: stringify!($name),
                    args: vec![
                        $((stringify!($arg), <$aty as ts_rs::TS>::name(&cfg)),)*
                        $((stringify!($ch), format!("Channel<{}>", <$cty as ts_rs::TS>::name(&cfg))),)?
                    ],
                    ret: <$ret as ts_rs::TS>::name(&cfg),
                },)+
                $(Signature {
                    name: stringify!($fname),
                    args: vec![$((stringify!($farg), <$faty as ts_rs::TS>::name(&cfg))),*],
                    ret: <$fret as ts_rs::TS>::name(&cfg),
                },)*
            ]
        }
    };
}

/// Set by `import_cancel` while `import_run` runs; the import's progress
/// callback reads it and rolls the whole import back.
static IMPORT_CANCEL: AtomicBool = AtomicBool::new(false);
static IMPORT_RUNNING: AtomicBool = AtomicBool::new(false);

/// The file to import, and the options with the file's name for messages.
fn import_source(path: &str, options: ImportOptions) -> Result<(Vec<u8>, ImportOptions), Error> {
    let path = PathBuf::from(path);
    let bytes = interop::read_source(&path)?;
    Ok((bytes, ImportOptions { source_name: interop::source_name(&path), ..options }))
}

commands! {
    /// The session: open workspace, settings, recent list, start-up error.
    fn app_state(shell) -> AppSession {
        shell.session.snapshot()
    }

    /// Opens a workspace file instead of the current one.
    fn workspace_open(shell, path: String) -> AppSession {
        let Shell { session, clock, .. } = shell;
        session.open(clock, &PathBuf::from(path))
    }

    /// Opens a workspace protected with a passphrase (`wrong_passphrase` when it does not fit).
    fn workspace_unlock(shell, path: String, passphrase: String) -> AppSession {
        let Shell { session, clock, .. } = shell;
        session.open_with(clock, &PathBuf::from(path), Some(&Passphrase::new(passphrase)))
    }

    /// Gives up on the workspace that waits for its passphrase.
    fn workspace_unlock_cancel(shell) -> AppSession {
        shell.session.cancel_unlock()
    }

    /// Protects the open workspace with a passphrase (encrypts the file).
    fn security_set_passphrase(shell, passphrase: String) -> AppSession {
        shell.session.set_passphrase(&Passphrase::new(passphrase))
    }

    /// Replaces the open workspace's passphrase.
    fn security_change_passphrase(shell, current: String, passphrase: String) -> AppSession {
        shell.session.change_passphrase(&Passphrase::new(current), &Passphrase::new(passphrase))
    }

    /// Removes the open workspace's passphrase (decrypts the file).
    fn security_remove_passphrase(shell, current: String) -> AppSession {
        shell.session.remove_passphrase(&Passphrase::new(current))
    }

    /// Creates a new workspace file and opens it.
    fn workspace_create(shell, path: String, name: String, lang: Lang, currency: String) -> AppSession {
        let Shell { session, clock, .. } = shell;
        session.create(clock, &PathBuf::from(path), &NewWorkspace { name, lang, currency, is_demo: false, template: None })
    }

    /// Opens (creating if needed) the demo workspace in the data folder.
    fn workspace_open_demo(shell) -> AppSession {
        let Shell { session, clock, .. } = shell;
        session.open_demo(clock)
    }

    /// Sets the UI language (`null` follows the system) and remembers it.
    fn settings_set_lang(shell, lang: Option<Lang>) -> AppSession {
        shell.session.set_lang(lang)
    }

    /// The conveyor board of the open workspace.
    fn board_get(shell, query: BoardQuery) -> Board {
        board::get_board(shell.session.store()?, &shell.clock, &query)
    }

    /// People of the open workspace (owners of deals, holders of roles).
    fn people_list(shell) -> Vec<Person> {
        crm::list_people(shell.session.store()?)
    }

    /// Today: what to do now in each stage, problems on top.
    fn today_get(shell, owner_id: Option<i64>) -> Today {
        let Shell { session, clock, .. } = shell;
        today::today_fresh(session.store_mut()?, clock, owner_id)
    }

    /// The moving-in checklist of a new workspace, ticked from its data.
    fn checklist_get(shell) -> Checklist {
        first_hour::checklist(shell.session.store()?, &shell.clock)
    }

    /// Closes the moving-in checklist, or brings it back.
    fn checklist_dismiss(shell, dismissed: bool) -> Checklist {
        let Shell { session, clock, .. } = shell;
        first_hour::set_checklist_dismissed(session.store_mut()?, clock, dismissed)
    }

    /// The steps (or the hand-off cards) were gone through in their dialog.
    fn setup_reviewed(shell, what: Reviewed) -> () {
        let Shell { session, clock, .. } = shell;
        first_hour::record_reviewed(session.store_mut()?, clock, what)
    }

    /// Contacts and companies matching what was typed so far.
    fn clients_search(shell, query: String) -> Vec<SearchHit> {
        clients::search(shell.session.store()?, &query)
    }

    /// A window of the clients list.
    fn clients_list(shell, filter: ClientFilter, offset: u32, limit: u32) -> ClientPage {
        clients::list(shell.session.store()?, &filter, offset, limit)
    }

    /// Everything about one client company.
    fn client_profile(shell, company_id: i64) -> ClientProfile {
        clients::profile(shell.session.store()?, company_id)
    }

    /// The steps of all stages, in order.
    fn steps_list(shell) -> Vec<Step> {
        crm::list_steps(shell.session.store()?)
    }

    /// Adds a step at the end of a stage.
    fn step_add(shell, stage: Stage, name: String, probability_pct: i64) -> Step {
        let Shell { session, clock, .. } = shell;
        crm::add_step(session.store_mut()?, clock, stage, &name, probability_pct)
    }

    /// Renames a step or changes its win probability.
    fn step_update(shell, step_id: i64, name: String, probability_pct: i64) -> Step {
        crm::update_step(shell.session.store_mut()?, step_id, &name, probability_pct)
    }

    /// Archives an empty step (refused while open deals sit in it).
    fn step_archive(shell, step_id: i64) -> () {
        let Shell { session, clock, .. } = shell;
        crm::archive_step(session.store_mut()?, clock, step_id)
    }

    /// Puts a stage's steps in a new order.
    fn steps_reorder(shell, stage: Stage, ids: Vec<i64>) -> Vec<Step> {
        pipeline::reorder_steps(shell.session.store_mut()?, stage, &ids)
    }

    /// A new lead: company, contact and a stage-1 deal at once.
    fn lead_create(shell, input: LeadInput) -> Deal {
        let Shell { session, clock, .. } = shell;
        pipeline::create_lead(session.store_mut()?, clock, &input)
    }

    /// Moves a deal within its stage (another stage needs a hand-off).
    fn deal_move(shell, deal_id: i64, step_id: i64) -> Deal {
        let Shell { session, clock, .. } = shell;
        pipeline::move_deal(session.store_mut()?, clock, deal_id, step_id)
    }

    /// The fields of a hand-off card.
    fn card_fields(shell, card: CardKind) -> Vec<CardField> {
        pipeline::card_fields(shell.session.store()?, card)
    }

    /// Adds a field to a hand-off card.
    fn card_field_add(shell, card: CardKind, label: String, required: bool) -> CardField {
        pipeline::add_card_field(shell.session.store_mut()?, card, &label, required)
    }

    /// Renames a card field or changes whether it is required.
    fn card_field_update(shell, field_id: i64, label: String, required: bool) -> CardField {
        pipeline::update_card_field(shell.session.store_mut()?, field_id, &label, required)
    }

    /// Archives a card field (recorded cards keep its value).
    fn card_field_archive(shell, field_id: i64) -> () {
        let Shell { session, clock, .. } = shell;
        pipeline::archive_card_field(session.store_mut()?, clock, field_id)
    }

    /// Puts a card's fields in a new order.
    fn card_fields_reorder(shell, card: CardKind, ids: Vec<i64>) -> Vec<CardField> {
        pipeline::reorder_card_fields(shell.session.store_mut()?, card, &ids)
    }

    /// Stage 1 → 2 with the qualification card.
    fn deal_hand_off(shell, input: HandOffInput) -> Deal {
        let Shell { session, clock, .. } = shell;
        pipeline::hand_off_qualified_lead(session.store_mut()?, clock, &input)
    }

    /// Stage 2 → 3: the first sale, with the hand-over card.
    fn deal_win_first(shell, input: WinInput) -> WinOutcome {
        let Shell { session, clock, .. } = shell;
        pipeline::win_first_deal(session.store_mut()?, clock, &input)
    }

    /// Closes a deal as won, lost or disqualified (with a reason).
    fn deal_close(shell, deal_id: i64, close: DealClose) -> Deal {
        let Shell { session, clock, .. } = shell;
        crm::close_deal(session.store_mut()?, clock, deal_id, &close)
    }

    /// Brings a closed deal back to open (revive, or undo of a close).
    fn deal_reopen(shell, deal_id: i64) -> Deal {
        let Shell { session, clock, .. } = shell;
        crm::reopen_deal(session.store_mut()?, clock, deal_id)
    }

    /// Moves a deal's next step to another day.
    fn deal_reschedule(shell, deal_id: i64, next_step: String, date: chrono::NaiveDate) -> Deal {
        let Shell { session, clock, .. } = shell;
        pipeline::reschedule(session.store_mut()?, clock, deal_id, &next_step, date)
    }

    /// Reasons offered when a deal is lost or disqualified.
    fn close_reasons(shell) -> CloseReasons {
        pipeline::close_reasons(shell.session.store()?)
    }

    /// Logs a call, meeting, e-mail or note done now, with the next step.
    fn activity_log(shell, input: LogInput) -> Activity {
        let Shell { session, clock, .. } = shell;
        pipeline::log_activity(session.store_mut()?, clock, &input)
    }

    /// Logs a call or meeting and ticks off the open tasks it answered.
    fn activity_log_and_close(shell, input: LogInput, close_tasks: Vec<i64>) -> Activity {
        let Shell { session, clock, .. } = shell;
        daily::log_and_close(session.store_mut()?, clock, &input, &close_tasks)
    }

    /// Everything the deal panel shows: contact, phone, history, open tasks, who receives it next.
    fn deal_details(shell, deal_id: i64) -> DealDetails {
        daily::deal_details(shell.session.store()?, deal_id)
    }

    /// Open tasks of a deal and of its client (what a logged call may answer).
    fn deal_open_tasks(shell, deal_id: Option<i64>, company_id: Option<i64>) -> Vec<TaskDue> {
        daily::open_tasks(shell.session.store()?, deal_id, company_id)
    }

    /// Changes an open deal (title, value, owner, contact, next step); the change goes into its timeline.
    fn deal_update(shell, deal_id: i64, input: DealInput) -> Deal {
        let Shell { session, clock, .. } = shell;
        crm::update_deal(session.store_mut()?, clock, deal_id, &input)
    }

    /// Changes a contact (name, position, phone, e-mail, notes); the change goes into the timeline.
    fn contact_update(shell, contact_id: i64, input: ContactInput) -> Contact {
        let Shell { session, clock, .. } = shell;
        crm::update_contact(session.store_mut()?, clock, contact_id, &input)
    }

    /// Changes a company's details; the change goes into its timeline.
    fn company_update(shell, company_id: i64, input: CompanyInput) -> Company {
        let Shell { session, clock, .. } = shell;
        crm::update_company(session.store_mut()?, clock, company_id, &input)
    }

    /// Ticks a task (or a routine's task) off now.
    fn task_complete(shell, task_id: i64, outcome: Option<String>) -> Activity {
        let Shell { session, clock, .. } = shell;
        daily::complete_task(session.store_mut()?, clock, task_id, outcome.as_deref())
    }

    /// Opens a task ticked off by mistake again.
    fn task_reopen(shell, task_id: i64) -> Activity {
        let Shell { session, clock, .. } = shell;
        daily::reopen_task(session.store_mut()?, clock, task_id)
    }

    /// Archives a record (the UI's delete); `record_restore` undoes it.
    fn record_archive(shell, what: Archivable, id: i64) -> () {
        let Shell { session, clock, .. } = shell;
        crm::archive(session.store_mut()?, clock, what, id)
    }

    /// The archive ("trash"), newest first.
    fn trash_list(shell) -> Vec<TrashItem> {
        crm::trash_list(shell.session.store()?)
    }

    /// Calls done in a period (both ends included), of everyone or one person.
    fn call_register(shell, from: chrono::NaiveDate, to: chrono::NaiveDate, person_id: Option<i64>) -> Vec<CallRow> {
        documents::call_register_rows(shell.session.store()?, &CallRegisterRequest { from, to, person_id, lang: None })
    }

    /// Brings an archived record back.
    fn record_restore(shell, what: Archivable, id: i64) -> () {
        let Shell { session, clock, .. } = shell;
        crm::restore(session.store_mut()?, clock, what, id)
    }

    /// A file name for the save dialog of a document.
    fn document_name(shell, request: DocumentRequest) -> String {
        request.suggested_file_name(shell.session.store()?)
    }

    /// Renders a document and saves it as PDF at `path` (chosen in the save dialog).
    fn document_save(shell, request: DocumentRequest, path: String) -> SavedDocument {
        let Shell { session, clock, saved_documents } = shell;
        let saved = documents::save_document(session.store_mut()?, clock, &request, std::path::Path::new(&path), Replace::Confirmed)?;
        saved_documents.insert(PathBuf::from(&saved.path));
        Ok(saved)
    }

    /// Opens a document this window has just saved in the desktop's PDF viewer.
    fn document_open(shell, path: String) -> () {
        let path = PathBuf::from(path);
        if !shell.saved_documents.contains(&path) {
            return Err(Error::validation("path", "Conveyor only opens documents it saved in this window. Open other files from your file manager."));
        }
        open_with_desktop(&path)
    }

    /// The built-in templates, in the open workspace's language.
    fn templates_list(shell) -> Vec<TemplateInfo> {
        playbook::list_templates(shell.session.store().and_then(|s| Ok(conveyor_core::usecases::workspace::summary(s)?.lang)).unwrap_or(shell.session.lang()))
    }

    /// Writes the configured sales system (no client data) to a template file.
    fn template_export(shell, path: String) -> () {
        // The save dialog has already asked before replacing a file; a workspace is never replaced.
        playbook::export_file(shell.session.store()?, std::path::Path::new(&path), Replace::Confirmed)
    }

    /// Imports a template file (dry run: only what would change); never touches client data.
    fn template_import(shell, path: String, dry_run: bool) -> ImportReport {
        let text = std::fs::read_to_string(&path).map_err(Error::from)?;
        let Shell { session, clock, .. } = shell;
        playbook::import(session.store_mut()?, clock, &path, &text, dry_run)
    }

    /// The first-run wizard: template, people with their roles, working days.
    fn workspace_setup(shell, input: SetupInput) -> SetupResult {
        let Shell { session, clock, .. } = shell;
        playbook::setup(session.store_mut()?, clock, &input)
    }

    /// Creates a new workspace from a built-in template and opens it.
    fn workspace_create_from_template(shell, path: String, name: String, lang: Lang, currency: String, template: String) -> AppSession {
        let Shell { session, clock, .. } = shell;
        session.create(clock, &PathBuf::from(path), &NewWorkspace { name, lang, currency, is_demo: false, template: Some(template) })
    }

    /// The template's plan parameters (working days, currency, defaults) as last applied.
    fn template_plan_get(shell) -> conveyor_core::playbook::template::PlanParams {
        playbook::get_plan_params(shell.session.store()?)
    }

    /// The scripts of all stages, each with its current version.
    fn scripts_list(shell) -> Vec<Script> {
        playbook::list_scripts(shell.session.store()?)
    }

    /// One script with its current version.
    fn script_get(shell, script_id: i64) -> Script {
        playbook::get_script(shell.session.store()?, script_id)
    }

    /// Every saved version of a script, newest first.
    fn script_versions(shell, script_id: i64) -> Vec<ScriptVersion> {
        playbook::script_versions(shell.session.store()?, script_id)
    }

    /// A new script (with one opening block).
    fn script_create(shell, input: ScriptInput) -> Script {
        let Shell { session, clock, .. } = shell;
        playbook::create_script(session.store_mut()?, clock, &input)
    }

    /// Renames a script, changes its stage or purpose.
    fn script_update(shell, script_id: i64, input: ScriptInput) -> Script {
        let Shell { session, clock, .. } = shell;
        playbook::update_script(session.store_mut()?, clock, script_id, &input)
    }

    /// Saves a script's whole content as a new version.
    fn script_save_body(shell, script_id: i64, body: ScriptBody) -> Script {
        let Shell { session, clock, .. } = shell;
        playbook::save_script_body(session.store_mut()?, clock, script_id, &body)
    }

    /// Archives a script.
    fn script_archive(shell, script_id: i64) -> () {
        let Shell { session, clock, .. } = shell;
        playbook::archive_script(session.store_mut()?, clock, script_id)
    }

    /// Puts a stage's scripts in a new order.
    fn scripts_reorder(shell, stage: Stage, ids: Vec<i64>) -> Vec<Script> {
        playbook::reorder_scripts(shell.session.store_mut()?, stage, &ids)
    }

    /// Adds a block after another (at the end when `after` is null); a new version.
    fn script_block_add(shell, script_id: i64, block: BlockInput, after: Option<String>) -> Script {
        let Shell { session, clock, .. } = shell;
        playbook::add_block(session.store_mut()?, clock, script_id, &block, after.as_deref())
    }

    /// Edits a block (text, branches, captures); a new version.
    fn script_block_update(shell, script_id: i64, key: String, block: BlockInput) -> Script {
        let Shell { session, clock, .. } = shell;
        playbook::update_block(session.store_mut()?, clock, script_id, &key, &block)
    }

    /// Deletes a block and the branches that led to it; a new version.
    fn script_block_delete(shell, script_id: i64, key: String) -> Script {
        let Shell { session, clock, .. } = shell;
        playbook::delete_block(session.store_mut()?, clock, script_id, &key)
    }

    /// Puts the blocks in a new order; a new version.
    fn script_blocks_reorder(shell, script_id: i64, keys: Vec<String>) -> Script {
        let Shell { session, clock, .. } = shell;
        playbook::reorder_blocks(session.store_mut()?, clock, script_id, &keys)
    }

    /// Adds an objection with its answers; a new version.
    fn script_objection_add(shell, script_id: i64, objection: Objection) -> Script {
        let Shell { session, clock, .. } = shell;
        playbook::add_objection(session.store_mut()?, clock, script_id, &objection)
    }

    /// Edits an objection; a new version.
    fn script_objection_update(shell, script_id: i64, index: u32, objection: Objection) -> Script {
        let Shell { session, clock, .. } = shell;
        playbook::update_objection(session.store_mut()?, clock, script_id, index, &objection)
    }

    /// Deletes an objection; a new version.
    fn script_objection_delete(shell, script_id: i64, index: u32) -> Script {
        let Shell { session, clock, .. } = shell;
        playbook::delete_objection(session.store_mut()?, clock, script_id, index)
    }

    /// The runner's quick search over objections and answers.
    fn objections_search(shell, query: String, script_id: Option<i64>, stage: Option<Stage>) -> Vec<ObjectionHit> {
        playbook::search_objections(shell.session.store()?, &query, script_id, stage)
    }

    /// What the runner shows: the script, the contact, the card and its draft.
    fn script_run_start(shell, input: RunStartInput) -> RunStart {
        playbook::run_start(shell.session.store()?, &input)
    }

    /// Logs the call with the script version and writes the answers to the profile and card draft.
    fn script_run_finish(shell, input: RunFinishInput) -> RunResult {
        let Shell { session, clock, .. } = shell;
        playbook::run_finish(session.store_mut()?, clock, &input)
    }

    /// Answers captured for a deal's hand-off card (pre-fills the hand-off dialog).
    fn card_draft(shell, deal_id: i64, card: CardKind) -> BTreeMap<String, String> {
        playbook::card_draft(shell.session.store()?, deal_id, card)
    }

    /// What a hand-off card opens with: the runner's answers, what the deal knows, its next step and value.
    fn card_prefill(shell, deal_id: i64, card: CardKind) -> CardPrefill {
        let Shell { session, clock, .. } = shell;
        prefill::card_prefill(session.store()?, clock, deal_id, card)
    }

    /// The objection search in a call: every stage's answers, the call's own stage first.
    fn objections_search_in_call(shell, query: String, stage: Stage) -> Vec<ObjectionHit> {
        playbook::search_objections_in_call(shell.session.store()?, &query, stage)
    }

    /// Makes stage-1 leads of picked contacts, a list filter or an import.
    fn leads_make(shell, input: MakeLeadsInput) -> MadeLeads {
        let Shell { session, clock, .. } = shell;
        leads::make_leads(session.store_mut()?, clock, &input)
    }

    /// Existing companies and people a new lead may duplicate.
    fn lead_candidates(shell, probe: LeadProbe) -> LeadCandidates {
        leads::lead_candidates(shell.session.store()?, &probe)
    }

    /// Open deals by title or company (the palette).
    fn deals_search(shell, query: String) -> Vec<DealCard> {
        leads::search_deals(shell.session.store()?, &query, 8)
    }

    /// The script version an activity was logged with.
    fn activity_script_version(shell, activity_id: i64) -> Option<ScriptVersion> {
        playbook::activity_script_version(shell.session.store()?, activity_id)
    }

    /// The regulations (routines, norms, standards) in order.
    fn regulations_list(shell) -> Vec<Regulation> {
        playbook::list_regulations(shell.session.store()?)
    }

    /// Adds a regulation.
    fn regulation_create(shell, input: RegulationInput) -> Regulation {
        let Shell { session, clock, .. } = shell;
        playbook::create_regulation(session.store_mut()?, clock, &input)
    }

    /// Changes a regulation; a changed rule replaces its future tasks only.
    fn regulation_update(shell, regulation_id: i64, input: RegulationInput) -> Regulation {
        let Shell { session, clock, .. } = shell;
        playbook::update_regulation(session.store_mut()?, clock, regulation_id, &input)
    }

    /// Archives a regulation with its future tasks.
    fn regulation_archive(shell, regulation_id: i64) -> () {
        let Shell { session, clock, .. } = shell;
        playbook::archive_regulation(session.store_mut()?, clock, regulation_id)
    }

    /// Puts the regulations in a new order.
    fn regulations_reorder(shell, ids: Vec<i64>) -> Vec<Regulation> {
        playbook::reorder_regulations(shell.session.store_mut()?, &ids)
    }

    /// Runs the routine engine now (it also runs when Today is read).
    fn routines_generate(shell) -> GenerateReport {
        let Shell { session, clock, .. } = shell;
        playbook::generate(session.store_mut()?, clock)
    }

    /// Adds a person (with roles; no work moves).
    fn person_create(shell, input: PersonInput) -> Person {
        let Shell { session, clock, .. } = shell;
        crm::create_person(session.store_mut()?, clock, &input)
    }

    /// Changes a person's name, contacts and roles (no work moves).
    fn person_update(shell, person_id: i64, input: PersonInput) -> Person {
        let Shell { session, clock, .. } = shell;
        crm::update_person(session.store_mut()?, clock, person_id, &input)
    }

    /// Gives a person a role, keeping other holders and their work.
    fn role_give(shell, person_id: i64, role: Role) -> Person {
        let Shell { session, clock, .. } = shell;
        roles::give_role(session.store_mut()?, clock, person_id, role)
    }

    /// Takes a role from a person.
    fn role_take(shell, person_id: i64, role: Role) -> Person {
        roles::take_role(shell.session.store_mut()?, person_id, role)
    }

    /// Gives a role to one person and moves its open work to them, logged.
    fn role_reassign(shell, role: Role, person_id: i64) -> Vec<RoleHandover> {
        let Shell { session, clock, .. } = shell;
        roles::reassign_role(session.store_mut()?, clock, role, person_id)
    }

    /// Reverses a role hand-over (work done since stays done).
    fn role_handover_undo(shell, handover_id: i64) -> RoleHandover {
        let Shell { session, clock, .. } = shell;
        roles::undo_handover(session.store_mut()?, clock, handover_id)
    }

    /// The role hand-over log, newest first.
    fn role_handovers(shell) -> Vec<RoleHandover> {
        roles::handovers(shell.session.store()?)
    }

    /// For people holding several stages: the combination, its risks and the measures to watch.
    fn structure_advice(shell) -> Vec<StructureAdvice> {
        roles::structure_advice(shell.session.store()?, &shell.clock)
    }

    /// A person's planned week against the time logged in the week of `date`.
    fn time_table_get(shell, person_id: i64, date: chrono::NaiveDate) -> TimeTable {
        roles::time_table(shell.session.store()?, person_id, date)
    }

    /// Replaces a person's planned week.
    fn time_table_set(shell, person_id: i64, blocks: Vec<TimeBlock>) -> Vec<TimeBlock> {
        roles::set_time_table(shell.session.store_mut()?, person_id, &blocks)
    }

    /// The planning defaults (used where history is thin) and analytics thresholds.
    fn plan_params(shell) -> PlanParams {
        plan::plan_params(shell.session.store()?)
    }

    /// Replaces the planning defaults and thresholds.
    fn plan_params_set(shell, params: PlanParams) -> PlanParams {
        let Shell { session, clock, .. } = shell;
        plan::set_plan_params(session.store_mut()?, clock, &params)
    }

    /// Works a target backwards to calls per day without saving (what-if sliders).
    fn plan_derive(shell, request: DeriveRequest) -> PlanDerivation {
        plan::derive(shell.session.store()?, &shell.clock, &request)
    }

    /// Derives and saves the plan of a period, split per person and stage.
    fn plan_save(shell, request: DeriveRequest, niche_benchmark: Option<String>) -> SavedPlan {
        let Shell { session, clock, .. } = shell;
        plan::save_plan(session.store_mut()?, clock, &request, niche_benchmark.as_deref())
    }

    /// The saved plan of a period (`2027-01`, `2027-Q1`, `2027`), or null.
    fn plan_get(shell, period: String) -> Option<SavedPlan> {
        plan::get_plan(shell.session.store()?, &period)
    }

    /// Every saved plan, the latest period first.
    fn plan_list(shell) -> Vec<SavedPlan> {
        plan::list_plans(shell.session.store()?)
    }

    /// Approves the saved plan of a period.
    fn plan_approve(shell, period: String) -> SavedPlan {
        let Shell { session, clock, .. } = shell;
        plan::approve_plan(session.store_mut()?, clock, &period)
    }

    /// Plan vs fact, forecast, weighted pipeline coverage and risk signals.
    fn plan_status(shell, period: String, person_id: Option<i64>) -> PlanStatus {
        plan::plan_status(shell.session.store()?, &shell.clock, &period, person_id)
    }

    /// Funnel, cycle, win rate, reasons, sources and month-by-month results.
    fn analytics_get(shell, request: AnalyticsRequest) -> Analytics {
        analytics::analytics(shell.session.store()?, &shell.clock, &request)
    }

    /// ABC of clients over the last 12 months, with the concentration warning.
    fn abc_get(shell) -> AbcReport {
        analytics::abc(shell.session.store()?, &shell.clock)
    }

    /// Stores the computed ABC classes on the companies (Today's cadence uses them).
    fn abc_apply(shell) -> AbcApplied {
        let Shell { session, clock, .. } = shell;
        analytics::apply_abc(session.store_mut()?, clock)
    }

    /// How clients moved between ABC classes from one period to another.
    fn abc_migration(shell, request: MigrationRequest) -> MigrationMatrix {
        analytics::abc_migration(shell.session.store()?, &shell.clock, &request)
    }

    /// Opens (creating the first time) the daily, weekly or monthly review.
    fn review_start(shell, start: ReviewStart) -> Review {
        let Shell { session, clock, .. } = shell;
        reviews::start_review(session.store_mut()?, clock, &start)
    }

    /// One stored review with its issues and numbers.
    fn review_get(shell, review_id: i64) -> Review {
        reviews::get_review(shell.session.store()?, &shell.clock, review_id)
    }

    /// Saves a review's answers (by key).
    fn review_save(shell, review_id: i64, answers: BTreeMap<String, String>) -> Review {
        let Shell { session, clock, .. } = shell;
        reviews::save_review(session.store_mut()?, clock, review_id, &answers)
    }

    /// Closes a review, keeping its numbers as they stand.
    fn review_close(shell, review_id: i64) -> Review {
        let Shell { session, clock, .. } = shell;
        reviews::close_review(session.store_mut()?, clock, review_id)
    }

    /// Reopens a closed review.
    fn review_reopen(shell, review_id: i64) -> Review {
        let Shell { session, clock, .. } = shell;
        reviews::reopen_review(session.store_mut()?, clock, review_id)
    }

    /// The history of reviews, the latest first.
    fn review_list(shell, kind: Option<ReviewKind>, person_id: Option<i64>, limit: u32) -> Vec<ReviewSummary> {
        reviews::list_reviews(shell.session.store()?, kind, person_id, limit)
    }

    /// Adds an issue (owner, due date) to an open review.
    fn review_issue_add(shell, review_id: i64, issue: IssueInput) -> ReviewIssue {
        let Shell { session, clock, .. } = shell;
        reviews::add_issue(session.store_mut()?, clock, review_id, &issue)
    }

    /// Changes an issue's text, owner or due date.
    fn review_issue_update(shell, issue_id: i64, issue: IssueInput) -> ReviewIssue {
        let Shell { session, clock, .. } = shell;
        reviews::update_issue(session.store_mut()?, clock, issue_id, &issue)
    }

    /// Marks an issue done (or open again).
    fn review_issue_done(shell, issue_id: i64, done: bool) -> ReviewIssue {
        let Shell { session, clock, .. } = shell;
        reviews::set_issue_done(session.store_mut()?, clock, issue_id, done)
    }

    /// Carries an earlier review's open issue into a later review.
    fn review_issue_carry(shell, issue_id: i64, to_review_id: i64) -> ReviewIssue {
        let Shell { session, clock, .. } = shell;
        reviews::carry_issue(session.store_mut()?, clock, issue_id, to_review_id)
    }

    /// The self-assessment's 21 questions, roles and suggestions in a language.
    fn assessment_questions(shell, lang: Lang) -> Questionnaire {
        let _ = shell;
        Ok(assessment::questionnaire(lang))
    }

    /// Saves one sitting of the self-assessment and scores it per role.
    fn assessment_save(shell, answers: Vec<Answer>, person_id: Option<i64>, lang: Lang) -> AssessmentResult {
        let Shell { session, clock, .. } = shell;
        reviews::save_assessment(session.store_mut()?, clock, &answers, person_id, lang)
    }

    /// Every self-assessment, the oldest first.
    fn assessment_history(shell, lang: Lang) -> Vec<AssessmentResult> {
        reviews::assessment_history(shell.session.store()?, lang)
    }

    /// What importing a file would do, writing nothing: format, encoding,
    /// delimiter, mapping, the first rows as they are and as they will be
    /// imported, and the counts of created/updated/skipped/refused rows.
    fn import_preview(shell, path: String, options: ImportOptions) -> ImportPreview {
        let (bytes, o) = import_source(&path, options)?;
        interop::preview_with_samples(shell.session.store()?, &bytes, &o)
    }

    /// Imports contacts in one transaction. `on_progress` gets the rows read
    /// so far; `import_cancel` stops it and nothing is written.
    fn import_run(shell, path: String, options: ImportOptions; on_progress: Channel<u32>) -> ImportSummary {
        let (bytes, o) = import_source(&path, options)?;
        let Shell { session, clock, .. } = shell;
        let store = session.store_mut()?;
        IMPORT_CANCEL.store(false, Ordering::SeqCst);
        IMPORT_RUNNING.store(true, Ordering::SeqCst);
        let r = interop::import_contacts_with_progress(store, clock, &bytes, &o, false, &mut |rows| {
            // A closed window only loses the progress message, not the import.
            let _ = on_progress.send(u32::try_from(rows).unwrap_or(u32::MAX));
            !IMPORT_CANCEL.load(Ordering::SeqCst)
        });
        IMPORT_RUNNING.store(false, Ordering::SeqCst);
        IMPORT_CANCEL.store(false, Ordering::SeqCst);
        r
    }

    /// Exports contacts (vCard 4.0/3.0, CSV), deals or activities (CSV) or
    /// the calendar (ICS, in the system's time zone) to a file.
    fn export_data(shell, kind: ExportKind, path: String) -> ExportDone {
        let zone = conveyor_core::interop::ics::system_zone_name();
        interop::export_to_file(shell.session.store()?, &shell.clock, kind, &zone, &PathBuf::from(path), Replace::Confirmed)
    }

    /// A consistent copy of the open workspace in a chosen file.
    fn backup_now(shell, path: String) -> BackupContents {
        // The save dialog has already asked before replacing a file.
        backup::backup_replacing(shell.session.store()?, &shell.clock, &PathBuf::from(path))
    }

    /// What a backup holds (date, schema, counts), read without changing it.
    fn backup_inspect(shell, path: String) -> BackupContents {
        shell.session.inspect_backup(&PathBuf::from(path))
    }

    /// Replaces the open workspace with a backup (the replaced file is kept)
    /// and opens the restored workspace.
    fn backup_restore(shell, path: String) -> RestoreDone {
        let Shell { session, clock, .. } = shell;
        session.restore_backup(clock, &PathBuf::from(path))
    }

    /// Where the open workspace's automatic daily backups go (the newest
    /// seven are kept), which are there, and why the last one failed.
    fn backup_auto_status(shell) -> AutoBackups {
        shell.session.auto_backups()
    }

    /// Every tag with how many companies and contacts carry it.
    fn tags_list(shell) -> Vec<conveyor_core::usecases::tags::TagCount> {
        conveyor_core::usecases::tags::list_tags(shell.session.store()?)
    }

    /// Puts a tag on companies or contacts; the first one's tags after.
    fn tag_add(shell, kind: ClientKind, ids: Vec<i64>, name: String) -> Vec<String> {
        let Shell { session, clock, .. } = shell;
        conveyor_core::usecases::tags::add_tag(session.store_mut()?, clock, kind, &ids, &name)
    }

    /// Takes a tag off companies or contacts; the first one's tags after.
    fn tag_remove(shell, kind: ClientKind, ids: Vec<i64>, name: String) -> Vec<String> {
        let Shell { session, clock, .. } = shell;
        conveyor_core::usecases::tags::remove_tag(session.store_mut()?, clock, kind, &ids, &name)
    }

    /// The workspace's custom fields.
    fn custom_fields_list(shell) -> Vec<CustomField> {
        custom_fields::list_fields(shell.session.store()?, None)
    }

    /// Defines a custom field.
    fn custom_field_define(shell, input: FieldInput) -> CustomField {
        let Shell { session, clock, .. } = shell;
        custom_fields::define_field(session.store_mut()?, clock, &input)
    }

    /// Renames a custom field or changes its choices.
    fn custom_field_update(shell, field_id: i64, label: String, choices: Vec<String>) -> CustomField {
        let Shell { session, clock, .. } = shell;
        custom_fields::update_field(session.store_mut()?, clock, field_id, &label, &choices)
    }

    /// Removes a custom field and its values.
    fn custom_field_delete(shell, field_id: i64) -> () {
        let Shell { session, clock, .. } = shell;
        custom_fields::delete_field(session.store_mut()?, clock, field_id)
    }

    /// Saves a record's custom values (all or none); the values after.
    fn custom_values_set(shell, kind: ClientKind, id: i64, values: Vec<ValueInput>) -> Vec<FieldValue> {
        let Shell { session, clock, .. } = shell;
        custom_fields::set_values(session.store_mut()?, clock, kind, id, &values)
    }

    /// Possible duplicates (same e-mail, phone or name).
    fn duplicates_list(shell) -> Vec<DuplicatePair> {
        merge::duplicates(shell.session.store()?)
    }

    /// Merges one contact or company into another.
    fn records_merge(shell, kind: ClientKind, kept_id: i64, merged_id: i64) -> MergeResult {
        let Shell { session, clock, .. } = shell;
        merge::merge(session.store_mut()?, clock, kind, kept_id, merged_id)
    }

    /// Undoes a merge.
    fn merge_undo(shell, merge_id: i64) -> () {
        let Shell { session, clock, .. } = shell;
        merge::undo_merge(session.store_mut()?, clock, merge_id)
    }

    free {
        /// Stops the running import; it rolls back and writes nothing.
        fn import_cancel() -> bool {
            let running = IMPORT_RUNNING.load(Ordering::SeqCst);
            if running {
                IMPORT_CANCEL.store(true, Ordering::SeqCst);
            }
            Ok(running)
        }
    }
}
