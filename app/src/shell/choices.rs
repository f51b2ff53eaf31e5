//! Form fields beyond plain text: a select, a group of checkboxes and a
//! text area, each with its label, hint and error message beside it.

use super::forms::FieldMessage;
use crate::error::AppError;
use leptos::prelude::*;

fn message_for(error: Signal<Option<AppError>>, name: &'static str) -> impl Fn() -> Option<String> + Copy {
    move || error.get().and_then(|e| e.for_field(name))
}

/// A drop-down list. `options` are (value, label) pairs; an empty first
/// choice lets a draft leave it unset.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
    selected: String,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let message = message_for(error, name);
    view! {
        <div class="field" class:field-error=move || message().is_some()>
            <label for=name>{label}</label>
            <FieldMessage name error />
            <select
                id=name
                name=name
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=move || message().is_some().then(|| format!("{name}-error"))
            >
                <option value="" selected=selected.is_empty()>
                    "Choose…"
                </option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        view! {
                            <option value=value selected=selected == value>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Checkboxes sharing one name, sent as `name[]` so the server receives a
/// list (none ticked sends nothing).
#[component]
pub fn CheckboxGroup(
    name: &'static str,
    legend: &'static str,
    options: Vec<(&'static str, &'static str)>,
    checked: Vec<String>,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let message = message_for(error, name);
    view! {
        <fieldset
            class="field checkbox-group"
            id=name
            class:field-error=move || message().is_some()
            tabindex="-1"
        >
            <legend>{legend}</legend>
            {hint.map(|text| view! { <p class="hint">{text}</p> })}
            <FieldMessage name error />
            <div class="checkbox-options">
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    name=format!("{name}[]")
                                    value=value
                                    checked=checked.iter().any(|c| c == value)
                                />
                                {text}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

/// Radio buttons for one choice, with the legend, hint and error message
/// beside them. `options` are (value, label) pairs; the one whose value
/// is `chosen` starts checked.
#[component]
pub fn RadioGroup(
    name: &'static str,
    legend: &'static str,
    options: Vec<(&'static str, &'static str)>,
    #[prop(into)] chosen: String,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let message = message_for(error, name);
    view! {
        <fieldset class="field" id=name tabindex="-1" class:field-error=move || message().is_some()>
            <legend>{legend}</legend>
            {hint.map(|text| view! { <p class="hint">{text}</p> })}
            <FieldMessage name error />
            {options
                .into_iter()
                .map(|(value, text)| {
                    view! {
                        <label class="check">
                            <input type="radio" name=name value=value checked=chosen == value />
                            {text}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

#[component]
pub fn TextArea(
    name: &'static str,
    label: &'static str,
    value: String,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let message = message_for(error, name);
    let hint_id = format!("{name}-hint");
    view! {
        <div class="field" class:field-error=move || message().is_some()>
            <label for=name>{label}</label>
            {hint
                .map(|text| {
                    view! {
                        <p class="hint" id=hint_id.clone()>
                            {text}
                        </p>
                    }
                })}
            <FieldMessage name error />
            <textarea
                id=name
                name=name
                rows="6"
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=move || message().is_some().then(|| format!("{name}-error"))
            >
                {value}
            </textarea>
        </div>
    }
}

/// (key, label) pairs for a reference list.
pub fn options_of<T: Copy>(
    all: &[T],
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|v| (key(*v), label(*v))).collect()
}
