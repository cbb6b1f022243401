//! Where a command gets a passphrase: `ISMS_PASSPHRASE` (and `ISMS_NEW_PASSPHRASE` for a new
//! one when the old one is in `ISMS_PASSPHRASE`) for scripts, else typed at the terminal
//! without echo. Never from the command line, where other users and shell history would see it.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Result, bail};

use zeroize::Zeroizing;

use crate::Clock;
use crate::store::{Passphrase, Store, StoreError};

/// The passphrase of an existing workspace, for scripts.
pub const VAR: &str = "ISMS_PASSPHRASE";
/// The new passphrase of `isms rekey`, for scripts.
pub const NEW_VAR: &str = "ISMS_NEW_PASSPHRASE";

/// Attempts at a terminal before giving up.
const ATTEMPTS: usize = 3;

/// Opens the workspace at `path` on the command's clock (read here, where the command
/// starts), asking for its passphrase if it is encrypted.
pub(crate) fn open(path: &Path, read_only: bool) -> Result<Store> {
    let clock = Clock::at_start();
    match Store::open_with_clock(path, read_only, None, clock) {
        Err(StoreError::Encrypted(_)) => with_passphrase(path, |key| {
            Store::open_with_clock(path, read_only, Some(key), clock)
        }),
        opened => Ok(opened?),
    }
}

/// Runs `attempt` with the passphrase of `path`: the one in `ISMS_PASSPHRASE` once, or one
/// typed at the terminal, asked again after a wrong one.
pub(crate) fn with_passphrase<T>(
    path: &Path,
    attempt: impl Fn(&Passphrase) -> Result<T, StoreError>,
) -> Result<T> {
    if let Some(given) = from_env(VAR)? {
        return Ok(attempt(&given)?);
    }
    if !std::io::stdin().is_terminal() {
        bail!(StoreError::Encrypted(path.display().to_string()));
    }
    for left in (0..ATTEMPTS).rev() {
        let typed = rpassword::prompt_password(format!("Passphrase for {}: ", path.display()))?;
        let key = match Passphrase::new(typed) {
            Ok(key) => key,
            Err(e) if left > 0 => {
                eprintln!("{e}");
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        match attempt(&key) {
            Err(StoreError::WrongPassphrase(_)) if left > 0 => eprintln!("Wrong passphrase."),
            done => return Ok(done?),
        }
    }
    unreachable!("the last attempt returns")
}

/// A new passphrase: from `var` (still held to the rules for a new one), or typed twice at the
/// terminal, asked again while the two differ or break a rule.
pub(crate) fn new_passphrase(var: &str, for_what: &str) -> Result<Passphrase> {
    if let Some(text) = env_text(var)? {
        let repeated = Zeroizing::new(text.clone());
        return Passphrase::new_checked(text, &repeated).map_err(|e| anyhow::anyhow!("{var}: {e}"));
    }
    if !std::io::stdin().is_terminal() {
        bail!("{for_what}: type the new passphrase in a terminal, or give it in {var}");
    }
    eprintln!(
        "The passphrase is the only way into the file: there is no recovery. At least {} \
         characters; several words are easiest.",
        crate::domain::passphrase::MIN_CHARS
    );
    for left in (0..ATTEMPTS).rev() {
        let first = Zeroizing::new(rpassword::prompt_password(format!(
            "New passphrase for {for_what}: "
        ))?);
        // The rules first, so that a too short one is not typed twice in vain.
        let checked = match crate::domain::passphrase::check_new(&first, &first) {
            Ok(()) => {
                let second = Zeroizing::new(rpassword::prompt_password("The same again: ")?);
                Passphrase::new_checked(first.to_string(), &second)
            }
            Err(e) => Err(e.into()),
        };
        match checked {
            Ok(key) => return Ok(key),
            Err(e) if left > 0 => eprintln!("{e}"),
            Err(e) => return Err(e.into()),
        }
    }
    unreachable!("the last attempt returns")
}

fn from_env(var: &str) -> Result<Option<Passphrase>> {
    env_text(var)?
        .map(|text| Passphrase::new(text).map_err(|e| anyhow::anyhow!("{var}: {e}")))
        .transpose()
}

/// The text of the environment variable `var`, if it is set.
fn env_text(var: &str) -> Result<Option<String>> {
    std::env::var_os(var)
        .map(|text| {
            text.into_string()
                .map_err(|_| anyhow::anyhow!("{var}: expected text, got bytes that are not UTF-8"))
        })
        .transpose()
}

/// The passphrase of an existing workspace from `ISMS_PASSPHRASE`, if it is set (the app asks
/// itself when it is not).
pub(crate) fn given() -> Result<Option<Passphrase>> {
    from_env(VAR)
}
