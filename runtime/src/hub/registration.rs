//! The rest of Developer Hub's registration form for a public app, typed: the tabs pdx cannot derive from the
//! app's routes (Pipedrive's docs, *Registering a public app*:
//! <https://pipedrive.readme.io/docs/marketplace-registering-the-app>).
//!
//! The form's tabs, in order, and where each value comes from:
//!
//! | tab | values | from |
//! | --- | --- | --- |
//! | Basic info | app name, callback URL | [`AppExtensions::name`](super::AppExtensions::name); the app's OAuth callback route on its public URL |
//! | OAuth & access scopes | scopes (each with a reason), installation URL | [`Registration::scope`], [`Registration::installation_url`] |
//! | App extensions | every extension | the app's extensions |
//! | App settings | external link or custom UI | [`AppExtensions::settings_url`](super::AppExtensions::settings_url) or a custom UI extension of kind settings |
//! | General info | built by, categories, short summary, icon, listing images, description, video | [`Listing`] |
//! | Setup and installation | instructions for users | [`Registration::setup_instructions`] |
//! | Support and legal info | website, terms of service, privacy policy, pricing, support, documentation, issue tracker | [`SupportLinks`] |
//! | App review info | main contact email, use case, installation flows tested, recording | [`Registration::contact_email`], [`Registration::use_case`], [`Registration::tested`] |

use crate::scope::Scope;
use std::path::PathBuf;
use std::sync::Arc;

/// One scope the app asks for, with why it needs it (written in the export, for the reviewers and for whoever
/// changes the app next).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredScope {
    /// The scope.
    pub scope: Scope,
    /// Why the app needs it: which calls use it.
    pub reason: String,
}

/// The three installation flows the app review tests (Pipedrive's docs, *App installation flows*:
/// <https://pipedrive.readme.io/docs/app-installation-flows>). All are mandatory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum InstallScenario {
    /// The user has no account with the app: the install creates one, then finishes.
    NoAccount,
    /// The user has an account but is logged out: the install logs them in, then finishes.
    LoggedOut,
    /// The user has an account and is logged in: the install finishes.
    LoggedIn,
}

impl InstallScenario {
    /// Every scenario, in the order of [`crate::format::registration::INSTALL_SCENARIOS`].
    pub const ALL: [InstallScenario; 3] = [
        InstallScenario::NoAccount,
        InstallScenario::LoggedOut,
        InstallScenario::LoggedIn,
    ];

    fn row(self) -> (&'static str, &'static str) {
        let index = Self::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or_default();
        pdx_format::registration::INSTALL_SCENARIOS[index]
    }

    /// The id written in `manifest.json` (e.g. `no_account`).
    pub fn id(self) -> &'static str {
        self.row().0
    }

    /// What the user has and what the install must do.
    pub fn description(self) -> &'static str {
        self.row().1
    }

    /// The scenario with this id.
    pub fn from_id(id: &str) -> Option<InstallScenario> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// An image to upload (the icon or a listing image): a file, read when the app is checked and exported, or bytes
/// (e.g. `include_bytes!`). PNG or JPG, recognized by its bytes, not its name.
#[derive(Debug, Clone)]
pub struct Image {
    pub(crate) source: ImageSource,
}

#[derive(Debug, Clone)]
pub(crate) enum ImageSource {
    File(PathBuf),
    Bytes(Arc<[u8]>),
}

impl Image {
    /// An image file. A relative path is read from the working directory (for `cargo test`, the package's
    /// root).
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Self {
            source: ImageSource::File(path.into()),
        }
    }

    /// An image from bytes, e.g. `Image::bytes(include_bytes!("../assets/icon.png"))`: nothing to find at run
    /// time.
    pub fn bytes(bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            source: ImageSource::Bytes(Arc::from(bytes.into())),
        }
    }

    /// Where the image comes from, for messages.
    pub(crate) fn describe(&self) -> String {
        match &self.source {
            ImageSource::File(path) => format!("`{}`", path.display()),
            ImageSource::Bytes(bytes) => format!("the {}-byte image", bytes.len()),
        }
    }
}

/// The *General info* tab: what the Marketplace listing shows.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub(crate) built_by: Option<String>,
    pub(crate) categories: Vec<String>,
    pub(crate) short_summary: String,
    pub(crate) description: String,
    pub(crate) icon: Option<Image>,
    pub(crate) images: Vec<Image>,
    pub(crate) video_url: Option<String>,
}

impl Listing {
    /// A listing with its short summary (at most 150 characters; include the app's name and "Pipedrive") and
    /// full description (at most 1,500 characters).
    pub fn new(short_summary: impl Into<String>, description: impl Into<String>) -> Self {
        Self {
            short_summary: short_summary.into(),
            description: description.into(),
            ..Self::default()
        }
    }

    /// "Built by": the company that develops the app. Developer Hub takes it from your Company settings; pdx
    /// lists it in the sheet to check.
    pub fn built_by(mut self, company: impl Into<String>) -> Self {
        self.built_by = Some(company.into());
        self
    }

    /// Adds a category, as named in Developer Hub's drop-down (at most 2).
    pub fn category(mut self, category: impl Into<String>) -> Self {
        self.categories.push(category.into());
        self
    }

    /// The app icon: PNG or JPG, square, at least 256×256 px, at most 10 MB.
    pub fn icon(mut self, icon: Image) -> Self {
        self.icon = Some(icon);
        self
    }

    /// Adds a listing image: PNG or JPG, 16:10, at most 10 MB; 1 to 5 of them (the review expects 3 to 5).
    pub fn image(mut self, image: Image) -> Self {
        self.images.push(image);
        self
    }

    /// The YouTube video link (one; Developer Hub takes only YouTube).
    pub fn video_url(mut self, url: impl Into<String>) -> Self {
        self.video_url = Some(url.into());
        self
    }
}

/// The *Support and legal info* tab. Website, terms of service and privacy policy are required; the rest are
/// optional, though the review expects a pricing page and a way to reach support.
#[derive(Debug, Clone, Default)]
pub struct SupportLinks {
    pub(crate) website: String,
    pub(crate) terms_of_service: String,
    pub(crate) privacy_policy: String,
    pub(crate) pricing: Option<String>,
    pub(crate) support_url: Option<String>,
    pub(crate) support_email: Option<String>,
    pub(crate) documentation: Option<String>,
    pub(crate) issue_tracker: Option<String>,
}

impl SupportLinks {
    /// The three required links (https).
    pub fn new(
        website: impl Into<String>,
        terms_of_service: impl Into<String>,
        privacy_policy: impl Into<String>,
    ) -> Self {
        Self {
            website: website.into(),
            terms_of_service: terms_of_service.into(),
            privacy_policy: privacy_policy.into(),
            ..Self::default()
        }
    }

    /// The pricing page.
    pub fn pricing(mut self, url: impl Into<String>) -> Self {
        self.pricing = Some(url.into());
        self
    }

    /// The support site.
    pub fn support_url(mut self, url: impl Into<String>) -> Self {
        self.support_url = Some(url.into());
        self
    }

    /// The support email address.
    pub fn support_email(mut self, email: impl Into<String>) -> Self {
        self.support_email = Some(email.into());
        self
    }

    /// The documentation site.
    pub fn documentation(mut self, url: impl Into<String>) -> Self {
        self.documentation = Some(url.into());
        self
    }

    /// The issue tracker.
    pub fn issue_tracker(mut self, url: impl Into<String>) -> Self {
        self.issue_tracker = Some(url.into());
        self
    }
}

/// The registration form's values that are not the app's extensions (see the module docs for the tabs).
///
/// Attach it with [`AppExtensions::registration`](super::AppExtensions::registration) (or `App::registration`);
/// [`AppExtensions::check`](super::AppExtensions::check) then applies every rule of the form, and the export
/// writes it in `manifest.json` and as the registration sheet `DEVELOPER_HUB.md`.
#[derive(Debug, Clone, Default)]
pub struct Registration {
    pub(crate) scopes: Vec<DeclaredScope>,
    pub(crate) installation_url: Option<String>,
    pub(crate) callback_url: Option<String>,
    pub(crate) listing: Listing,
    pub(crate) setup_instructions: Option<String>,
    pub(crate) support: SupportLinks,
    pub(crate) contact_email: Option<String>,
    pub(crate) use_case: Option<String>,
    pub(crate) tested: Vec<InstallScenario>,
    pub(crate) recording_url: Option<String>,
}

impl Registration {
    /// An empty form: [`AppExtensions::check`](super::AppExtensions::check) lists what is missing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks for `scope`, saying why (which of the app's calls need it). Ask for the fewest: the user accepts all
    /// or none.
    pub fn scope(mut self, scope: Scope, reason: impl Into<String>) -> Self {
        self.scopes.push(DeclaredScope {
            scope,
            reason: reason.into(),
        });
        self
    }

    /// The optional "Installation URL": where the Marketplace's "Proceed to install" sends users, when the
    /// install must start on the app's own site.
    pub fn installation_url(mut self, url: impl Into<String>) -> Self {
        self.installation_url = Some(url.into());
        self
    }

    /// The callback URL, for an app whose OAuth routes pdx does not serve. An app with installations has it
    /// already (its public URL and callback path); set both and they must agree.
    pub fn callback_url(mut self, url: impl Into<String>) -> Self {
        self.callback_url = Some(url.into());
        self
    }

    /// The *General info* tab.
    pub fn listing(mut self, listing: Listing) -> Self {
        self.listing = listing;
        self
    }

    /// "Instructions for users" (*Setup and installation*, at most 1,500 characters): what to do after
    /// "Install now", step by step.
    pub fn setup_instructions(mut self, text: impl Into<String>) -> Self {
        self.setup_instructions = Some(text.into());
        self
    }

    /// The *Support and legal info* tab.
    pub fn support(mut self, links: SupportLinks) -> Self {
        self.support = links;
        self
    }

    /// The main contact email (*App review info*, required): review results and Pipedrive's notices go there.
    pub fn contact_email(mut self, email: impl Into<String>) -> Self {
        self.contact_email = Some(email.into());
        self
    }

    /// The use case the reviewers read (at most 350 characters; not public).
    pub fn use_case(mut self, text: impl Into<String>) -> Self {
        self.use_case = Some(text.into());
        self
    }

    /// Records that an installation flow was tested (the review tests all three).
    pub fn tested(mut self, scenario: InstallScenario) -> Self {
        if !self.tested.contains(&scenario) {
            self.tested.push(scenario);
        }
        self
    }

    /// A recording of the installation flows (optional).
    pub fn recording_url(mut self, url: impl Into<String>) -> Self {
        self.recording_url = Some(url.into());
        self
    }

    /// The scopes asked for, with their reasons.
    pub fn scopes(&self) -> &[DeclaredScope] {
        &self.scopes
    }
}

/// The keys of the registration in `manifest.json`, one object per Developer Hub tab: written once for the
/// manifest, its reader and the checks' pointers.
pub(crate) mod key {
    pub(crate) const BASIC_INFO: &str = "basic_info";
    pub(crate) const CALLBACK_URL: &str = "callback_url";
    pub(crate) const OAUTH: &str = "oauth_and_access_scopes";
    pub(crate) const SCOPES: &str = "scopes";
    pub(crate) const SCOPE: &str = "scope";
    pub(crate) const HUB_NAME: &str = "developer_hub_name";
    pub(crate) const REASON: &str = "reason";
    pub(crate) const INSTALLATION_URL: &str = "installation_url";
    pub(crate) const GENERAL_INFO: &str = "general_info";
    pub(crate) const BUILT_BY: &str = "built_by";
    pub(crate) const CATEGORIES: &str = "categories";
    pub(crate) const SHORT_SUMMARY: &str = "short_summary";
    pub(crate) const ICON: &str = "icon";
    pub(crate) const LISTING_IMAGES: &str = "listing_images";
    pub(crate) const DESCRIPTION: &str = "description";
    pub(crate) const VIDEO_URL: &str = "video_url";
    pub(crate) const SETUP: &str = "setup_and_installation";
    pub(crate) const INSTRUCTIONS: &str = "instructions";
    pub(crate) const SUPPORT: &str = "support_and_legal_info";
    pub(crate) const WEBSITE: &str = "website_url";
    pub(crate) const TERMS: &str = "terms_of_service_url";
    pub(crate) const PRIVACY: &str = "privacy_policy_url";
    pub(crate) const PRICING: &str = "pricing_url";
    pub(crate) const SUPPORT_URL: &str = "support_url";
    pub(crate) const SUPPORT_EMAIL: &str = "support_email";
    pub(crate) const DOCUMENTATION: &str = "documentation_url";
    pub(crate) const ISSUE_TRACKER: &str = "issue_tracker_url";
    pub(crate) const REVIEW: &str = "app_review_info";
    pub(crate) const CONTACT_EMAIL: &str = "contact_email";
    pub(crate) const USE_CASE: &str = "use_case";
    pub(crate) const TESTED: &str = "installation_flows_tested";
    pub(crate) const RECORDING_URL: &str = "installation_flow_recording_url";

    /// `/registration/<tab>/<field>`.
    pub(crate) fn at(tab: &str, field: &str) -> String {
        format!("/registration/{tab}/{field}")
    }
}
