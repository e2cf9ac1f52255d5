//! The passphrase of the open workspace.

use conveyor_core::store::Passphrase;
use conveyor_core::usecases::session::AppSession;

commands! {
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
}
