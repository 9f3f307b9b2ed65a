//! The header entries of templates and translations, and each language's
//! plural rule (which `msgfmt --check` wants declared, even though guides
//! have no plural messages).

use super::po::Catalog;

/// An empty template's catalog for `project` (a guide's id or a shared
/// file's name), with the header fields `msgfmt --check` wants.
pub(crate) fn template(project: &str) -> Catalog {
    with_header(
        format!(
            "Texts of `{project}` to translate. Made by `unstuck translate extract`; do not edit."
        ),
        &[
            ("Project-Id-Version", project),
            ("PO-Revision-Date", ""),
            ("Last-Translator", ""),
            ("Language-Team", ""),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
        ],
    )
}

/// The header of a new translation into `lang` from `template`, dated
/// `date` (`YYYY-MM-DD HH:MM+ZZZZ`, as gettext writes it).
pub(crate) fn translation(template: &Catalog, lang: &str, date: &str) -> Catalog {
    let project = template.header_field("Project-Id-Version").unwrap_or("");
    with_header(
        format!(
            "Translation of `{project}` into `{lang}`. Update with `unstuck translate update {lang}`."
        ),
        &[
            ("Project-Id-Version", project),
            ("PO-Revision-Date", date),
            ("Last-Translator", ""),
            ("Language-Team", ""),
            ("Language", lang),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
            ("Plural-Forms", plural_forms(lang)),
        ],
    )
}

/// An empty catalog with this header comment and these fields.
fn with_header(comment: String, fields: &[(&str, &str)]) -> Catalog {
    let mut catalog = Catalog {
        header_comments: vec![comment],
        ..Catalog::default()
    };
    for (key, value) in fields {
        catalog.set_header_field(key, value);
    }
    catalog
}

/// The `Plural-Forms` header of a language, from the rules gettext's manual
/// lists; languages it does not know get the English rule.
pub fn plural_forms(lang: &str) -> &'static str {
    let base = lang.split(['-', '_']).next().unwrap_or(lang);
    match base {
        "ja" | "ko" | "zh" | "vi" | "th" | "id" | "ms" | "tr" => "nplurals=1; plural=0;",
        "fr" | "pt" if lang != "pt-PT" => "nplurals=2; plural=(n > 1);",
        "ar" => {
            "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
        }
        "ru" | "uk" | "be" | "sr" | "hr" | "bs" => {
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
        }
        "pl" => {
            "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
        }
        "cs" | "sk" => "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
        _ => "nplurals=2; plural=(n != 1);",
    }
}
