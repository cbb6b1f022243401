//! A consultant's look for the deliverables: the name and logo the title page of a Word document
//! and the cover of an HTML export carry, set once per workspace (`isms brand`).

use serde::{Deserialize, Serialize};

use super::text::{Field, ValidationError};

pub mod field {
    use super::Field;

    pub const NAME: Field = Field::new("brand name");
    pub const LOGO: Field = Field::new("logo");
}

/// The largest logo taken: a title-page logo is a few kilobytes, and every export carries it.
pub const MAX_LOGO_BYTES: usize = 512 * 1024;

/// The widest or tallest logo taken, in pixels.
pub const MAX_LOGO_SIDE: u32 = 4096;

/// The longest brand name taken.
const MAX_NAME_CHARS: usize = 200;

const PNG_SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";

/// The brand of a workspace; empty when none is set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brand {
    /// Who prepared the documents (a consultancy), shown above the title; empty for none.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub logo: Option<Logo>,
}

/// The brand as the change log keeps it: the logo by its size, not its bytes (a logo is up to
/// half a megabyte, and every change would be logged twice over).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Logged {
    pub name: String,
    pub logo: Option<String>,
}

impl Brand {
    pub fn logged(&self) -> Logged {
        Logged {
            name: self.name.clone(),
            logo: self.logo.as_ref().map(Logo::describe),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.name.trim().is_empty() && self.logo.is_none()
    }

    /// The brand with its name trimmed, or the field at fault.
    pub fn validated(mut self) -> Result<Self, ValidationError> {
        self.name = self.name.trim().to_string();
        if self.name.chars().count() > MAX_NAME_CHARS {
            return Err(ValidationError::new(
                field::NAME,
                format!("is longer than {MAX_NAME_CHARS} characters"),
            ));
        }
        if self.name.chars().any(char::is_control) {
            return Err(ValidationError::new(
                field::NAME,
                "holds a control character or a line break",
            ));
        }
        // Read again from the image: a file's width and height are not taken on trust.
        if let Some(logo) = self.logo.take() {
            self.logo = Some(Logo::from_png(logo.png)?);
        }
        Ok(self)
    }
}

/// A PNG logo with its size in pixels, read from its header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Logo {
    #[serde(with = "base64_bytes")]
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

impl Logo {
    /// The logo if `bytes` are a PNG of a sane size: the signature, an `IHDR` chunk first with a
    /// width and height from 1 to [`MAX_LOGO_SIDE`], and at most [`MAX_LOGO_BYTES`].
    pub fn from_png(png: Vec<u8>) -> Result<Self, ValidationError> {
        let bad = |why: &str| Err(ValidationError::new(field::LOGO, why));
        if png.len() > MAX_LOGO_BYTES {
            return bad(&format!(
                "is larger than {} KiB, the most a logo may be",
                MAX_LOGO_BYTES / 1024
            ));
        }
        if !png.starts_with(PNG_SIGNATURE) {
            return bad("is not a PNG image (its first bytes are not a PNG signature)");
        }
        // The IHDR chunk: length (4), type (4), width (4), height (4), big-endian.
        let Some(ihdr) = png.get(8..24) else {
            return bad("is a PNG cut short before its header");
        };
        if &ihdr[4..8] != b"IHDR" {
            return bad("is a damaged PNG: its header chunk is missing");
        }
        let side = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        let (width, height) = (side(&ihdr[8..12]), side(&ihdr[12..16]));
        if width == 0 || height == 0 || width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE {
            return bad(&format!(
                "is {width}x{height} pixels; a logo may be at most {MAX_LOGO_SIDE} pixels a side"
            ));
        }
        Ok(Self { png, width, height })
    }

    /// `PNG, 300x100 pixels, 12 KiB`.
    pub fn describe(&self) -> String {
        format!(
            "PNG, {}x{} pixels, {} KiB",
            self.width,
            self.height,
            self.png.len().div_ceil(1024)
        )
    }

    /// The logo scaled to fit `max_w` x `max_h` (any unit), keeping its proportions; a small
    /// logo is not enlarged beyond its pixels taken as that unit.
    pub fn fit(&self, max_w: u32, max_h: u32) -> (u32, u32) {
        let (w, h) = (u64::from(self.width), u64::from(self.height));
        let scale_w = u64::from(max_w) * h;
        let scale_h = u64::from(max_h) * w;
        // Whichever bound binds first: width when max_w/w < max_h/h.
        let (fw, fh) = if scale_w <= scale_h {
            (u64::from(max_w), u64::from(max_w) * h / w)
        } else {
            (u64::from(max_h) * w / h, u64::from(max_h))
        };
        (
            u32::try_from(fw).unwrap_or(max_w).max(1),
            u32::try_from(fh).unwrap_or(max_h).max(1),
        )
    }
}

/// The logo's bytes as base64 in JSON (settings and the workspace file).
mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        STANDARD.decode(text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest PNG header of a `w` x `h` image (enough for these checks).
    pub fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = PNG_SIGNATURE.to_vec();
        b.extend(13u32.to_be_bytes());
        b.extend(b"IHDR");
        b.extend(w.to_be_bytes());
        b.extend(h.to_be_bytes());
        b.extend([8, 6, 0, 0, 0]);
        b
    }

    #[test]
    fn a_png_is_taken_with_its_size() {
        let logo = Logo::from_png(png(300, 100)).unwrap();
        assert_eq!((logo.width, logo.height), (300, 100));
    }

    #[test]
    fn other_files_are_refused_naming_the_logo() {
        for bytes in [
            b"GIF89a........................".to_vec(),
            PNG_SIGNATURE.to_vec(),
            png(0, 10),
            png(5000, 10),
        ] {
            let e = Logo::from_png(bytes).unwrap_err();
            assert_eq!(e.field, field::LOGO);
        }
        let mut big = png(10, 10);
        big.resize(MAX_LOGO_BYTES + 1, 0);
        assert!(
            Logo::from_png(big)
                .unwrap_err()
                .message
                .contains("larger than 512 KiB")
        );
    }

    #[test]
    fn a_logo_fits_its_box_keeping_proportions() {
        let logo = Logo::from_png(png(400, 100)).unwrap();
        assert_eq!(logo.fit(200, 200), (200, 50));
        assert_eq!(logo.fit(1000, 50), (200, 50));
    }

    #[test]
    fn a_name_is_one_line() {
        let brand = Brand {
            name: "  Acme\nConsulting ".into(),
            logo: None,
        };
        assert_eq!(brand.validated().unwrap_err().field, field::NAME);
        let brand = Brand {
            name: " Acme Consulting ".into(),
            logo: None,
        };
        assert_eq!(brand.validated().unwrap().name, "Acme Consulting");
    }

    #[test]
    fn the_log_keeps_the_logo_by_its_size() {
        let brand = Brand {
            name: "Acme".into(),
            logo: Some(Logo::from_png(png(3, 2)).unwrap()),
        };
        assert_eq!(
            brand.logged().logo.as_deref(),
            Some("PNG, 3x2 pixels, 1 KiB")
        );
    }

    #[test]
    fn the_logo_survives_json() {
        let brand = Brand {
            name: "Acme".into(),
            logo: Some(Logo::from_png(png(3, 2)).unwrap()),
        };
        let json = serde_json::to_string(&brand).unwrap();
        assert_eq!(serde_json::from_str::<Brand>(&json).unwrap(), brand);
    }
}
