//! TypeScript twins of the types that cross to the UI, generated with ts-rs
//! into `ui/src/lib/bindings/`. A test fails when the committed files are
//! stale; regenerate with `./dev bindings`.

use std::path::Path;
use ts_rs::{Config, TS};

/// ts-rs settings: 64-bit integers are plain numbers (ids and minor units
/// stay far below 2^53).
pub fn config(out_dir: &Path) -> Config {
    Config::new().with_large_int("number").with_out_dir(out_dir)
}

/// Writes every UI-facing type (and what it refers to) into `out_dir`.
pub fn export_types(out_dir: &Path) -> Result<(), ts_rs::ExportError> {
    let cfg = config(out_dir);
    use crate::model::*;
    use crate::usecases::{board, workspace};
    crate::error::Error::export_all(&cfg)?;
    Step::export_all(&cfg)?;
    Person::export_all(&cfg)?;
    PersonInput::export_all(&cfg)?;
    Company::export_all(&cfg)?;
    CompanyInput::export_all(&cfg)?;
    Contact::export_all(&cfg)?;
    ContactInput::export_all(&cfg)?;
    crate::address::Address::export_all(&cfg)?;
    crate::address::AddressInput::export_all(&cfg)?;
    crate::address::AddressOwner::export_all(&cfg)?;
    crate::address::AddressKind::export_all(&cfg)?;
    crate::channels::ChannelKind::export_all(&cfg)?;
    crate::contact_details::ContactDetails::export_all(&cfg)?;
    crate::usecases::contact_details::ContactDetailsOf::export_all(&cfg)?;
    crate::usecases::channels::ChannelItem::export_all(&cfg)?;
    crate::usecases::channels::ChannelInput::export_all(&cfg)?;
    crate::usecases::channels::ContactChannels::export_all(&cfg)?;
    Deal::export_all(&cfg)?;
    DealInput::export_all(&cfg)?;
    DealClose::export_all(&cfg)?;
    Activity::export_all(&cfg)?;
    ActivityInput::export_all(&cfg)?;
    Order::export_all(&cfg)?;
    OrderInput::export_all(&cfg)?;
    Money::export_all(&cfg)?;
    Role::export_all(&cfg)?;
    Abc::export_all(&cfg)?;
    board::Board::export_all(&cfg)?;
    board::BoardQuery::export_all(&cfg)?;
    board::ColumnPage::export_all(&cfg)?;
    workspace::WorkspaceSummary::export_all(&cfg)?;
    workspace::WorkspaceInfo::export_all(&cfg)?;
    workspace::CheckReport::export_all(&cfg)?;
    crate::settings::AppSettings::export_all(&cfg)?;
    crate::store::meta::NewWorkspace::export_all(&cfg)?;
    crate::demo::DemoSpec::export_all(&cfg)?;
    crate::usecases::session::AppSession::export_all(&cfg)?;
    use crate::usecases::{clients, crm, pipeline, today};
    today::Today::export_all(&cfg)?;
    today::TodayListKind::export_all(&cfg)?;
    today::TodayPage::export_all(&cfg)?;
    today::TodayScreen::export_all(&cfg)?;
    crate::usecases::first_hour::Checklist::export_all(&cfg)?;
    crate::usecases::first_hour::Reviewed::export_all(&cfg)?;
    clients::ClientPage::export_all(&cfg)?;
    clients::SearchHit::export_all(&cfg)?;
    clients::ClientProfile::export_all(&cfg)?;
    clients::PersonProfile::export_all(&cfg)?;
    crate::store::clients::ClientFilter::export_all(&cfg)?;
    pipeline::HandOffInput::export_all(&cfg)?;
    pipeline::WinInput::export_all(&cfg)?;
    pipeline::WinOutcome::export_all(&cfg)?;
    pipeline::LogInput::export_all(&cfg)?;
    pipeline::LeadInput::export_all(&cfg)?;
    pipeline::CloseReasons::export_all(&cfg)?;
    crate::usecases::leads::MakeLeadsInput::export_all(&cfg)?;
    crate::usecases::leads::MadeLeads::export_all(&cfg)?;
    crate::usecases::leads::LeadProbe::export_all(&cfg)?;
    crate::usecases::leads::LeadCandidates::export_all(&cfg)?;
    crate::usecases::prefill::CardPrefill::export_all(&cfg)?;
    crate::usecases::runner::ObjectionUsed::export_all(&cfg)?;
    crate::store::cards::CardField::export_all(&cfg)?;
    crate::store::cards::CardKind::export_all(&cfg)?;
    crate::store::meta::WorkSettings::export_all(&cfg)?;
    crm::Archivable::export_all(&cfg)?;
    crm::TrashItem::export_all(&cfg)?;
    crate::store::reports::CallRow::export_all(&cfg)?;
    crate::plan::PlanDerivation::export_all(&cfg)?;
    crate::usecases::plan::DeriveRequest::export_all(&cfg)?;
    crate::store::plans::PlanParams::export_all(&cfg)?;
    crate::store::plans::PlanLine::export_all(&cfg)?;
    crate::store::plans::Fact::export_all(&cfg)?;
    crate::usecases::plan::SavedPlan::export_all(&cfg)?;
    crate::usecases::plan::PlanStatus::export_all(&cfg)?;
    crate::usecases::plan::Indicator::export_all(&cfg)?;
    crate::usecases::plan::Signal::export_all(&cfg)?;
    crate::usecases::plan::Pipeline::export_all(&cfg)?;
    crate::usecases::analytics::Analytics::export_all(&cfg)?;
    crate::usecases::analytics::AnalyticsRequest::export_all(&cfg)?;
    crate::usecases::analytics::AbcReport::export_all(&cfg)?;
    crate::usecases::analytics::AbcApplied::export_all(&cfg)?;
    crate::usecases::analytics::MigrationRequest::export_all(&cfg)?;
    crate::usecases::analytics::MigrationMatrix::export_all(&cfg)?;
    crate::usecases::reviews::Review::export_all(&cfg)?;
    crate::usecases::reviews::ReviewSummary::export_all(&cfg)?;
    crate::usecases::reviews::ReviewStart::export_all(&cfg)?;
    crate::usecases::reviews::ReviewKind::export_all(&cfg)?;
    crate::usecases::reviews::IssueInput::export_all(&cfg)?;
    crate::store::reviews::ReviewIssue::export_all(&cfg)?;
    crate::assessment::Questionnaire::export_all(&cfg)?;
    crate::assessment::Answer::export_all(&cfg)?;
    crate::usecases::reviews::AssessmentResult::export_all(&cfg)?;
    crate::interop::Problem::export_all(&cfg)?;
    crate::interop::mapping::ContactField::export_all(&cfg)?;
    crate::interop::mapping::Preset::export_all(&cfg)?;
    crate::interop::mapping::ColumnMapping::export_all(&cfg)?;
    crate::usecases::import::DuplicatePolicy::export_all(&cfg)?;
    crate::usecases::import::ImportOptions::export_all(&cfg)?;
    crate::usecases::import::RowAction::export_all(&cfg)?;
    crate::usecases::import::PreviewRow::export_all(&cfg)?;
    crate::usecases::import::ImportSummary::export_all(&cfg)?;
    crate::usecases::export::ContactsFormat::export_all(&cfg)?;
    crate::usecases::export::CalendarExport::export_all(&cfg)?;
    crate::usecases::import::ImportPreview::export_all(&cfg)?;
    crate::usecases::import::SampleRow::export_all(&cfg)?;
    crate::usecases::export::ExportKind::export_all(&cfg)?;
    crate::usecases::export::ExportDone::export_all(&cfg)?;
    crate::interop::deals::DealField::export_all(&cfg)?;
    crate::interop::deals::OrderField::export_all(&cfg)?;
    crate::interop::deals::DealPreset::export_all(&cfg)?;
    crate::usecases::import_history::HistoryOptions::export_all(&cfg)?;
    crate::usecases::import_history::StepChoice::export_all(&cfg)?;
    crate::usecases::import_history::Count::export_all(&cfg)?;
    crate::usecases::import_history::FileInfo::export_all(&cfg)?;
    crate::usecases::import_history::DealImportSummary::export_all(&cfg)?;
    crate::usecases::import_history::OrderImportSummary::export_all(&cfg)?;
    crate::usecases::backup::BackupContents::export_all(&cfg)?;
    crate::usecases::promote::PromoteTarget::export_all(&cfg)?;
    crate::usecases::promote::PromoteReport::export_all(&cfg)?;
    crate::usecases::promote::PromotedTable::export_all(&cfg)?;
    crate::usecases::promote::PromoteProgress::export_all(&cfg)?;
    crate::usecases::pull::PullReport::export_all(&cfg)?;
    crate::usecases::backup::RestoreReport::export_all(&cfg)?;
    crate::usecases::backup::AutoBackups::export_all(&cfg)?;
    crate::usecases::backup::AutoCopy::export_all(&cfg)?;
    crate::usecases::documents::DocumentRequest::export_all(&cfg)?;
    crate::usecases::documents::SavedDocument::export_all(&cfg)?;
    crate::usecases::daily::DealDetails::export_all(&cfg)?;
    crate::store::today::TaskDue::export_all(&cfg)?;
    crate::views::View::export_all(&cfg)?;
    ClientKind::export_all(&cfg)?;
    FieldKind::export_all(&cfg)?;
    crate::store::custom_fields::CustomField::export_all(&cfg)?;
    crate::usecases::custom_fields::FieldInput::export_all(&cfg)?;
    crate::usecases::custom_fields::FieldValue::export_all(&cfg)?;
    crate::usecases::custom_fields::ValueInput::export_all(&cfg)?;
    crate::usecases::tags::TagCount::export_all(&cfg)?;
    crate::usecases::merge::DuplicatePair::export_all(&cfg)?;
    crate::usecases::merge::MergeResult::export_all(&cfg)?;
    {
        use crate::playbook::template as t;
        use crate::usecases::{regulations, roles as ro, routines, runner, scripts, setup, templates};
        t::Template::export_all(&cfg)?;
        t::TemplateInfo::export_all(&cfg)?;
        t::ScriptBody::export_all(&cfg)?;
        t::Block::export_all(&cfg)?;
        t::BlockKind::export_all(&cfg)?;
        t::Capture::export_all(&cfg)?;
        t::Branch::export_all(&cfg)?;
        t::Objection::export_all(&cfg)?;
        t::Rule::export_all(&cfg)?;
        t::RegulationKind::export_all(&cfg)?;
        t::PlanParams::export_all(&cfg)?;
        crate::store::scripts::Script::export_all(&cfg)?;
        crate::store::scripts::ScriptVersion::export_all(&cfg)?;
        crate::store::regulations::Regulation::export_all(&cfg)?;
        crate::store::roles::RoleHandover::export_all(&cfg)?;
        crate::store::roles::TimeBlock::export_all(&cfg)?;
        scripts::ScriptInput::export_all(&cfg)?;
        scripts::BlockInput::export_all(&cfg)?;
        scripts::ObjectionHit::export_all(&cfg)?;
        runner::RunStart::export_all(&cfg)?;
        runner::RunStartInput::export_all(&cfg)?;
        runner::RunFinishInput::export_all(&cfg)?;
        runner::RunResult::export_all(&cfg)?;
        runner::CapturedValue::export_all(&cfg)?;
        regulations::RegulationInput::export_all(&cfg)?;
        routines::GenerateReport::export_all(&cfg)?;
        templates::ImportReport::export_all(&cfg)?;
        setup::SetupInput::export_all(&cfg)?;
        setup::SetupResult::export_all(&cfg)?;
        ro::StructureAdvice::export_all(&cfg)?;
        ro::TimeTable::export_all(&cfg)?;
    }
    crate::usecases::session::RestoreDone::export_all(&cfg)?;
    Ok(())
}

/// The committed bindings folder, from the core crate's manifest dir.
pub fn committed_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings")
}

/// Files in `fresh` that differ from or are missing in `committed`, and
/// `.ts` files in `committed` that `fresh` no longer has (except `keep`).
pub fn stale_files(fresh: &Path, committed: &Path, keep: &[&str]) -> Vec<String> {
    let mut stale = vec![];
    let list = |d: &Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .map(|it| it.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".ts")).collect())
            .unwrap_or_default();
        v.sort();
        v
    };
    for name in list(fresh) {
        if std::fs::read(fresh.join(&name)).ok() != std::fs::read(committed.join(&name)).ok() {
            stale.push(name);
        }
    }
    for name in list(committed) {
        if !fresh.join(&name).exists() && !keep.contains(&name.as_str()) {
            stale.push(format!("{name} (no longer generated)"));
        }
    }
    stale
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails when `ui/src/lib/bindings` is stale. With `UPDATE_BINDINGS=1` it
    /// rewrites them instead.
    #[test]
    fn committed_ui_bindings_are_fresh() {
        let committed = committed_dir();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(&committed).unwrap();
            for e in std::fs::read_dir(&committed).unwrap().flatten() {
                let n = e.file_name().to_string_lossy().into_owned();
                if n.ends_with(".ts") && n != "commands.ts" {
                    std::fs::remove_file(e.path()).unwrap();
                }
            }
            export_types(&committed).unwrap();
            return;
        }
        let fresh = tempfile::tempdir().unwrap();
        export_types(fresh.path()).unwrap();
        let stale = stale_files(fresh.path(), &committed, &["commands.ts"]);
        assert!(stale.is_empty(), "UI bindings are stale: {stale:?}. Run `./dev bindings` and commit the result.");
    }
}
