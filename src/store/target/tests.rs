use super::*;

#[test]
fn the_workspace_and_every_file_beside_it_are_its_own() {
    let w = OsStr::new("g.isms");
    for name in [
        "g.isms",
        "g.isms-wal",
        "g.isms-shm",
        "g.isms-journal",
        "g.isms.lock",
        "g.isms.converting",
        "g.isms.converting-wal",
        "g.isms.bak-v1",
        "g.isms.bak-v12-wal",
    ] {
        assert!(is_sibling_name(OsStr::new(name), w), "{name}");
    }
    for name in [
        "g.isms.bak-v",
        "g.isms.bak-vx",
        "g.isms2",
        "g.isms.csv",
        "h.isms",
        "g.ism",
    ] {
        assert!(!is_sibling_name(OsStr::new(name), w), "{name}");
    }
}

#[test]
fn the_workspace_is_refused_however_it_is_spelled() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("g.isms");
    fs::write(&ws, b"workspace").unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    let odd = dir.path().join("sub/../g.isms");
    let lock = dir.path().join("g.isms.lock");
    let backup = dir.path().join("g.isms.bak-v1");
    for target in [&ws, &odd, &lock, &backup] {
        let err = check(target, Some(&ws), Existing::Replace).unwrap_err();
        assert!(matches!(err, TargetError::OntoWorkspace { .. }), "{err}");
        assert!(err.to_string().contains("g.isms"), "{err}");
    }
    assert_eq!(fs::read(&ws).unwrap(), b"workspace");
}

#[cfg(unix)]
#[test]
fn a_hard_link_and_a_symlinked_folder_are_the_workspace_too() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("g.isms");
    fs::write(&ws, b"workspace").unwrap();
    let link = dir.path().join("other.json");
    fs::hard_link(&ws, &link).unwrap();
    let err = check(&link, Some(&ws), Existing::Replace).unwrap_err();
    assert!(matches!(err, TargetError::OntoWorkspace { .. }), "{err}");
    let via = dir.path().join("via");
    std::os::unix::fs::symlink(dir.path(), &via).unwrap();
    let err = check(&via.join("g.isms-wal"), Some(&ws), Existing::Replace).unwrap_err();
    assert!(matches!(err, TargetError::OntoWorkspace { .. }), "{err}");
}

#[test]
fn an_existing_file_is_replaced_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.md");
    write(&target, None, Existing::Refuse, b"one").unwrap();
    let err = write(&target, None, Existing::Refuse, b"two").unwrap_err();
    assert!(err.to_string().contains("--force replaces it"), "{err}");
    assert_eq!(fs::read(&target).unwrap(), b"one");
    write(&target, None, Existing::Replace, b"two").unwrap();
    assert_eq!(fs::read(&target).unwrap(), b"two");
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file stays behind");
}

#[test]
fn a_workspace_open_in_another_isms_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.isms");
    fs::write(&other, b"a workspace").unwrap();
    let held = crate::store::lock::acquire(&other, "alice").unwrap();
    assert!(held.is_some());
    let err = write(&other, None, Existing::Replace, b"an export").unwrap_err();
    assert!(
        matches!(err, TargetError::OpenElsewhere { .. }) && err.to_string().contains("alice"),
        "{err}"
    );
    assert_eq!(fs::read(&other).unwrap(), b"a workspace");
    drop(held);
    write(&other, None, Existing::Replace, b"an export").unwrap();
    assert_eq!(fs::read(&other).unwrap(), b"an export");
}

#[cfg(unix)]
#[test]
fn a_replaced_file_ends_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.md");
    fs::write(&target, b"old").unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).unwrap();
    write(&target, None, Existing::Replace, b"new").unwrap();
    let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[cfg(unix)]
#[test]
fn a_symlink_a_fifo_and_a_missing_folder_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.md");
    fs::write(&real, b"mine").unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let err = write(&link, None, Existing::Replace, b"x").unwrap_err();
    assert!(matches!(err, TargetError::Symlink(_)), "{err}");
    assert_eq!(fs::read(&real).unwrap(), b"mine");

    let missing = dir.path().join("nowhere/out.md");
    let err = write(&missing, None, Existing::Replace, b"x").unwrap_err();
    assert!(matches!(err, TargetError::NoFolder { .. }), "{err}");
    assert!(err.to_string().contains("nowhere"), "{err}");

    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let err = write(&fifo, None, Existing::Replace, b"x").unwrap_err();
        assert!(matches!(err, TargetError::NotAFile(_)), "{err}");
    }
}
