//! "Dữ liệu mở" (`/du-lieu/`): the open data files for provincial web teams and
//! other services, what each holds, its licence, and how the files are shaped.

use leptos::prelude::*;

use super::{count, Breadcrumbs};
use crate::data;
use crate::model::Lang;
use crate::open_data::{data_sets, Licence, DIR, NOTICES};

/// A file's size, for the link: "1.821 KB" in Vietnamese, "1,821 KB" in English.
fn size(bytes: usize, lang: Lang) -> String {
    format!("{} KB", count(bytes.div_ceil(1000), lang))
}

#[component]
pub fn OpenDataArticle(lang: Lang) -> impl IntoView {
    let t = data::strings(lang);
    let sets = data_sets();
    view! {
        <Breadcrumbs lang trail=vec![]/>
        <article class="open-data">
            <h1>{t.open_data_title}</h1>
            <p class="lead">{t.open_data_intro}</p>
            <section aria-labelledby="open-data-sets">
                <h2 id="open-data-sets">{t.open_data_sets_heading}</h2>
                {sets
                    .into_iter()
                    .map(|set| {
                        let json = format!("/{DIR}/{}.json", set.name);
                        let schema = format!("/{DIR}/{}.schema.json", set.name);
                        let csv = set.csv().map(|c| (format!("/{DIR}/{}.csv", set.name), c.len()));
                        let licence = match set.licence {
                            Licence::Portal => t.open_data_licence_portal_short,
                            other => other.short(),
                        };
                        let heading = format!("open-data-{}", set.name);
                        let labelled = heading.clone();
                        view! {
                            <section class="open-data-set" aria-labelledby=labelled>
                                <h3 id=heading>{set.title.get(lang)}</h3>
                                <p>
                                    {data::fill(t.open_data_items, "n", &count(set.items.len(), lang))}
                                    ". " {t.open_data_licence} ": " {licence}
                                </p>
                                <ul class="open-data-files">
                                    <li>
                                        <a href=json.clone() type="application/json">
                                            {t.open_data_json} " (" {size(set.json().len(), lang)} ")"
                                        </a>
                                    </li>
                                    {csv.map(|(href, len)| view! {
                                        <li>
                                            <a href=href type="text/csv">{t.open_data_csv} " (" {size(len, lang)} ")"</a>
                                        </li>
                                    })}
                                    <li>
                                        <a href=schema type="application/schema+json">{t.open_data_schema}</a>
                                    </li>
                                </ul>
                            </section>
                        }
                    })
                    .collect_view()}
                <p>{t.open_data_offline}</p>
            </section>
            <section aria-labelledby="open-data-how">
                <h2 id="open-data-how">{t.open_data_how_heading}</h2>
                <p>{t.open_data_how}</p>
            </section>
            <section aria-labelledby="open-data-licence">
                <h2 id="open-data-licence">{t.open_data_licence_heading}</h2>
                <p>{t.open_data_licence_own}</p>
                <p>{t.open_data_licence_places}</p>
                <ul>
                    {NOTICES
                        .iter()
                        .map(|(name, _)| view! { <li><a href=format!("/{DIR}/{name}") type="text/plain">{*name}</a></li> })
                        .collect_view()}
                </ul>
                <p>{t.open_data_licence_portal}</p>
            </section>
        </article>
    }
}
