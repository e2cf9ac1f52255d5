//! Addresses of companies and contacts, edited in the profile.

use super::Shell;
use conveyor_core::address::{Address, AddressInput, AddressOwner};
use conveyor_core::usecases::addresses;

commands! {
    /// Replaces the addresses of a company or a contact with the given list, in order.
    fn addresses_save(shell, owner: AddressOwner, addresses: Vec<AddressInput>) -> Vec<Address> {
        let Shell { session, clock, .. } = shell;
        addresses::save_addresses(session.store_mut()?, clock, owner, &addresses)
    }
}
