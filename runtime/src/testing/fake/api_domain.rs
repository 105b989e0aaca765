//! The `api_domain` a company's token answers carry, as a test shapes it.

use super::FakePipedrive;

impl FakePipedrive {
    /// Ends (or stops ending) the `api_domain` of `company`'s token answers with `/`. Pipedrive's examples show
    /// none, but an app must make no `//` path when one comes. The company is made if missing; calls reach it
    /// either way (each company has its own port).
    pub fn set_api_domain_trailing_slash(&self, company: u64, slash: bool) {
        self.company(company);
        self.shared.with(|w| {
            if let Some(data) = w.companies.get_mut(&company) {
                let bare = data.api_domain.trim_end_matches('/').to_owned();
                data.api_domain = if slash { format!("{bare}/") } else { bare };
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_slash_comes_and_goes() {
        let fake = FakePipedrive::start().await;
        let bare = fake.company(42).api_domain();
        assert!(!bare.ends_with('/'), "{bare}");
        fake.set_api_domain_trailing_slash(42, true);
        assert_eq!(fake.company(42).api_domain(), format!("{bare}/"));
        fake.set_api_domain_trailing_slash(42, true);
        assert_eq!(
            fake.company(42).api_domain(),
            format!("{bare}/"),
            "one slash"
        );
        fake.set_api_domain_trailing_slash(42, false);
        assert_eq!(fake.company(42).api_domain(), bare);
    }
}
