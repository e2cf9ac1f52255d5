//! Which views a change makes stale. Every command of the shell is named
//! here once with the views its use case can change; the shell's bindings
//! carry this table to the UI, which reloads exactly those views after the
//! command succeeds (instead of each screen guessing what to refresh).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A view of the UI that shows data of the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// The Today screen.
    Today,
    /// The conveyor board.
    Board,
    /// The clients list.
    Clients,
    /// An open client profile.
    Profile,
    /// An open deal panel.
    Deal,
    /// Plans, plan vs fact and analytics.
    Plan,
    /// Reports, reviews and the self-assessment.
    Reports,
    /// Scripts and regulations.
    Playbook,
    /// People, roles and the time table.
    Team,
    /// The archive of archived records.
    Trash,
}

use View::*;

/// Every view.
pub const ALL: &[View] = &[Today, Board, Clients, Profile, Deal, Plan, Reports, Playbook, Team, Trash];
/// What a change to deals (value, step, owner, next step, status) touches.
const DEALS: &[View] = &[Today, Board, Clients, Profile, Deal, Plan, Reports];
/// A change to deals that also moves logged work (time table) or the archive.
const WORK: &[View] = &[Today, Board, Clients, Profile, Deal, Plan, Reports, Team];
const RECORDS: &[View] = &[Today, Board, Clients, Profile, Deal, Plan, Reports, Trash];
/// Contacts and companies: shown on cards, Today, lists, profiles, reports.
const CLIENTS: &[View] = &[Today, Board, Clients, Profile, Deal, Reports];
const PEOPLE: &[View] = &[Today, Board, Clients, Profile, Deal, Plan, Playbook, Team];
const NONE: &[View] = &[];

/// The views `command` can make stale when it succeeds: empty for a command
/// that only reads, `None` for a command this table does not know (the UI
/// then reloads everything, so a forgotten entry costs time, never a stale view).
pub fn stale_after(command: &str) -> Option<&'static [View]> {
    Some(match command {
        // Reading only.
        "app_state"
        | "board_get"
        | "board_column"
        | "people_list"
        | "clients_search"
        | "clients_list"
        | "client_profile"
        | "person_profile"
        | "steps_list"
        | "card_fields"
        | "close_reasons"
        | "trash_list"
        | "call_register"
        | "document_name"
        | "templates_list"
        | "template_plan_get"
        | "scripts_list"
        | "script_get"
        | "script_versions"
        | "objections_search"
        | "script_run_start"
        | "card_draft"
        | "activity_script_version"
        | "regulations_list"
        | "role_handovers"
        | "structure_advice"
        | "time_table_get"
        | "plan_params"
        | "plan_derive"
        | "plan_get"
        | "plan_list"
        | "plan_status"
        | "analytics_get"
        | "abc_get"
        | "abc_migration"
        | "review_get"
        | "review_list"
        | "assessment_questions"
        | "assessment_history"
        | "import_preview"
        | "history_preview_deals"
        | "history_preview_orders"
        | "backup_inspect"
        | "backup_auto_status"
        | "import_cancel"
        | "deal_details"
        | "deal_open_tasks"
        | "card_prefill"
        | "objections_search_in_call"
        | "lead_candidates"
        | "deals_search"
        | "today_list"
        | "assessment_draft" => NONE,
        // A self-assessment kept part-way is seen only by the form that keeps it.
        "assessment_draft_save" => NONE,
        // Today runs the routine engine, whose new tasks only Today shows.
        "today_get" | "today_screen" => NONE,
        // The clock's date, reading a typed amount and wording a rule change nothing.
        "today_date" | "amount_parse" | "rule_summary" => NONE,
        // Files and settings that change no record.
        "document_open"
        | "template_export"
        | "export_data"
        | "backup_now"
        | "promote_workspace"
        | "pull_workspace"
        | "settings_set_lang"
        | "security_set_passphrase"
        | "security_change_passphrase"
        | "security_remove_passphrase" => NONE,
        // Another workspace, or the same one replaced.
        "workspace_open"
        | "workspace_unlock"
        | "workspace_unlock_cancel"
        | "workspace_create"
        | "workspace_open_demo"
        | "workspace_create_from_template"
        | "backup_restore"
        | "workspace_setup"
        | "template_import"
        | "import_run"
        | "history_import_deals"
        | "history_import_orders" => ALL,
        // The conveyor's steps and hand-off cards.
        "step_add" | "step_update" | "step_archive" | "steps_reorder" => DEALS,
        "card_field_add" | "card_field_update" | "card_field_archive" | "card_fields_reorder" => &[Deal, Playbook],
        // Deals.
        "leads_make" => DEALS,
        "checklist_get" => NONE,
        // The moving-in checklist on Today ticks itself from these.
        "checklist_dismiss" | "setup_reviewed" | "document_save" => &[Today],
        "lead_create" | "deal_move" | "deal_hand_off" | "deal_win_first" | "deal_close" | "deal_reopen" | "deal_reschedule" | "deal_update" => DEALS,
        // Work logged or ticked off.
        "activity_log" | "activity_log_and_close" | "script_run_finish" | "task_complete" | "task_reopen" => WORK,
        "record_archive" | "record_restore" => RECORDS,
        // A deal's product and notes show in its panel only.
        "deal_notes_save" => &[Deal],
        "contact_update" | "company_update" | "company_set_parent" | "addresses_save" | "contact_channels_save" | "contact_details_save" => CLIENTS,
        // Tags, custom fields and merges (records move between clients; a merge archives one).
        "tags_list" | "tag_names" | "custom_fields_list" | "duplicates_list" => NONE,
        "tag_add" | "tag_remove" | "custom_values_set" => &[Today, Board, Clients, Profile],
        "custom_field_define" | "custom_field_update" | "custom_field_delete" => &[Clients, Profile],
        "records_merge" | "merge_undo" => RECORDS,
        // The playbook.
        "script_create"
        | "script_update"
        | "script_save_body"
        | "script_archive"
        | "scripts_reorder"
        | "script_block_add"
        | "script_block_update"
        | "script_block_delete"
        | "script_blocks_reorder"
        | "script_objection_add"
        | "script_objection_update"
        | "script_objection_delete" => &[Playbook],
        "regulation_create" | "regulation_update" | "regulation_archive" | "regulations_reorder" | "routines_generate" => &[Playbook, Today, Team],
        // People and roles.
        "person_create" | "person_update" | "role_give" | "role_take" | "role_reassign" | "role_handover_undo" => PEOPLE,
        "time_table_set" => &[Team],
        // Plans, ABC, reviews.
        "plan_params_set" | "plan_save" | "plan_approve" => &[Plan, Today, Reports, Playbook],
        "abc_apply" => &[Today, Clients, Profile, Plan, Reports],
        "review_start"
        | "review_save"
        | "review_close"
        | "review_reopen"
        | "review_issue_add"
        | "review_issue_update"
        | "review_issue_done"
        | "review_issue_carry"
        | "assessment_save" => &[Reports, Plan, Today],
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_to_a_deal_makes_every_view_showing_deals_stale() {
        for cmd in ["deal_update", "activity_log", "script_run_finish", "task_complete", "deal_win_first"] {
            let v = stale_after(cmd).unwrap();
            for view in [Today, Board, Profile, Deal, Clients] {
                assert!(v.contains(&view), "{cmd} must make {view:?} stale");
            }
        }
        // A won first deal shows in the client's purchase history (the profile).
        assert!(stale_after("deal_close").unwrap().contains(&Profile));
        assert!(stale_after("contact_update").unwrap().contains(&Board), "a contact's name is on the board cards");
    }

    #[test]
    fn reads_change_nothing_and_unknown_commands_refresh_everything() {
        assert_eq!(stale_after("board_get"), Some(NONE));
        assert_eq!(stale_after("deal_details"), Some(NONE));
        assert_eq!(stale_after("no_such_command"), None);
        assert_eq!(stale_after("workspace_open"), Some(ALL));
    }
}
