//! The limits of Developer Hub's registration form for a public app, tab by tab: what the form refuses, and what
//! the app review asks for.
//!
//! Pipedrive's docs, *Registering a public app*: <https://pipedrive.readme.io/docs/marketplace-registering-the-app>,
//! and *App approval process* (its checklist): <https://pipedrive.readme.io/docs/marketplace-app-approval-process>.

/// Characters in the app's name. Pipedrive documents no limit; pdx warns past 50, where Marketplace lists cut
/// names short (pdx's choice, not Pipedrive's rule).
pub const MAX_APP_NAME_CHARS: usize = 50;

/// Most categories of one app ("App category" in *General info*). The current page says "choose categories";
/// the form allows two.
pub const MAX_CATEGORIES: usize = 2;

/// Characters in the short summary (*General info*, required).
pub const MAX_SHORT_SUMMARY_CHARS: usize = 150;

/// Characters in the full description (*General info*, required).
pub const MAX_LISTING_DESCRIPTION_CHARS: usize = 1500;

/// Characters in the setup instructions ("Instructions for users", *Setup and installation*).
pub const MAX_SETUP_INSTRUCTIONS_CHARS: usize = 1500;

/// Characters in the use case the reviewers read (*App review info*; not public).
pub const MAX_USE_CASE_CHARS: usize = 350;

/// Bytes of the icon or of one listing image: "max 10 MB". pdx reads MB as 10,000,000 bytes, the stricter
/// reading, so a file it accepts is accepted whichever Developer Hub means.
pub const MAX_IMAGE_BYTES: u64 = 10_000_000;

/// Smallest icon side in pixels ("min 256x256 px"); the icon is square (1:1).
pub const MIN_ICON_PX: u32 = 256;

/// Fewest listing images the form takes ("1 required").
pub const MIN_LISTING_IMAGES: usize = 1;

/// Most listing images the form takes ("max 5").
pub const MAX_LISTING_IMAGES: usize = 5;

/// Fewest listing images the app review expects ("3-5 high-quality images"): fewer is a warning.
pub const MIN_REVIEWED_LISTING_IMAGES: usize = 3;

/// A listing image's aspect ratio, width to height ("16:10 aspect ratio").
pub const LISTING_IMAGE_RATIO: (u32, u32) = (16, 10);

/// The listing image sizes Pipedrive recommends ("the bigger, the better"); others of the right ratio are a
/// warning.
pub const LISTING_IMAGE_SIZES: &[(u32, u32)] =
    &[(1280, 800), (1440, 900), (2560, 1600), (2880, 1800)];

/// The image kinds the form takes ("PNG, JPG"), by the extension pdx gives the exported file.
pub const IMAGE_KINDS: &[&str] = &["png", "jpg"];

/// Hosts of the one video link the form takes: "We currently support only Youtube video links".
pub const VIDEO_HOSTS: &[&str] = &[
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtu.be",
];

/// The three installation flows the app review tests, `(id, what the user has)`; all are mandatory
/// (*App installation flows*: <https://pipedrive.readme.io/docs/app-installation-flows>).
pub const INSTALL_SCENARIOS: &[(&str, &str)] = &[
    (
        "no_account",
        "no account with the app: the install creates one, then finishes",
    ),
    (
        "logged_out",
        "an account but not logged in: the install logs in, then finishes",
    ),
    (
        "logged_in",
        "an account and logged in: the install recognizes the user and finishes",
    ),
];
