//! One thin adapter per command: take the arguments, call one use case of the
//! core off the UI thread, return its output or its `{code, message, field}`
//! error. Declared once in `commands!`, which also yields the handler list
//! and the signatures the TypeScript bindings are generated from.

use conveyor_core::model::{Activity, Deal, DealClose, Lang, Person, Stage, Step};
use conveyor_core::store::cards::{CardField, CardKind};
use conveyor_core::store::clients::ClientFilter;
use conveyor_core::usecases::clients::{self, ClientPage, ClientProfile, SearchHit};
use conveyor_core::store::reports::CallRow;
use conveyor_core::usecases::crm::{Archivable, TrashItem};
use conveyor_core::usecases::documents::{self, CallRegisterRequest};
use conveyor_core::usecases::pipeline::{self, CloseReasons, HandOffInput, LeadInput, LogInput, WinInput, WinOutcome};
use conveyor_core::usecases::today::{self, Today};
use conveyor_core::store::meta::NewWorkspace;
use conveyor_core::store::Passphrase;
use conveyor_core::usecases::board::{self, Board, BoardQuery};
use conveyor_core::usecases::crm;
use conveyor_core::usecases::session::{AppSession, Session};
use conveyor_core::{Error, SystemClock};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The shell's state: the core session and the real clock.
pub struct Shell {
    pub session: Session,
    pub clock: SystemClock,
}

pub type Shared = Arc<Mutex<Shell>>;

/// Runs `f` on the blocking pool: SQLite never runs on the UI thread.
async fn run<T: Send + 'static>(shared: Shared, f: impl FnOnce(&mut Shell) -> Result<T, Error> + Send + 'static) -> Result<T, Error> {
    tauri::async_runtime::spawn_blocking(move || {
        // A panic in an earlier command poisons the lock; the data is still
        // consistent (every write is one transaction), so carry on.
        let mut shell = shared.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut shell)
    })
    .await
    .map_err(|e| Error::internal(format!("The command stopped unexpectedly ({e}). Try again; if it repeats, restart Conveyor.")))?
}

/// A command as the TypeScript generator sees it.
pub struct Signature {
    pub name: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub ret: String,
}

macro_rules! commands {
    ($( $(#[doc = $doc:literal])* fn $name:ident($s:ident $(, $arg:ident : $aty:ty)*) -> $ret:ty $body:block )+) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command]
            pub async fn $name(state: tauri::State<'_, Shared> $(, $arg: $aty)*) -> Result<$ret, Error> {
                run(state.inner().clone(), move |$s: &mut Shell| -> Result<$ret, Error> { $body }).await
            }
        )+

        pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),+]
        }

        pub fn signatures() -> Vec<Signature> {
            let cfg = conveyor_core::bindings::config(std::path::Path::new("."));
            vec![$(Signature {
                name: stringify!($name),
                args: vec![$((stringify!($arg), <$aty as ts_rs::TS>::name(&cfg))),*],
                ret: <$ret as ts_rs::TS>::name(&cfg),
            }),+]
        }
    };
}

commands! {
    /// The session: open workspace, settings, recent list, start-up error.
    fn app_state(shell) -> AppSession {
        shell.session.snapshot()
    }

    /// Opens a workspace file instead of the current one.
    fn workspace_open(shell, path: String) -> AppSession {
        let Shell { session, clock } = shell;
        session.open(clock, &PathBuf::from(path))
    }

    /// Opens a workspace protected with a passphrase (`wrong_passphrase` when it does not fit).
    fn workspace_unlock(shell, path: String, passphrase: String) -> AppSession {
        let Shell { session, clock } = shell;
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
        let Shell { session, clock } = shell;
        session.create(clock, &PathBuf::from(path), &NewWorkspace { name, lang, currency, is_demo: false })
    }

    /// Opens (creating if needed) the demo workspace in the data folder.
    fn workspace_open_demo(shell) -> AppSession {
        let Shell { session, clock } = shell;
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
        today::today(shell.session.store()?, &shell.clock, owner_id)
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
        let Shell { session, clock } = shell;
        crm::add_step(session.store_mut()?, clock, stage, &name, probability_pct)
    }

    /// Renames a step or changes its win probability.
    fn step_update(shell, step_id: i64, name: String, probability_pct: i64) -> Step {
        crm::update_step(shell.session.store_mut()?, step_id, &name, probability_pct)
    }

    /// Archives an empty step (refused while open deals sit in it).
    fn step_archive(shell, step_id: i64) -> () {
        let Shell { session, clock } = shell;
        crm::archive_step(session.store_mut()?, clock, step_id)
    }

    /// Puts a stage's steps in a new order.
    fn steps_reorder(shell, stage: Stage, ids: Vec<i64>) -> Vec<Step> {
        pipeline::reorder_steps(shell.session.store_mut()?, stage, &ids)
    }

    /// A new lead: company, contact and a stage-1 deal at once.
    fn lead_create(shell, input: LeadInput) -> Deal {
        let Shell { session, clock } = shell;
        pipeline::create_lead(session.store_mut()?, clock, &input)
    }

    /// Moves a deal within its stage (another stage needs a hand-off).
    fn deal_move(shell, deal_id: i64, step_id: i64) -> Deal {
        let Shell { session, clock } = shell;
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
        let Shell { session, clock } = shell;
        pipeline::archive_card_field(session.store_mut()?, clock, field_id)
    }

    /// Puts a card's fields in a new order.
    fn card_fields_reorder(shell, card: CardKind, ids: Vec<i64>) -> Vec<CardField> {
        pipeline::reorder_card_fields(shell.session.store_mut()?, card, &ids)
    }

    /// Stage 1 → 2 with the qualification card.
    fn deal_hand_off(shell, input: HandOffInput) -> Deal {
        let Shell { session, clock } = shell;
        pipeline::hand_off_qualified_lead(session.store_mut()?, clock, &input)
    }

    /// Stage 2 → 3: the first sale, with the hand-over card.
    fn deal_win_first(shell, input: WinInput) -> WinOutcome {
        let Shell { session, clock } = shell;
        pipeline::win_first_deal(session.store_mut()?, clock, &input)
    }

    /// Closes a deal as won, lost or disqualified (with a reason).
    fn deal_close(shell, deal_id: i64, close: DealClose) -> Deal {
        let Shell { session, clock } = shell;
        crm::close_deal(session.store_mut()?, clock, deal_id, &close)
    }

    /// Brings a closed deal back to open (revive, or undo of a close).
    fn deal_reopen(shell, deal_id: i64) -> Deal {
        let Shell { session, clock } = shell;
        crm::reopen_deal(session.store_mut()?, clock, deal_id)
    }

    /// Moves a deal's next step to another day.
    fn deal_reschedule(shell, deal_id: i64, next_step: String, date: chrono::NaiveDate) -> Deal {
        let Shell { session, clock } = shell;
        pipeline::reschedule(session.store_mut()?, clock, deal_id, &next_step, date)
    }

    /// Reasons offered when a deal is lost or disqualified.
    fn close_reasons(shell) -> CloseReasons {
        pipeline::close_reasons(shell.session.store()?)
    }

    /// Logs a call, meeting, e-mail or note done now, with the next step.
    fn activity_log(shell, input: LogInput) -> Activity {
        let Shell { session, clock } = shell;
        pipeline::log_activity(session.store_mut()?, clock, &input)
    }

    /// Archives a record (the UI's delete); `record_restore` undoes it.
    fn record_archive(shell, what: Archivable, id: i64) -> () {
        let Shell { session, clock } = shell;
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
        let Shell { session, clock } = shell;
        crm::restore(session.store_mut()?, clock, what, id)
    }
}
