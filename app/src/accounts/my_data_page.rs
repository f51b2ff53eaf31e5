//! `/account/my-data`: everything the service holds about the signed-in
//! person, to read, with the same as a file to download.

use super::export::{export_my_data, MyData};
use crate::shell::error_pages::ErrorPage;
use crate::shell::facts::Facts;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyDataPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| export_my_data());
    view! {
        <Title text="What we hold about you" />
        <h1>"What we hold about you"</h1>
        <p>
            "This is everything Mentorwell keeps about you. Other people's private words (such as your mentor's or mentee's notes) are not yours to see, so they are not here."
        </p>
        <p>
            <a href="/api/export_my_data" class="button" download="mentorwell-my-data.json" rel="external">
                "Download it as a file (JSON)"
            </a>
        </p>
        <p>
            "No longer want an account? "<a href="/account#close">"Ask to close your account"</a>
            ", and read what happens to your data when it closes."
        </p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Sections data=d /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Sections(data: MyData) -> impl IntoView {
    view! {
        <p class="hint">{format!("Made on {}.", data.made_at)}</p>
        {data
            .sections
            .into_iter()
            .map(|section| {
                view! {
                    <section class="my-data">
                        <h2>{section.title.clone()}</h2>
                        {if section.rows.is_empty() {
                            view! { <p>"Nothing."</p> }.into_any()
                        } else {
                            view! {
                                <ol class="my-data-rows">
                                    {section
                                        .rows
                                        .into_iter()
                                        .map(|row| {
                                            view! {
                                                <li>
                                                    <Facts facts=row />
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ol>
                            }
                                .into_any()
                        }}
                    </section>
                }
            })
            .collect_view()}
    }
}
