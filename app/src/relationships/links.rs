//! "Your mentoring": links to the signed-in person's relationships, shown
//! on their home page, the sessions page and the request page.

use super::functions::my_relationships;
use super::lifecycle::RelationshipState;
use crate::dates;
use leptos::prelude::*;

#[component]
pub fn RelationshipLinks() -> impl IntoView {
    let links = Resource::new(|| (), |_| my_relationships());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let links = links.await.unwrap_or_default();
                (!links.is_empty())
                    .then(|| {
                        view! {
                            <section class="relationship-links" aria-labelledby="relationships-heading">
                                <h2 id="relationships-heading">"Your mentoring"</h2>
                                <ul class="plain-list">
                                    {links
                                        .into_iter()
                                        .map(|l| {
                                            let href = format!("/mentoring/{}", l.id);
                                            let who = if l.i_am_mentor {
                                                format!("Mentoring {}", l.with_name)
                                            } else {
                                                format!("Mentored by {}", l.with_name)
                                            };
                                            let since = match l.state {
                                                RelationshipState::Ended => "ended".to_string(),
                                                _ => format!("since {}", dates::long(&l.started_on)),
                                            };
                                            let to_agree = l
                                                .to_agree
                                                .then(|| {
                                                    view! {
                                                        " "
                                                        <strong class="tag">"agreement to confirm"</strong>
                                                    }
                                                });
                                            view! {
                                                <li>
                                                    <a href=href>{who}</a>
                                                    {format!(" ({since})")}
                                                    {to_agree}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                    })
            })}
        </Suspense>
    }
}
