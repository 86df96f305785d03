//! The "embed in your site" page ([`super::article::embed`]): the fragment. Its
//! snippet builder lives in the extras module (`extras/src/builder.rs`), loaded
//! when this page is shown: only web teams need it.

use leptos::prelude::*;

use super::fragment::enhanced;
use crate::route::Route;

#[component]
pub fn EmbedPage(route: Route) -> impl IntoView {
    enhanced(route, |_root, _| {
        #[cfg(feature = "hydrate")]
        browser::attach(_root);
    })
}

/// Hands the page to the extras module, which holds the builder.
#[cfg(feature = "hydrate")]
mod browser {
    pub fn attach(root: web_sys::Element) {
        crate::app::extras::need(&root);
    }
}
