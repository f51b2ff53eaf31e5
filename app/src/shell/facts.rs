//! Terms and their values as a description list: how every summary on
//! the site reads (a request, an offer, an agreement, a relationship, a
//! person's own data).

use leptos::prelude::*;

/// `<dl class="facts">` with `class` added; each value keeps the line
/// breaks it was written with.
#[component]
pub fn Facts<T, V>(facts: Vec<(T, V)>, #[prop(optional)] class: &'static str) -> impl IntoView
where
    T: IntoView + 'static,
    V: IntoView + 'static,
{
    view! {
        <dl class=format!("facts {class}")
            .trim_end()
            .to_string()>
            {facts
                .into_iter()
                .map(|(term, value)| {
                    view! {
                        <dt>{term}</dt>
                        <dd class="preserve-lines">{value}</dd>
                    }
                })
                .collect_view()}
        </dl>
    }
}
