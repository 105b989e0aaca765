//! The demo's registration form beyond its extensions: the Marketplace listing, the one scope its calls need,
//! setup instructions, support and legal links, and the review info. Exported into `examples/demo-export/`.

use pdx::hub::{Image, InstallScenario, Listing, Registration, SupportLinks};
use pdx::scope::Scope;

/// The demo's registration. Its images are compiled in, so exporting needs no files at run time.
pub(crate) fn registration() -> Registration {
    let listing = Listing::new(
        "Demo Invoices for Pipedrive: see, create and open a deal's invoices without leaving the deal.",
        "Demo Invoices brings your invoices into Pipedrive.\n\n\
         - See every invoice of a deal in the deal's sidebar: amount, status and dates.\n\
         - Create an invoice for a contact of the deal in a few clicks.\n\
         - Open the invoices of the selected deals in Demo Invoices.\n\n\
         The Demo Invoices-Pipedrive integration is an example app built with pdx.",
    )
    .built_by("Demo Invoices Ltd")
    .category("Accounting and invoicing")
    .icon(Image::bytes(include_bytes!("assets/icon.png")))
    .image(Image::bytes(include_bytes!("assets/listing-1.png")))
    .image(Image::bytes(include_bytes!("assets/listing-2.png")))
    .image(Image::bytes(include_bytes!("assets/listing-3.png")));
    let support = SupportLinks::new(
        "https://invoices.example.com",
        "https://invoices.example.com/terms",
        "https://invoices.example.com/privacy",
    )
    .pricing("https://invoices.example.com/pricing")
    .support_url("https://invoices.example.com/support")
    .support_email("support@invoices.example.com")
    .documentation("https://invoices.example.com/docs");
    Registration::new()
        .scope(
            Scope::DealsRead,
            "The invoices panel reads the viewed deal's title (GET /api/v2/deals/{id}), and the app receives \
             deal changes (change.deal webhook) to show the latest one.",
        )
        .scope(
            Scope::WebhooksFull,
            "The app creates its change.deal webhook on install, restores it when Pipedrive removed it, and \
             deletes it when it uninstalls itself (POST/GET/DELETE /api/v1/webhooks).",
        )
        .listing(listing)
        .setup_instructions(
            "1. Click \"Install now\" and allow Demo Invoices to read your deals.\n\
             2. Sign in to Demo Invoices, or create an account: the install then finishes on its own.\n\
             3. Open any deal: the \"Invoices\" panel in the sidebar lists its invoices.\n\
             4. Use \"Create invoice\" in the deal's actions menu to bill a contact of the deal.",
        )
        .support(support)
        .contact_email("developers@invoices.example.com")
        .use_case(
            "Sales teams invoice deals in Demo Invoices; the app shows a deal's invoices in Pipedrive and \
             creates new ones from the deal.",
        )
        .tested(InstallScenario::NoAccount)
        .tested(InstallScenario::LoggedOut)
        .tested(InstallScenario::LoggedIn)
}
