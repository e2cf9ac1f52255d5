//! A contact's details beside its names, edited in the profile.

use super::Shell;
use conveyor_core::contact_details::ContactDetails;
use conveyor_core::usecases::contact_details;

commands! {
    /// Replaces a contact's details beside its names (display name, additional name, nickname, department, role, website).
    fn contact_details_save(shell, contact_id: i64, details: ContactDetails) -> ContactDetails {
        let Shell { session, clock, .. } = shell;
        contact_details::save_contact_details(session.store_mut()?, clock, contact_id, &details)
    }
}
