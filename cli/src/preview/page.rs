//! One self-contained HTML page: the inline stylesheet and script, and the data they draw embedded as JSON.

use pdx::panel::limits;
use serde_json::{Value, json};

const CSS: &str = include_str!("assets/preview.css");
/// The script: one strict-mode function around the helpers, the panel, the modal and the pages.
const JS: &str = concat!(
    "(function () {\n\"use strict\";\n",
    include_str!("assets/common.js"),
    include_str!("assets/panel.js"),
    include_str!("assets/modal.js"),
    include_str!("assets/pages.js"),
    "})();\n"
);

/// The page for `data` (drawn by the script), titled `title`. The script also gets the lengths after which
/// Pipedrive truncates panel texts, from the library's limits.
pub(crate) fn html(title: &str, data: &Value) -> String {
    let mut data = data.clone();
    if let Some(obj) = data.as_object_mut() {
        obj.insert(
            "limits".to_owned(),
            json!({
                "text": limits::MAX_TEXT_CHARS,
                "label": limits::MAX_LABEL_CHARS,
                "linkLabel": limits::MAX_EXTERNAL_LINK_LABEL_CHARS,
            }),
        );
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; \
         script-src 'unsafe-inline'; connect-src 'self'; img-src data:\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<div id=\"pdx-root\"></div>\n\
         <script type=\"application/json\" id=\"pdx-preview-data\">{}</script>\n<script>\n{JS}</script>\n\
         </body>\n</html>\n",
        escape_text(title),
        script_json(&data)
    )
}

/// JSON that cannot end its `<script>` element nor open a comment in it: `<`, `>` and `&` are written as JSON
/// `\u` escapes (the same string to `JSON.parse`), and so are the line separators JavaScript once rejected.
pub(crate) fn script_json(data: &Value) -> String {
    let text = serde_json::to_string(data).unwrap_or_else(|_| "null".to_owned());
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Text for an HTML element's content.
pub(crate) fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_its_script() {
        let data = json!({"label": "</script><script>alert(1)</script>", "c": "<!-- & \u{2028}"});
        let text = script_json(&data);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert!(!text.contains('\u{2028}'));
        let back: Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, data);
    }

    #[test]
    fn the_page_is_self_contained() {
        let page = html("A <b>", &json!({"page": "panel"}));
        assert!(page.contains("<title>A &lt;b&gt;</title>"));
        assert!(!page.contains("src=\"http") && !page.contains("href=\"http"));
        assert_eq!(page.matches("</script>").count(), 2);
    }
}
