//! Coordinators' list of every resource, published or not, with links to
//! edit each one and to write a new one.

use super::editing::load_managed_resources;
use super::editor::ManagedResource;
use crate::dates;
use crate::shell::error_pages::ErrorPage;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ManageResourcesPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| load_managed_resources());
    view! {
        <Title text="Manage resources" />
        <h1>"Manage resources"</h1>
        <p>
            <a href="/coordinator/resources/new" class="button">
                "Write a new resource"
            </a>
        </p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) => {
                        view! {
                            <ul class="resource-list">
                                {items.into_iter().map(|item| view! { <ManagedItem item /> }).collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ManagedItem(item: ManagedResource) -> impl IntoView {
    let c = item.card;
    let edit = format!("/coordinator/resources/{}/edit", c.slug);
    let status = if item.published { "Published" } else { "Not published" };
    view! {
        <li class="resource-card">
            <h2 class="card-title">
                <a href=edit>{c.title}</a>
            </h2>
            <p class="hint">
                <span class="tag" class:tag-muted=!item.published>
                    {status}
                </span>
                {format!(
                    " {} · {} · for {} · changed {}",
                    c.kind.label(),
                    c.category.label(),
                    c.audience.label().to_lowercase(),
                    dates::long(&item.updated_on),
                )}
            </p>
        </li>
    }
}
