//! What an auditor looks for on paper: the SoA as issued (`export soa --version N`) with its
//! approval, the live SoA as a draft that marks what changed since, the risk methodology as
//! its own export and in the report, and the acceptances in full.

mod common;

use std::path::Path;

use common::{Sandbox, export, text};

/// The export's one-line error and exit code 1; nothing written.
fn refused(sb: &Sandbox, db: &Path, args: &[&str]) -> String {
    let out_dir = sb.path("refused");
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut all = vec!["--db", db.to_str().unwrap(), "export"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", out_dir.to_str().unwrap()]);
    let run = sb.run(&all);
    assert_eq!(run.code(), Some(1), "{args:?}");
    assert_eq!(
        std::fs::read_dir(&out_dir).unwrap().count(),
        0,
        "{args:?} wrote nothing"
    );
    run.stderr()
}

#[test]
fn the_issued_soa_v1_prints_its_approval_and_its_stored_rows() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let out = sb.path("v1.md");
    export(&sb, &db, &["soa", "--version", "1"], &out);
    let md = text(&out);
    assert!(md.contains("**Approved by:** Karin Nordmann"), "{md}");
    assert!(md.contains("# Statement of Applicability v1"), "{md}");
    // A.8.12 was undecided when v1 was issued; the SoA as it stands decided it since.
    assert!(
        md.contains("| A.8.12 | Data leakage prevention | Undecided |"),
        "{md}"
    );
    assert!(
        !md.contains("Changed since"),
        "an issued version is not a draft"
    );
    insta::assert_snapshot!("soa_v1_md", md);
    // `v1` names the same version, and every document format carries the approver.
    for format in ["html", "xlsx", "json"] {
        let out = sb.path(&format!("v1.{format}"));
        export(
            &sb,
            &db,
            &["soa", "--version", "v1", "--format", format],
            &out,
        );
        if format != "xlsx" {
            assert!(text(&out).contains("Karin Nordmann"), "{format}");
        }
    }
    let folder = sb.path("deliverables");
    std::fs::create_dir(&folder).unwrap();
    let written = export(
        &sb,
        &db,
        &["soa", "--version", "1", "--format", "md"],
        &folder,
    );
    assert_eq!(written, [folder.join("soa-v1.md")]);
}

#[test]
fn an_unknown_version_names_the_versions_there_are() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let e = refused(&sb, &db, &["soa", "--version", "7", "--format", "md"]);
    assert_eq!(
        e.trim(),
        "isms: --version: there is no SoA version v7; the only issued version is v1"
    );
    let e = refused(&sb, &db, &["soa", "--version", "seven", "--format", "md"]);
    assert!(e.contains("'seven' is not an SoA version"), "{e}");
    let e = refused(&sb, &db, &["risks", "--version", "1", "--format", "md"]);
    assert!(e.contains("--version: only the SoA"), "{e}");
    let e = refused(&sb, &db, &["soa", "--version", "1", "--format", "csv"]);
    assert!(e.contains("xlsx, md, html, json or docx"), "{e}");
    // A workspace that never issued its SoA says so.
    let empty = sb.path("empty.isms");
    sb.run(&["new", empty.to_str().unwrap(), "--org", "Acme"])
        .success();
    let e = refused(&sb, &empty, &["soa", "--version", "1", "--format", "md"]);
    assert!(e.contains("no version has been issued yet"), "{e}");
}

#[test]
fn the_live_soa_is_a_draft_after_v1_and_marks_the_rows_changed_since() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let out = sb.path("soa.md");
    export(&sb, &db, &["soa"], &out);
    let md = text(&out);
    assert!(
        md.contains("# Statement of Applicability (draft after v1)"),
        "{md}"
    );
    assert!(md.contains("| Changed since v1 |"), "{md}");
    let column = md
        .lines()
        .find(|l| l.starts_with("| Control |"))
        .and_then(|h| h.split('|').position(|c| c.trim() == "Changed since v1"))
        .expect("the SoA table marks the changed rows");
    let marked: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("| A.") || l.starts_with("| C-"))
        .filter(|l| {
            l.split('|')
                .nth(column)
                .is_some_and(|c| !c.trim().is_empty())
        })
        .map(|l| l.split('|').nth(1).unwrap().trim())
        .collect();
    assert_eq!(marked, ["A.5.21", "A.8.12", "C-001"], "{md}");
    assert!(md.contains("**Controls changed since v1:** 3"), "{md}");
}

#[test]
fn the_methodology_of_the_demo_as_its_own_document() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let out = sb.path("methodology.md");
    export(&sb, &db, &["methodology"], &out);
    let md = text(&out);
    for needle in [
        "## Likelihood scale (5)",
        "## Impact scale (5)",
        "| L5 almost certain | medium | high | critical | critical | critical |",
        "| critical | no | Top management | 3 | Above the acceptance criteria",
        "## Protection-need scale (3)",
    ] {
        assert!(md.contains(needle), "{needle}\n{md}");
    }
    insta::assert_snapshot!("methodology_md", md);
    let json = sb.path("methodology.json");
    export(&sb, &db, &["methodology"], &json);
    let v: serde_json::Value = serde_json::from_str(&text(&json)).unwrap();
    assert_eq!(v["what"], "methodology");
    assert_eq!(
        v["registers"]["risk-levels"][3]["authority"],
        "Top management"
    );
    assert_eq!(v["registers"]["risk-matrix"].as_array().unwrap().len(), 5);
    for format in ["html", "xlsx"] {
        let out = sb.path(&format!("methodology.{format}"));
        export(&sb, &db, &["methodology", "--format", format], &out);
        assert!(std::fs::metadata(&out).unwrap().len() > 0);
    }
    let e = refused(&sb, &db, &["methodology", "--format", "csv"]);
    assert!(
        e.contains("use --format xlsx, md, html, json or docx"),
        "{e}"
    );
}

#[test]
fn the_report_states_the_methodology_the_acceptances_and_a_self_check() {
    let sb = Sandbox::new();
    let db = sb.demo();
    let out = sb.path("report.md");
    export(&sb, &db, &["report"], &out);
    let md = text(&out);
    let at = |heading: &str| {
        md.find(heading)
            .unwrap_or_else(|| panic!("{heading} missing"))
    };
    // The methodology before the assets and risks it rates; the acceptances after the risks.
    assert!(at("## Risk matrix (5)") < at("## Assets (30)"));
    assert!(at("## Risks (20)") < at("## Risk acceptances (3)"));
    assert!(md.contains("## Readiness self-check ("), "{md}");
    assert!(
        md.contains("Readiness self-check (not an audit): major"),
        "{md}"
    );
    assert!(!md.contains("## Findings"), "{md}");
    // The self-check says what to do, not where in the app: no screen, view or key.
    let check = &md[at("## Readiness self-check (")..];
    assert!(check.contains("| Name a risk owner |"), "{check}");
    for app in ["screen", " view)", "press", "save its form"] {
        assert!(!check.contains(app), "{app}: {check}");
    }
}

#[test]
fn acceptances_in_full_expired_ones_too() {
    let sb = Sandbox::new();
    let db = sb.demo();
    for what in ["risks", "treatment-plan"] {
        let out = sb.path(&format!("{what}.md"));
        export(&sb, &db, &[what], &out);
        let md = text(&out);
        assert!(
            md.contains(
                "| Risk | Risk title | Accepted by | Accepted on | Authority | Residual level accepted | Until | State |"
            ),
            "{what}: {md}"
        );
        // R-014's acceptance ran out on 2026-01-31: still listed, marked expired.
        let r014 = md
            .lines()
            .find(|l| l.starts_with("| R-014 | Compromise of the legacy FTP server | Karin"))
            .unwrap_or_else(|| panic!("{what}: R-014 missing\n{md}"));
        for needle in [
            "2025-02-03",
            "Top management",
            "medium",
            "2026-01-31",
            "Expired",
        ] {
            assert!(r014.contains(needle), "{needle}: {r014}");
        }
        // The note, a long text, follows the table in the acceptance's block.
        assert!(
            md.contains(
                "### R-014 · Compromise of the legacy FTP server\n\n- **Note:** Temporary acceptance"
            ),
            "{what}: {md}"
        );
    }
    // A csv of one register stays one file that imports back.
    let csv = sb.path("risks.csv");
    assert_eq!(
        export(&sb, &db, &["risks"], &csv),
        std::slice::from_ref(&csv)
    );
}
