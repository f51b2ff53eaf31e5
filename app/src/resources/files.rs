//! Checks on an uploaded file before it is kept: a type we allow, named
//! by its extension, with content that really is that type, within the
//! size limit. The first bytes decide; a name alone is not trusted.

/// A file type people may upload, and how to recognise its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileType {
    pub extensions: &'static [&'static str],
    pub media_type: &'static str,
    pub label: &'static str,
    /// Shown in the browser rather than downloaded.
    pub inline: bool,
}

pub const ALLOWED: &[FileType] = &[
    FileType { extensions: &["pdf"], media_type: "application/pdf", label: "PDF", inline: false },
    FileType {
        extensions: &["docx"],
        media_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        label: "Word document",
        inline: false,
    },
    FileType {
        extensions: &["pptx"],
        media_type: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        label: "PowerPoint presentation",
        inline: false,
    },
    FileType { extensions: &["png"], media_type: "image/png", label: "PNG image", inline: true },
    FileType { extensions: &["jpg", "jpeg"], media_type: "image/jpeg", label: "JPEG image", inline: true },
    FileType { extensions: &["webp"], media_type: "image/webp", label: "WebP image", inline: true },
];

pub const ALLOWED_NAMES: &str = "PDF, Word (.docx), PowerPoint (.pptx), PNG, JPEG or WebP";

/// The type a media type names, for serving a kept file.
pub fn by_media_type(media_type: &str) -> Option<&'static FileType> {
    ALLOWED.iter().find(|t| t.media_type == media_type)
}

/// Whether `bytes` really are content of `kind`.
fn content_is(kind: &FileType, bytes: &[u8]) -> bool {
    let zip_with = |part: &[u8]| bytes.starts_with(b"PK\x03\x04") && contains(bytes, part);
    match kind.extensions[0] {
        "pdf" => bytes.starts_with(b"%PDF-"),
        "docx" => zip_with(b"word/document.xml"),
        "pptx" => zip_with(b"ppt/presentation.xml"),
        "png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "jpg" => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
        "webp" => bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
        _ => false,
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A file name safe to send back in a header: letters, digits, spaces,
/// dots, dashes and underscores, no folders, at most 100 characters.
pub fn tidy_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let kept: String = base
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') { c } else { '_' })
        .collect();
    let kept = kept.trim().trim_start_matches('.');
    let count = kept.chars().count();
    if count <= 100 {
        return kept.to_string();
    }
    // Keep the extension when shortening.
    match kept.rsplit_once('.') {
        Some((stem, ext)) if ext.len() <= 5 => format!("{}.{ext}", &stem[..100 - ext.len() - 1]),
        _ => kept[..100].to_string(),
    }
}

/// "240 KB", "3.4 MB".
pub fn size_label(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024).max(1))
    } else {
        let text = format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
        format!("{} MB", text.trim_end_matches(".0"))
    }
}

/// The type of an upload, or what is wrong with it, in words for the
/// person who chose the file.
pub fn check(name: &str, bytes: &[u8], max_bytes: u64) -> Result<&'static FileType, String> {
    if name.trim().is_empty() {
        return Err("Choose a file to upload.".into());
    }
    if bytes.is_empty() {
        return Err(format!("{name} is empty. Choose the file again."));
    }
    if bytes.len() as u64 > max_bytes {
        return Err(format!(
            "{name} is too big ({}). The largest file you can upload is {}.",
            size_label(bytes.len() as u64),
            size_label(max_bytes)
        ));
    }
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let kind = ALLOWED
        .iter()
        .find(|t| t.extensions.contains(&extension.as_str()))
        .ok_or_else(|| format!("{name} cannot be uploaded. The file must be a {ALLOWED_NAMES}."))?;
    if !content_is(kind, bytes) {
        return Err(format!(
            "{name} is named as a {} but its content is not one. Save it again as a {} and upload that.",
            kind.label, kind.label
        ));
    }
    Ok(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: u64 = 1024 * 1024;

    #[test]
    fn real_files_of_each_type_pass() {
        assert_eq!(check("notes.pdf", b"%PDF-1.7\n...", MB).unwrap().media_type, "application/pdf");
        assert_eq!(check("a.PNG", b"\x89PNG\r\n\x1a\nrest", MB).unwrap().label, "PNG image");
        assert_eq!(check("a.jpeg", &[0xFF, 0xD8, 0xFF, 0xE0, 0], MB).unwrap().media_type, "image/jpeg");
        assert_eq!(check("a.webp", b"RIFF\x10\0\0\0WEBPVP8 ", MB).unwrap().media_type, "image/webp");
        let docx = [b"PK\x03\x04".as_slice(), b"...[Content_Types].xml...word/document.xml..."].concat();
        assert!(check("plan.docx", &docx, MB).is_ok());
        assert!(check("plan.pptx", &docx, MB).is_err(), "a Word file named as slides");
    }

    #[test]
    fn content_that_does_not_match_its_name_is_refused() {
        let err = check("notes.pdf", b"<html><script>alert(1)</script>", MB).unwrap_err();
        assert!(err.contains("named as a PDF but its content is not one"), "{err}");
        assert!(check("photo.png", b"%PDF-1.4", MB).is_err());
        assert!(check("a.docx", b"PK\x03\x04 just a zip", MB).is_err());
    }

    #[test]
    fn other_types_empty_files_and_big_files_are_refused() {
        for name in ["page.html", "image.svg", "macro.docm", "run.exe", "noextension"] {
            let err = check(name, b"%PDF-1.4", MB).unwrap_err();
            assert!(err.contains("must be a PDF, Word"), "{name}: {err}");
        }
        assert!(check("a.pdf", b"", MB).unwrap_err().contains("is empty"));
        assert!(check("", b"%PDF-", MB).unwrap_err().contains("Choose a file"));
        let big = [b"%PDF-".as_slice(), &vec![b' '; MB as usize]].concat();
        let err = check("big.pdf", &big, MB).unwrap_err();
        assert_eq!(err, "big.pdf is too big (1 MB). The largest file you can upload is 1 MB.");
        assert!(check("fits.pdf", &big[..MB as usize], MB).is_ok());
    }

    #[test]
    fn names_lose_folders_and_odd_characters() {
        assert_eq!(tidy_name("C:\\Users\\me\\My notes (v2).pdf"), "My notes _v2_.pdf");
        assert_eq!(tidy_name("../../etc/passwd"), "passwd");
        assert_eq!(tidy_name("\"quoted\";.pdf"), "_quoted__.pdf");
        assert_eq!(tidy_name(".hidden.pdf"), "hidden.pdf");
        let long = format!("{}.pdf", "a".repeat(300));
        let tidy = tidy_name(&long);
        assert_eq!(tidy.len(), 100);
        assert!(tidy.ends_with(".pdf"));
    }

    #[test]
    fn sizes_read_plainly() {
        assert_eq!(size_label(1), "1 KB");
        assert_eq!(size_label(240 * 1024), "240 KB");
        assert_eq!(size_label(3 * MB + MB / 2), "3.5 MB");
        assert_eq!(size_label(10 * MB), "10 MB");
    }
}
