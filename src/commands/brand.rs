//! `isms brand [FILE] --logo PNG --organisation NAME | --clear`: the name and logo that the
//! title page of Word exports and the cover of HTML exports carry.

use std::io::{Read, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::domain::brand::{Brand, Logo, MAX_LOGO_BYTES};
use crate::domain::text::shown;
use crate::store::Store;

/// What the command line asks to change.
pub struct Change {
    pub logo: Option<PathBuf>,
    pub name: Option<String>,
    pub clear: bool,
}

impl Change {
    pub fn is_none(&self) -> bool {
        self.logo.is_none() && self.name.is_none() && !self.clear
    }
}

/// Applies `change` to the stored brand and says what is set now.
pub fn set(out: &mut impl Write, store: &mut Store, change: Change) -> Result<()> {
    let mut brand = if change.clear {
        Brand::default()
    } else {
        store.brand()?
    };
    if let Some(name) = change.name {
        brand.name = name;
    }
    if let Some(path) = &change.logo {
        brand.logo = Some(read_logo(path)?);
    }
    let brand = store.edit(|w| w.set_brand(brand))?;
    print(out, &brand)
}

/// The PNG at `path`, read no further than the size limit.
fn read_logo(path: &PathBuf) -> Result<Logo> {
    let shown_path = shown(&path.display().to_string());
    let file = std::fs::File::open(path).with_context(|| format!("--logo {shown_path}"))?;
    let mut png = Vec::new();
    file.take(MAX_LOGO_BYTES as u64 + 1)
        .read_to_end(&mut png)
        .with_context(|| format!("--logo {shown_path}"))?;
    Logo::from_png(png).with_context(|| format!("--logo {shown_path}"))
}

/// The brand in one line each for the name and the logo.
pub fn print(out: &mut impl Write, brand: &Brand) -> Result<()> {
    if brand.is_empty() {
        writeln!(
            out,
            "No brand set: exports carry the organisation only. `isms brand --organisation NAME \
             --logo FILE.png` adds a name and a logo to Word title pages and HTML covers."
        )?;
        return Ok(());
    }
    let name = if brand.name.is_empty() {
        "none".to_string()
    } else {
        shown(&brand.name)
    };
    writeln!(out, "Prepared by: {name}")?;
    match &brand.logo {
        Some(logo) => writeln!(out, "Logo: {}", logo.describe())?,
        None => writeln!(out, "Logo: none")?,
    }
    Ok(())
}
