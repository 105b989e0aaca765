//! The small HTML pages the install routes answer a browser with. Everything interpolated is HTML-escaped.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

pub use crate::server::escape_html;

/// A page with a title, a message and optionally a link, all given as plain text.
pub fn page(
    status: StatusCode,
    title: &str,
    message: &str,
    link: Option<(&str, &str)>,
) -> Response {
    let link = link.map_or_else(String::new, |(href, label)| {
        format!(
            "<p><a href=\"{}\">{}</a></p>",
            escape_html(href),
            escape_html(label)
        )
    });
    let html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>\
         <body style=\"font-family: sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem\">\
         <h1>{title}</h1><p>{message}</p>{link}</body></html>\n",
        title = escape_html(title),
        message = escape_html(message),
    );
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_is_escaped() {
        assert_eq!(
            escape_html(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }
}
