//! A contact's phones and e-mails with their kinds, edited in the profile.

use super::Shell;
use conveyor_core::usecases::channels::{self, ChannelInput, ContactChannels};

commands! {
    /// Replaces a contact's phones and e-mails (kinds, the preferred one); a fax or pager is never the number to call.
    fn contact_channels_save(shell, contact_id: i64, phones: Vec<ChannelInput>, emails: Vec<ChannelInput>) -> ContactChannels {
        let Shell { session, clock, .. } = shell;
        channels::save_contact_channels(session.store_mut()?, clock, contact_id, &phones, &emails)
    }
}
