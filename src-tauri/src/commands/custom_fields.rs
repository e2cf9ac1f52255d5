//! The workspace's custom fields and their values.

use super::Shell;
use conveyor_core::model::ClientKind;
use conveyor_core::store::custom_fields::CustomField;
use conveyor_core::usecases::custom_fields::{self, FieldInput, FieldValue, ValueInput};

commands! {
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
}
