//! "Quyền của bạn khi làm thủ tục" (`/quyen-cua-ban/`): what the law guarantees a
//! person at the counter, each right with its sources (`content/quyen-cua-ban.toml`).

use leptos::prelude::*;

use super::facts::FactBlock;
use super::Breadcrumbs;
use crate::data;
use crate::model::Lang;

#[component]
pub fn RightsArticle(lang: Lang) -> impl IntoView {
    let t = data::strings(lang);
    view! {
        <Breadcrumbs lang trail=vec![]/>
        <article class="rights">
            <h1>{t.rights_title}</h1>
            <p class="lead">{t.rights_intro}</p>
            <nav aria-labelledby="rights-contents">
                <h2 id="rights-contents" class="visually-hidden">{t.rights_title}</h2>
                <ul class="contents">
                    {data::RIGHTS
                        .iter()
                        .map(|r| view! { <li><a href=format!("#{}", r.id)>{r.title.get(lang)}</a></li> })
                        .collect_view()}
                </ul>
            </nav>
            {data::RIGHTS
                .iter()
                .map(|r| {
                    view! {
                        <section id=r.id aria-labelledby=format!("{}-title", r.id)>
                            <h2 id=format!("{}-title", r.id)>{r.title.get(lang)}</h2>
                            <FactBlock lang fact=&r.fact portal_url=None/>
                        </section>
                    }
                })
                .collect_view()}
        </article>
    }
}
