//! "Questions for you" on the home page: each invitation still open, until
//! it is answered or lapses. Shows nothing when there are none.

use super::functions::my_invitations;
use leptos::prelude::*;

#[component]
pub fn OpenQuestions() -> impl IntoView {
    let open = Resource::new(|| (), |_| my_invitations());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let open = open.await.unwrap_or_default();
                (!open.is_empty())
                    .then(|| {
                        view! {
                            <section class="open-questions" aria-labelledby="questions-heading">
                                <h2 id="questions-heading">"Questions for you"</h2>
                                <ul class="plain-list">
                                    {open
                                        .into_iter()
                                        .map(|i| {
                                            view! {
                                                <li>
                                                    <a href=format!(
                                                        "/questions/{}",
                                                        i.id,
                                                    )>{format!("{}, {}", i.title, i.when)}</a>
                                                    {format!(" (open until {})", i.closes_on)}
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
