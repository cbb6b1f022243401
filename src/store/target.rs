//! Where and how isms may write a file: exports, backups, new and imported workspaces. One rule
//! for all of them, because each way around it lost someone's data:
//!
//! - never onto the workspace being read, nor onto a file that belongs to it (`-wal`, `-shm`,
//!   `-journal`, `.lock`, `.converting`, `.bak-vN`), however the path is spelled: the folder is
//!   resolved (symlinks followed) and an existing file is compared by device and inode;
//! - never through a symbolic link at the target, never into a missing folder, never onto a
//!   directory, FIFO or device;
//! - never over an existing file unless the user said so (`--force`, or yes in the app);
//! - always whole: written to a temporary file in the target's folder, flushed, renamed into
//!   place and the folder flushed, so that a full disk, an error or a kill leaves the old file or
//!   none, never half of one. The result is readable by its owner only, also when it replaced a
//!   file that was not.

use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::{NamedTempFile, TempPath};

/// What to do when the target exists already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse, touching nothing: the default.
    Refuse,
    /// Replace it: the user asked to (`--force`, or yes in the app).
    Replace,
}

impl Existing {
    /// `--force` given or not.
    pub fn replace_if(force: bool) -> Self {
        if force {
            Existing::Replace
        } else {
            Existing::Refuse
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    #[error(
        "{target}: is the workspace {workspace} or one of its own files; nothing was written, choose another path"
    )]
    OntoWorkspace { target: String, workspace: String },
    #[error("{0}: already exists; nothing was written (--force replaces it)")]
    Exists(String),
    #[error("{folder}: already holds {files}; nothing was written (--force replaces them)")]
    SomeExist { folder: String, files: String },
    #[error("{0}: is a symbolic link; isms never writes through one, give the path it points to")]
    Symlink(String),
    #[error("{path}: the folder {folder} does not exist; create it first")]
    NoFolder { path: String, folder: String },
    #[error("{target}: is a workspace open in another isms ({holder}); nothing was written")]
    OpenElsewhere { target: String, holder: String },
    #[error("{0}: is a directory, FIFO or device, not a file; nothing was written")]
    NotAFile(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> TargetError + '_ {
    move |source| TargetError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Checks that `target` may be written: see the module's rules. `workspace` is the workspace the
/// command reads (its files are never a target). Returns whether the target exists.
pub fn check(
    target: &Path,
    workspace: Option<&Path>,
    existing: Existing,
) -> Result<bool, TargetError> {
    let shown = || target.display().to_string();
    let exists = match fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_symlink() => return Err(TargetError::Symlink(shown())),
        Ok(m) if !m.is_file() => return Err(TargetError::NotAFile(shown())),
        Ok(_) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(io(target)(e)),
    };
    let resolved = resolved(target)?;
    if let Some(workspace) = workspace
        && belongs_to_workspace(&resolved, exists, workspace)
    {
        return Err(TargetError::OntoWorkspace {
            target: shown(),
            workspace: workspace.display().to_string(),
        });
    }
    if exists && existing == Existing::Refuse {
        return Err(TargetError::Exists(shown()));
    }
    // `--force` replaces a file, never a workspace that another isms is working in.
    if exists && let Some(holder) = super::lock::holder(target) {
        return Err(TargetError::OpenElsewhere {
            target: shown(),
            holder,
        });
    }
    Ok(exists)
}

/// The folder of `path`, or `.` for a bare file name.
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `target` with its folder resolved (symlinks followed, `..` taken), refused when the folder
/// is missing.
fn resolved(target: &Path) -> Result<PathBuf, TargetError> {
    let folder = folder_of(target);
    let name = target
        .file_name()
        .ok_or_else(|| TargetError::NotAFile(target.display().to_string()))?;
    let missing = || TargetError::NoFolder {
        path: target.display().to_string(),
        folder: folder.display().to_string(),
    };
    match fs::canonicalize(folder) {
        Ok(f) if f.is_dir() => Ok(f.join(name)),
        Ok(_) => Err(missing()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(missing()),
        Err(e) => Err(io(folder)(e)),
    }
}

/// Whether the resolved `target` is `workspace` or one of its files, by name in the same folder
/// (as given and with the workspace's own symlinks followed, since SQLite names its journals
/// after the real file) or, for an existing target, by device and inode (hard links).
fn belongs_to_workspace(target: &Path, exists: bool, workspace: &Path) -> bool {
    let mut spellings = Vec::new();
    if let Ok(given) = resolved(workspace) {
        spellings.push(given);
    }
    if let Ok(real) = fs::canonicalize(workspace) {
        spellings.push(real);
    }
    let named = spellings.iter().any(|ws| {
        target.parent() == ws.parent()
            && matches!((target.file_name(), ws.file_name()), (Some(t), Some(w)) if is_sibling_name(t, w))
    });
    named || (exists && same_file_as_any(target, &spellings))
}

/// `name` is `workspace` itself or a file SQLite or isms keeps beside it.
fn is_sibling_name(name: &OsStr, workspace: &OsStr) -> bool {
    let Some(rest) = name
        .as_encoded_bytes()
        .strip_prefix(workspace.as_encoded_bytes())
    else {
        return false;
    };
    const FIXED: [&[u8]; 9] = [
        b"",
        b"-wal",
        b"-shm",
        b"-journal",
        b".lock",
        b".converting",
        b".converting-wal",
        b".converting-shm",
        b".converting-journal",
    ];
    if FIXED.contains(&rest) {
        return true;
    }
    // `.bak-vN` and its write-ahead log, copied before schema N was migrated.
    rest.strip_prefix(b".bak-v").is_some_and(|version| {
        let digits = version.strip_suffix(b"-wal").unwrap_or(version);
        !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)
    })
}

/// Whether the existing `target` is, by device and inode, any file that belongs to a workspace
/// in `spellings` (a hard link to it has another name).
#[cfg(unix)]
fn same_file_as_any(target: &Path, spellings: &[PathBuf]) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = fs::metadata(target) else {
        return false;
    };
    let id = (meta.dev(), meta.ino());
    spellings.iter().any(|ws| {
        let (Some(folder), Some(name)) = (ws.parent(), ws.file_name()) else {
            return false;
        };
        let Ok(entries) = fs::read_dir(folder) else {
            return false;
        };
        entries.flatten().any(|entry| {
            is_sibling_name(&entry.file_name(), name)
                && fs::metadata(entry.path()).is_ok_and(|m| (m.dev(), m.ino()) == id)
        })
    })
}

#[cfg(not(unix))]
fn same_file_as_any(_target: &Path, _spellings: &[PathBuf]) -> bool {
    false
}

/// Writes `bytes` to `target` by the module's rules.
pub fn write(
    target: &Path,
    workspace: Option<&Path>,
    existing: Existing,
    bytes: &[u8],
) -> Result<(), TargetError> {
    check(target, workspace, existing)?;
    let mut temp = temp_beside(target)?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(io(target))?;
    put_in_place(temp.into_temp_path(), target, existing)
}

/// A new, empty temporary file in `target`'s folder, readable by its owner only; removed when
/// dropped unless it is put in place. Its name starts with a dot and the target's name.
pub fn temp_beside(target: &Path) -> Result<NamedTempFile, TargetError> {
    let name = target.file_name().unwrap_or(OsStr::new("isms"));
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    builder.tempfile_in(folder_of(target)).map_err(io(target))
}

/// Renames the flushed `temp` to `target`: over an existing file only when `existing` says so
/// (checked again by the rename itself, so a file that appeared meanwhile is not lost), then
/// flushes the folder so that the rename survives a power cut.
pub fn put_in_place(temp: TempPath, target: &Path, existing: Existing) -> Result<(), TargetError> {
    let placed = match existing {
        Existing::Replace => temp.persist(target),
        Existing::Refuse => temp.persist_noclobber(target),
    };
    placed.map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => TargetError::Exists(target.display().to_string()),
        _ => io(target)(e.error),
    })?;
    sync_folder(target);
    Ok(())
}

/// Flushes the folder of `path`. Where folders cannot be opened the rename is still atomic, only
/// perhaps not yet on disk.
pub fn sync_folder(path: &Path) {
    if let Ok(folder) = File::open(folder_of(path)) {
        let _ = folder.sync_all();
    }
}

#[cfg(test)]
mod tests;
