//! Who `pdx preview serve` answers: only the page it serves, at the address it serves it on.
//!
//! The preview signs requests with the app's secret and forwards them, so any page the user has open could use it
//! to act on the app. Two doors are closed here, for every route:
//! - **DNS rebinding**: a site whose name is made to point at 127.0.0.1 reaches this server under its own name.
//!   A request is answered only when its `Host` (and the request target's authority, if it has one) is an
//!   address the server is reachable at: `127.0.0.1:PORT` or `localhost:PORT`; anything else gets 421.
//! - **Cross-origin requests**: a request whose `Origin` is present and is not the served origin, or whose
//!   `Sec-Fetch-Site` says another site sent it (`cross-site`, or `same-site` for another port of the same host),
//!   gets 403. The one exception is opening the page itself (`GET /`), which any link may do: the page only draws.
//!
//! No response carries CORS headers, and every response forbids framing (clicks on the page cannot be borrowed by
//! another site), cross-origin reads of its bytes and caching.

use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_TYPE, HOST, HeaderMap, HeaderName, HeaderValue, ORIGIN,
};
use axum::http::{Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use std::sync::Arc;

/// The addresses the preview is reachable at, as a `Host` header and as an `Origin` name them.
#[derive(Debug)]
pub(super) struct Served {
    /// `127.0.0.1:PORT` first (the address printed), then `localhost:PORT`; without the port too on port 80.
    authorities: Vec<String>,
}

/// Why a request is not answered.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Refusal {
    pub(super) status: StatusCode,
    /// What the terminal is told: `for another host`, `from another site`.
    pub(super) why: &'static str,
    /// The answer's body.
    pub(super) message: String,
}

impl Served {
    /// The addresses of a server listening on the loopback `addr`.
    pub(super) fn new(addr: SocketAddr) -> Served {
        let port = addr.port();
        let ip = match addr {
            SocketAddr::V4(a) => a.ip().to_string(),
            SocketAddr::V6(a) => format!("[{}]", a.ip()),
        };
        let mut authorities = Vec::new();
        for host in [ip.as_str(), "localhost"] {
            authorities.push(format!("{host}:{port}"));
            if port == 80 {
                authorities.push(host.to_owned());
            }
        }
        Served { authorities }
    }

    /// The page's URL, as printed.
    pub(super) fn url(&self) -> String {
        format!("http://{}/", self.authorities[0])
    }

    fn is_served(&self, authority: &str) -> bool {
        self.authorities
            .iter()
            .any(|a| a.eq_ignore_ascii_case(authority))
    }

    fn is_served_origin(&self, origin: &str) -> bool {
        origin
            .strip_prefix("http://")
            .is_some_and(|authority| self.is_served(authority))
    }

    /// Whether to answer a request: `Ok` for the page's own requests, else the refusal.
    pub(super) fn admit(
        &self,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
    ) -> Result<(), Refusal> {
        let mut hosts = headers.get_all(HOST).iter().peekable();
        let named = hosts.peek().is_some() || uri.authority().is_some();
        let foreign_host = hosts.any(|h| !h.to_str().is_ok_and(|h| self.is_served(h)))
            || uri.authority().is_some_and(|a| !self.is_served(a.as_str()));
        if !named || foreign_host {
            return Err(Refusal {
                status: StatusCode::MISDIRECTED_REQUEST,
                why: "for another host",
                message: format!(
                    "pdx preview answers only requests for {}: this request names another host \
                     (a web page whose name was pointed at this machine?)",
                    self.url()
                ),
            });
        }
        let foreign_origin = headers
            .get_all(ORIGIN)
            .iter()
            .any(|o| !o.to_str().is_ok_and(|o| self.is_served_origin(o)));
        let other_site = headers
            .get(SEC_FETCH_SITE)
            .is_some_and(|s| s == "cross-site" || s == "same-site");
        let opens_the_page = (method == Method::GET || method == Method::HEAD) && uri.path() == "/";
        if foreign_origin || (other_site && !opens_the_page) {
            return Err(Refusal {
                status: StatusCode::FORBIDDEN,
                why: "from another site",
                message: format!(
                    "pdx preview answers only its own page ({}): this request was sent by another site",
                    self.url()
                ),
            });
        }
        Ok(())
    }
}

const SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");

/// Set on every response: no caching (answers hold signed URLs), no framing, no reading by other origins.
const EVERY_RESPONSE: [(HeaderName, &str); 5] = [
    (CACHE_CONTROL, "no-store"),
    (HeaderName::from_static("x-frame-options"), "DENY"),
    (
        HeaderName::from_static("content-security-policy"),
        "frame-ancestors 'none'",
    ),
    (
        HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    ),
    (HeaderName::from_static("x-content-type-options"), "nosniff"),
];

/// The middleware: refuses what [`Served::admit`] refuses, and sets the headers every response carries.
pub(super) async fn guard(
    State(served): State<Arc<Served>>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = match served.admit(request.method(), request.uri(), request.headers()) {
        Ok(()) => next.run(request).await,
        Err(refusal) => {
            // The reason only: the request's own values stay out of the terminal.
            eprintln!(
                "pdx preview: refused a request {} ({})",
                refusal.why,
                refusal.status.as_u16()
            );
            let mut r = (refusal.status, refusal.message).into_response();
            r.headers_mut().insert(
                CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            );
            r
        }
    };
    for (name, value) in EVERY_RESPONSE {
        response
            .headers_mut()
            .insert(name, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn served() -> Served {
        Served::new(SocketAddr::from(([127, 0, 0, 1], 7878)))
    }

    fn admit(method: Method, target: &str, headers: &[(&str, &str)]) -> Result<(), StatusCode> {
        let mut map = HeaderMap::new();
        for (k, v) in headers {
            map.append(
                HeaderName::from_bytes(k.as_bytes()).expect("name"),
                HeaderValue::from_str(v).expect("value"),
            );
        }
        let uri: Uri = target.parse().expect("uri");
        served().admit(&method, &uri, &map).map_err(|r| r.status)
    }

    const MISDIRECTED: Result<(), StatusCode> = Err(StatusCode::MISDIRECTED_REQUEST);
    const FORBIDDEN: Result<(), StatusCode> = Err(StatusCode::FORBIDDEN);

    #[test]
    fn only_the_served_host_is_answered() {
        for host in ["127.0.0.1:7878", "localhost:7878", "LOCALHOST:7878"] {
            assert_eq!(admit(Method::GET, "/", &[("host", host)]), Ok(()), "{host}");
        }
        for host in [
            "evil.example:7878",
            "evil.example",
            "127.0.0.1",
            "127.0.0.1:7879",
            "localhost.evil.example:7878",
            "[::1]:7878",
            "127.0.0.1:7878.evil.example",
        ] {
            assert_eq!(
                admit(Method::GET, "/", &[("host", host)]),
                MISDIRECTED,
                "{host}"
            );
        }
        assert_eq!(admit(Method::GET, "/", &[]), MISDIRECTED, "no Host at all");
        assert_eq!(
            admit(
                Method::GET,
                "/",
                &[("host", "127.0.0.1:7878"), ("host", "evil.example:7878")]
            ),
            MISDIRECTED,
            "a second Host header"
        );
        assert_eq!(
            admit(
                Method::GET,
                "http://evil.example:7878/",
                &[("host", "127.0.0.1:7878")]
            ),
            MISDIRECTED,
            "the request target's authority wins over Host"
        );
        assert_eq!(
            admit(
                Method::GET,
                "http://127.0.0.1:7878/api/0/panel",
                &[("host", "127.0.0.1:7878")]
            ),
            Ok(())
        );
    }

    #[test]
    fn cross_origin_requests_are_refused() {
        let host = ("host", "127.0.0.1:7878");
        let submit = "/api/1/modal/submit";
        assert_eq!(
            admit(Method::POST, submit, &[host]),
            Ok(()),
            "no Origin: not a browser"
        );
        assert_eq!(
            admit(
                Method::POST,
                submit,
                &[
                    host,
                    ("origin", "http://127.0.0.1:7878"),
                    ("sec-fetch-site", "same-origin")
                ]
            ),
            Ok(())
        );
        assert_eq!(
            admit(
                Method::POST,
                submit,
                &[host, ("origin", "http://localhost:7878")]
            ),
            Ok(())
        );
        for origin in [
            "https://evil.example",
            "http://evil.example:7878",
            "null",
            "https://127.0.0.1:7878",
            "http://127.0.0.1:3000",
            "http://127.0.0.1:7878.evil.example",
        ] {
            assert_eq!(
                admit(Method::POST, submit, &[host, ("origin", origin)]),
                FORBIDDEN,
                "{origin}"
            );
            assert_eq!(
                admit(Method::GET, "/api/0/panel", &[host, ("origin", origin)]),
                FORBIDDEN,
                "{origin}"
            );
            assert_eq!(
                admit(Method::DELETE, "/", &[host, ("origin", origin)]),
                FORBIDDEN,
                "{origin}"
            );
        }
        for site in ["cross-site", "same-site"] {
            let fetch = ("sec-fetch-site", site);
            assert_eq!(
                admit(Method::POST, submit, &[host, fetch]),
                FORBIDDEN,
                "{site}"
            );
            assert_eq!(admit(Method::PUT, "/", &[host, fetch]), FORBIDDEN, "{site}");
            assert_eq!(
                admit(Method::GET, "/api/0/panel", &[host, fetch]),
                FORBIDDEN,
                "{site}: an <img> calls the app"
            );
            assert_eq!(
                admit(Method::GET, "/", &[host, fetch]),
                Ok(()),
                "{site}: a link opens the page"
            );
        }
        assert_eq!(
            admit(
                Method::GET,
                "/api/0/panel",
                &[host, ("sec-fetch-site", "same-origin")]
            ),
            Ok(())
        );
        assert_eq!(
            admit(Method::GET, "/", &[host, ("sec-fetch-site", "none")]),
            Ok(()),
            "typed in the address bar"
        );
    }

    #[test]
    fn the_served_addresses() {
        assert_eq!(served().url(), "http://127.0.0.1:7878/");
        let on_80 = Served::new(SocketAddr::from(([127, 0, 0, 1], 80)));
        assert!(on_80.is_served("127.0.0.1") && on_80.is_served("localhost:80"));
        assert!(on_80.is_served_origin("http://localhost"));
        let v6 = Served::new("[::1]:7878".parse().expect("addr"));
        assert_eq!(v6.url(), "http://[::1]:7878/");
        assert!(v6.is_served("localhost:7878") && !v6.is_served("127.0.0.1:7878"));
    }
}
