//! Scripts, edited block by block, and the objection search.

use super::Shell;
use conveyor_core::model::Stage;
use conveyor_core::playbook::template::{Objection, ScriptBody};
use conveyor_core::store::scripts::{Script, ScriptVersion};
use conveyor_core::usecases::scripts::{self, BlockInput, ObjectionHit, ScriptInput};

commands! {
    /// The scripts of all stages, each with its current version.
    fn scripts_list(shell) -> Vec<Script> {
        scripts::list_scripts(shell.session.store()?)
    }

    /// One script with its current version.
    fn script_get(shell, script_id: i64) -> Script {
        scripts::get_script(shell.session.store()?, script_id)
    }

    /// Every saved version of a script, newest first.
    fn script_versions(shell, script_id: i64) -> Vec<ScriptVersion> {
        scripts::script_versions(shell.session.store()?, script_id)
    }

    /// A new script (with one opening block).
    fn script_create(shell, input: ScriptInput) -> Script {
        let Shell { session, clock, .. } = shell;
        scripts::create_script(session.store_mut()?, clock, &input)
    }

    /// Renames a script, changes its stage or purpose.
    fn script_update(shell, script_id: i64, input: ScriptInput) -> Script {
        let Shell { session, clock, .. } = shell;
        scripts::update_script(session.store_mut()?, clock, script_id, &input)
    }

    /// Saves a script's whole content as a new version.
    fn script_save_body(shell, script_id: i64, body: ScriptBody) -> Script {
        let Shell { session, clock, .. } = shell;
        scripts::save_script_body(session.store_mut()?, clock, script_id, &body)
    }

    /// Archives a script.
    fn script_archive(shell, script_id: i64) -> () {
        let Shell { session, clock, .. } = shell;
        scripts::archive_script(session.store_mut()?, clock, script_id)
    }

    /// Puts a stage's scripts in a new order.
    fn scripts_reorder(shell, stage: Stage, ids: Vec<i64>) -> Vec<Script> {
        scripts::reorder_scripts(shell.session.store_mut()?, stage, &ids)
    }

    /// Adds a block after another (at the end when `after` is null); a new version.
    fn script_block_add(shell, script_id: i64, block: BlockInput, after: Option<String>) -> Script {
        let Shell { session, clock, .. } = shell;
        scripts::add_block(session.store_mut()?, clock, script_id, &block, after.as_deref())
    }

    /// Edits a block (text, branches, captures); a new version.
    fn script_block_update(shell, script_id: i64, key: String, block: BlockInput) -> Script {
        let Shell { session, clock, .. } = shell;
        scripts::update_block(session.store_mut()?, clock, script_id, &key, &block)
    }

    /// Deletes a block and the branches that led to it; a new version.
    fn script_block_delete(shell, script_id: i64, key: String) -> Script {
        let Shell { session, clock, .. } = shell;
        scripts::delete_block(session.store_mut()?, clock, script_id, &key)
    }

    /// Puts the blocks in a new order; a new version.
    fn script_blocks_reorder(shell, script_id: i64, keys: Vec<String>) -> Script {
        let Shell { session, clock, .. } = shell;
        scripts::reorder_blocks(session.store_mut()?, clock, script_id, &keys)
    }

    /// Adds an objection with its answers; a new version.
    fn script_objection_add(shell, script_id: i64, objection: Objection) -> Script {
        let Shell { session, clock, .. } = shell;
        scripts::add_objection(session.store_mut()?, clock, script_id, &objection)
    }

    /// Edits an objection; a new version.
    fn script_objection_update(shell, script_id: i64, index: u32, objection: Objection) -> Script {
        let Shell { session, clock, .. } = shell;
        scripts::update_objection(session.store_mut()?, clock, script_id, index, &objection)
    }

    /// Deletes an objection; a new version.
    fn script_objection_delete(shell, script_id: i64, index: u32) -> Script {
        let Shell { session, clock, .. } = shell;
        scripts::delete_objection(session.store_mut()?, clock, script_id, index)
    }

    /// The runner's quick search over objections and answers.
    fn objections_search(shell, query: String, script_id: Option<i64>, stage: Option<Stage>) -> Vec<ObjectionHit> {
        scripts::search_objections(shell.session.store()?, &query, script_id, stage)
    }

    /// The objection search in a call: every stage's answers, the call's own stage first.
    fn objections_search_in_call(shell, query: String, stage: Stage) -> Vec<ObjectionHit> {
        scripts::search_objections_in_call(shell.session.store()?, &query, stage)
    }
}
