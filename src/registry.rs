//! The list of known workspaces (`workspaces.json` in the data directory): each file's path, its
//! organisation and when it was last opened, most recent first. It only helps to find files
//! again, so a missing or damaged list is treated as empty with a warning, never as an error.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::Clock;

/// The registry's file name inside the data directory.
pub const FILE_NAME: &str = "workspaces.json";

/// One known workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub path: PathBuf,
    pub organisation: String,
    /// ISO timestamp (`2026-03-31T14:05:00`) of the last time a command or the app opened it.
    pub last_opened: String,
    /// The folder the app last exported this workspace into, offered by the next export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_folder: Option<PathBuf>,
}

/// The known workspaces, the most recently opened first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registry {
    pub workspaces: Vec<Entry>,
    /// The app's theme as last chosen with its key (`auto`, `dark`, `light`, `high-contrast`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
}

/// An entry as listed: what `isms ls` and the picker show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub entry: Entry,
    /// The file's size, `None` when it no longer exists.
    pub size: Option<u64>,
    /// Whether the file looks encrypted (see [`crate::store::FileCheck::encrypted`]).
    pub encrypted: bool,
}

/// The platform data directory of isms (`~/.local/share/isms` on Linux).
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "isms").map(|d| d.data_dir().to_path_buf())
}

/// Where the registry lives by default.
pub fn default_path() -> Option<PathBuf> {
    data_dir().map(|d| d.join(FILE_NAME))
}

impl Registry {
    /// Reads the registry at `path`; a missing file is an empty registry, a damaged one is an
    /// empty registry and a warning that says what was wrong.
    pub fn load(path: &Path) -> (Registry, Option<String>) {
        let text = match fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (Registry::default(), None);
            }
            Err(e) => {
                return (
                    Registry::default(),
                    Some(format!(
                        "could not read the list of known workspaces {}: {e}; starting an empty list",
                        path.display()
                    )),
                );
            }
        };
        match serde_json::from_str(&text) {
            Ok(r) => (r, None),
            Err(e) => (
                Registry::default(),
                Some(format!(
                    "the list of known workspaces {} is damaged ({e}); starting an empty list",
                    path.display()
                )),
            ),
        }
    }

    /// Writes the registry to `path` atomically: a temporary file beside it, readable by its
    /// owner only, flushed to disk, then renamed over the old one, so that a crash leaves either
    /// the old list or the new one, never half of either.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)?;
        }
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(format!(".tmp-{}", std::process::id()));
        let tmp = PathBuf::from(tmp);
        let written = (|| {
            let mut options = OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(&tmp)?;
            let json = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
            file.write_all(json.as_bytes())?;
            file.write_all(b"\n")?;
            file.sync_all()?;
            fs::rename(&tmp, path)
        })();
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written
    }

    /// Notes that `path` of `organisation` was opened at `when`: it moves to the top.
    pub fn remember(&mut self, path: &Path, organisation: &str, when: &str) {
        let path = absolute(path);
        let export_folder = self.entry(&path).and_then(|e| e.export_folder.clone());
        self.workspaces.retain(|e| e.path != path);
        self.workspaces.insert(
            0,
            Entry {
                path,
                organisation: organisation.to_string(),
                last_opened: when.to_string(),
                export_folder,
            },
        );
    }

    /// The entry of the workspace at `path`, if the list knows it.
    fn entry(&self, path: &Path) -> Option<&Entry> {
        let path = absolute(path);
        self.workspaces.iter().find(|e| e.path == path)
    }

    /// The organisation the workspace at `path` was last opened as, if the list knows it: who
    /// a prompt is about before the file itself can be read.
    pub fn organisation(&self, path: &Path) -> Option<&str> {
        self.entry(path).map(|e| e.organisation.as_str())
    }

    /// The folder the workspace at `path` was last exported into, if any.
    pub fn export_folder(&self, path: &Path) -> Option<&Path> {
        self.entry(path).and_then(|e| e.export_folder.as_deref())
    }

    /// Takes `path` off the list (the entry, never the file) and returns what it was, `None`
    /// when the list does not know it. A file that is gone can no longer be resolved through
    /// links, so the path is also matched as given and through its folder.
    pub fn forget(&mut self, path: &Path) -> Option<Entry> {
        let mut names = vec![absolute(path), path.to_path_buf()];
        if let Ok(plain) = std::path::absolute(path) {
            names.push(plain);
        }
        if let (Some(dir), Some(name)) = (path.parent(), path.file_name()) {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            if let Ok(dir) = fs::canonicalize(dir) {
                names.push(dir.join(name));
            }
        }
        let at = self
            .workspaces
            .iter()
            .position(|e| names.contains(&e.path))?;
        Some(self.workspaces.remove(at))
    }

    /// The most recently opened workspace that still exists.
    pub fn last_existing(&self) -> Option<&Entry> {
        self.workspaces.iter().find(|e| e.path.is_file())
    }

    /// Each known workspace with its size, most recent first; missing files stay in the list.
    pub fn listings(&self) -> Vec<Listing> {
        self.workspaces
            .iter()
            .map(|e| Listing {
                entry: e.clone(),
                size: fs::metadata(&e.path)
                    .ok()
                    .filter(|m| m.is_file())
                    .map(|m| m.len()),
                encrypted: crate::store::inspect(&e.path).is_ok_and(|c| c.encrypted),
            })
            .collect()
    }
}

/// Loads the registry at `registry`, remembers `path`, and saves it. Returns a warning instead of
/// failing: a command or the app must work even when the list cannot be kept.
pub fn remember_at(
    registry: &Path,
    path: &Path,
    organisation: &str,
    clock: Clock,
) -> Option<String> {
    let (mut list, warning) = Registry::load(registry);
    list.remember(path, organisation, &clock.now_stamp());
    match list.save(registry) {
        Ok(()) => warning,
        Err(e) => Some(format!(
            "could not update the list of known workspaces {}: {e}",
            registry.display()
        )),
    }
}

/// Remembers `folder` as where the workspace at `path` was last exported, for the next export; a
/// warning if it could not. A workspace the list does not know is left alone.
pub fn remember_export_folder(registry: &Path, path: &Path, folder: &Path) -> Option<String> {
    let (mut list, warning) = Registry::load(registry);
    let path = absolute(path);
    let entry = list.workspaces.iter_mut().find(|e| e.path == path)?;
    entry.export_folder = Some(absolute(folder));
    match list.save(registry) {
        Ok(()) => warning,
        Err(e) => Some(format!(
            "could not remember the export folder in {}: {e}",
            registry.display()
        )),
    }
}

/// Remembers `theme` in the list at `registry`, for the next start; a warning if it could not.
pub fn remember_theme(registry: &Path, theme: &str) -> Option<String> {
    let (mut list, warning) = Registry::load(registry);
    list.theme = Some(theme.to_string());
    match list.save(registry) {
        Ok(()) => warning,
        Err(e) => Some(format!(
            "could not remember the theme in {}: {e}",
            registry.display()
        )),
    }
}

/// Why a workspace could not be taken off the list at `registry`.
#[derive(Debug, thiserror::Error)]
pub enum ForgetError {
    #[error("{0}: not in the list of known workspaces (`isms ls` shows them); nothing was changed")]
    Unknown(String),
    #[error("could not update the list of known workspaces {path}: {source}")]
    NotSaved {
        path: String,
        source: std::io::Error,
    },
}

/// Loads the registry at `registry`, takes `path` off it and saves it; the file itself is never
/// touched. Returns the entry taken off and any warning about the list as it was read.
pub fn forget_at(registry: &Path, path: &Path) -> Result<(Entry, Option<String>), ForgetError> {
    let (mut list, warning) = Registry::load(registry);
    let entry = list
        .forget(path)
        .ok_or_else(|| ForgetError::Unknown(path.display().to_string()))?;
    list.save(registry)
        .map_err(|source| ForgetError::NotSaved {
            path: registry.display().to_string(),
            source,
        })?;
    Ok((entry, warning))
}

/// The path as one string that names the same file from any folder.
fn absolute(path: &Path) -> PathBuf {
    fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// `2026-03-31 14:05` for a stored timestamp; anything unexpected is shown as it is.
pub fn shown_time(stamp: &str) -> String {
    match stamp.split_once('T') {
        Some((date, time)) => format!("{date} {}", time.get(..5).unwrap_or(time)),
        None => stamp.to_string(),
    }
}

/// A size as people read it, or `missing` for a file that is gone.
pub fn shown_size(size: Option<u64>) -> String {
    match size {
        None => "missing".into(),
        Some(b) => human_size(b),
    }
}

pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registry_survives_a_round_trip_most_recent_first() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("reg").join(FILE_NAME);
        let a = dir.path().join("a.isms");
        let b = dir.path().join("b.isms");
        fs::write(&a, b"x").unwrap();
        let mut r = Registry::default();
        r.remember(&a, "A GmbH", "2026-03-30T10:00:00");
        r.remember(&b, "B AG", "2026-03-31T09:00:00");
        r.remember(&a, "A GmbH", "2026-03-31T11:00:00");
        r.save(&file).unwrap();
        let (back, warning) = Registry::load(&file);
        assert_eq!(warning, None);
        assert_eq!(back, r);
        let orgs: Vec<&str> = back
            .workspaces
            .iter()
            .map(|e| e.organisation.as_str())
            .collect();
        assert_eq!(
            orgs,
            ["A GmbH", "B AG"],
            "opened again moves to the top, once"
        );
        assert_eq!(back.workspaces[0].last_opened, "2026-03-31T11:00:00");
        // b.isms does not exist: the last existing is a, and b is listed as missing.
        assert_eq!(back.last_existing().unwrap().organisation, "A GmbH");
        let listed = back.listings();
        assert_eq!(listed[0].size, Some(1));
        assert_eq!(listed[1].size, None);
        assert_eq!(shown_size(listed[1].size), "missing");
    }

    #[test]
    fn a_missing_or_damaged_registry_is_empty_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        assert_eq!(Registry::load(&file), (Registry::default(), None));
        for damage in ["", "{not json", "[1,2,3]", "{\"workspaces\": 7}"] {
            fs::write(&file, damage).unwrap();
            let (r, warning) = Registry::load(&file);
            assert_eq!(r, Registry::default(), "{damage:?}");
            let warning = warning.expect("a warning");
            assert!(warning.contains("damaged"), "{warning}");
        }
        // Remembering over a damaged list replaces it with a good one.
        let ws = dir.path().join("x.isms");
        let warning = remember_at(&file, &ws, "X", Clock::System);
        assert!(warning.is_some_and(|w| w.contains("damaged")));
        assert_eq!(Registry::load(&file).0.workspaces.len(), 1);
    }

    #[test]
    fn saving_replaces_the_file_atomically_and_privately() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        fs::write(&file, "old").unwrap();
        let mut r = Registry::default();
        r.remember(Path::new("/somewhere/a.isms"), "A", "2026-03-31T00:00:00");
        r.save(&file).unwrap();
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [FILE_NAME], "no temporary file is left behind");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // A save that cannot rename (the target is a folder) leaves no temporary file either.
        let blocked = dir.path().join("blocked");
        fs::create_dir_all(blocked.join("inside")).unwrap();
        assert!(r.save(&blocked).is_err());
        assert!(
            blocked.join("inside").is_dir(),
            "the old content is untouched"
        );
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 2, "only the registry and the folder");
    }

    #[test]
    fn forgetting_takes_the_entry_off_and_leaves_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        let a = dir.path().join("a.isms");
        let b = dir.path().join("b.isms");
        fs::write(&a, b"x").unwrap();
        fs::write(&b, b"y").unwrap();
        let mut r = Registry::default();
        r.remember(&a, "A GmbH", "2026-03-30T10:00:00");
        r.remember(&b, "B AG", "2026-03-31T09:00:00");
        r.save(&file).unwrap();

        let (gone, warning) = forget_at(&file, &a).unwrap();
        assert_eq!((gone.organisation.as_str(), warning), ("A GmbH", None));
        assert!(a.is_file(), "the file itself stays");
        let left = Registry::load(&file).0;
        assert_eq!(left.workspaces.len(), 1);
        assert_eq!(left.workspaces[0].organisation, "B AG");

        let again = forget_at(&file, &a).unwrap_err().to_string();
        assert!(
            again.contains("not in the list of known workspaces"),
            "{again}"
        );

        // A file that is gone is still found by the path it was remembered under.
        fs::remove_file(&b).unwrap();
        assert_eq!(forget_at(&file, &b).unwrap().0.organisation, "B AG");
        assert!(Registry::load(&file).0.workspaces.is_empty());
    }

    #[test]
    fn times_show_to_the_minute() {
        assert_eq!(shown_time("2026-03-31T14:05:09"), "2026-03-31 14:05");
        assert_eq!(shown_time("odd"), "odd");
    }

    #[test]
    fn the_export_folder_is_kept_per_workspace_across_opens() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        let (a, b) = (dir.path().join("a.isms"), dir.path().join("b.isms"));
        fs::write(&a, b"x").unwrap();
        fs::write(&b, b"x").unwrap();
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        let clock = Clock::Fixed(chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
        assert_eq!(remember_at(&file, &a, "A GmbH", clock), None);
        assert_eq!(remember_at(&file, &b, "B AG", clock), None);
        assert_eq!(remember_export_folder(&file, &a, &out), None);
        // Opening it again keeps the folder; the other workspace has none.
        assert_eq!(remember_at(&file, &a, "A GmbH", clock), None);
        let (list, _) = Registry::load(&file);
        assert_eq!(list.export_folder(&a), Some(absolute(&out).as_path()));
        assert_eq!(list.export_folder(&b), None);
        assert_eq!(list.organisation(&b), Some("B AG"));
        assert_eq!(list.organisation(&dir.path().join("other.isms")), None);
        // A workspace the list does not know is not added by an export.
        let c = dir.path().join("c.isms");
        fs::write(&c, b"x").unwrap();
        remember_export_folder(&file, &c, &out);
        assert_eq!(Registry::load(&file).0.workspaces.len(), 2);
    }
}
