//! The language the CLI writes the core's messages in: the system's
//! (`LC_ALL`, `LC_MESSAGES`, then `LANG`, as POSIX orders them). The stable
//! error code stays as it is, so scripts keep working in every language.

use conveyor_core::model::Lang;
use conveyor_core::usecases::session::lang_from_locale;

pub fn message_lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|v| std::env::var(v).ok()).find(|v| !v.is_empty()).map_or(Lang::En, |v| lang_from_locale(&v))
}
