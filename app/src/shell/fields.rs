//! Form fields: a text input, a text area, a select, and groups of
//! checkboxes or radio buttons, each with its label, hint and error message
//! beside it. A field named `n` has the id `n`, its hint `n-hint` and its
//! message `n-error`, so the error summary can link to it.

use crate::error::AppError;
use leptos::prelude::*;

fn message_for(error: Signal<Option<AppError>>, name: &'static str) -> impl Fn() -> Option<String> + Copy {
    move || error.get().and_then(|e| e.for_field(name))
}

/// What a control's `aria-describedby` names: its hint, if it has one,
/// and its error message while there is one.
fn described_by(
    name: &'static str,
    hint: Option<&'static str>,
    error: Signal<Option<AppError>>,
) -> impl Fn() -> Option<String> {
    let message = message_for(error, name);
    move || {
        let ids: Vec<String> =
            [hint.map(|_| format!("{name}-hint")), message().map(|_| format!("{name}-error"))]
                .into_iter()
                .flatten()
                .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A field's error message, beside the field, read out with it (the
/// field's `aria-describedby` names `{name}-error`).
#[component]
pub fn FieldMessage(name: &'static str, #[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let message = message_for(error, name);
    move || {
        message().map(|text| {
            view! {
                <p class="field-message" id=format!("{name}-error")>
                    <span class="visually-hidden">"Error: "</span>
                    {text}
                </p>
            }
        })
    }
}

/// A field's hint, which its control or fieldset names in
/// `aria-describedby`.
#[component]
fn Hint(name: &'static str, hint: Option<&'static str>) -> impl IntoView {
    hint.map(|text| {
        view! {
            <p class="hint" id=format!("{name}-hint")>
                {text}
            </p>
        }
    })
}

/// A group of checkboxes or radio buttons under one legend, its hint and
/// message read out with it when focus enters the group.
#[component]
fn Fieldset(
    name: &'static str,
    legend: &'static str,
    hint: Option<&'static str>,
    error: Signal<Option<AppError>>,
    #[prop(default = "field")] class: &'static str,
    children: Children,
) -> impl IntoView {
    let message = message_for(error, name);
    view! {
        <fieldset
            class=class
            id=name
            tabindex="-1"
            class:field-error=move || message().is_some()
            aria-describedby=described_by(name, hint, error)
        >
            <legend>{legend}</legend>
            <Hint name hint />
            <FieldMessage name error />
            {children()}
        </fieldset>
    }
}

/// The label, hint and message above a single control.
#[component]
fn FieldHead(
    name: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <label for=name>{label}</label>
        <Hint name hint />
        <FieldMessage name error />
    }
}

/// A labelled input with its hint and its error message beside it.
#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = None)] value: Option<String>,
) -> impl IntoView {
    let message = message_for(error, name);
    view! {
        <div class="field" class:field-error=move || message().is_some()>
            <FieldHead name label hint error />
            <input
                id=name
                name=name
                type=kind
                autocomplete=autocomplete
                value=value
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=described_by(name, hint, error)
            />
        </div>
    }
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
            <FieldHead name label hint=None error />
            <select
                id=name
                name=name
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=described_by(name, None, error)
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
    view! {
        <Fieldset name legend hint error class="field checkbox-group">
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
        </Fieldset>
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
    view! {
        <Fieldset name legend hint error>
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
        </Fieldset>
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
    view! {
        <div class="field" class:field-error=move || message().is_some()>
            <FieldHead name label hint error />
            <textarea
                id=name
                name=name
                rows="6"
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=described_by(name, hint, error)
            >
                {value}
            </textarea>
        </div>
    }
}
