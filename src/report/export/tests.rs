use super::*;

#[test]
fn codes_parse_and_name_the_choices() {
    assert_eq!("treatment-plan".parse::<What>(), Ok(What::TreatmentPlan));
    assert_eq!("md".parse::<ExportFormat>(), Ok(ExportFormat::Markdown));
    assert_eq!(
        "Markdown".parse::<ExportFormat>(),
        Ok(ExportFormat::Markdown)
    );
    let err = "pdf".parse::<ExportFormat>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "'pdf' is not known; expected xlsx, csv, md, html, json or docx"
    );
}

#[test]
fn the_workspace_exports_only_as_json() {
    assert_eq!(What::Workspace.formats(), [ExportFormat::Json]);
    assert_eq!(What::Soa.formats().len(), 6);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("w.isms"), "Acme GmbH").unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let err = export(
        &store,
        What::Workspace,
        ExportFormat::Xlsx,
        &dir.path().join("w.xlsx"),
        today,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "workspace cannot be exported as xlsx; use --format json"
    );
    assert!(!dir.path().join("w.xlsx").exists());
}

#[test]
fn an_empty_workspace_exports_in_every_format_and_names_who_when_and_which_soa() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("w.isms"), "Acme GmbH").unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    for &format in ExportFormat::ALL {
        let out = dir.path().join(format!("report-{}", format.as_str()));
        let files = export(&store, What::Report, format, &out, today).unwrap();
        assert!(!files.is_empty(), "{format}");
        if matches!(
            format,
            ExportFormat::Markdown | ExportFormat::Html | ExportFormat::Json
        ) {
            let text = std::fs::read_to_string(&files[0]).unwrap();
            for needle in ["Acme GmbH", "2026-03-31", "SoA not yet issued"] {
                assert!(text.contains(needle), "{format}: {needle}");
            }
        }
    }
}
