//! The coordinators' editor (`/coordinator/resources/new` and
//! `/coordinator/resources/:slug/edit`): the fields, a preview of the
//! Markdown rendered by the server as it is typed, problems listed under
//! it, and for a file resource the upload form.

use super::editing::{load_resource_editor, PreviewResource, SaveResourceEdit, SAVED};
use super::editor::{EditorData, EditorFields, Preview};
use super::lists::{Audience, Category, Kind};
use crate::error::AppError;
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::fields::{RadioGroup, SelectField, TextArea, TextField};
use crate::shell::forms::{error_signal, form, ErrorSummary, FormFlash, Notice};
use crate::shell::pause::Pause;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::time::Duration;

#[component]
pub fn ResourceEditorPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let save = ServerAction::<SaveResourceEdit>::new();
    // Reload after each successful save (for the new version to edit
    // from), never after a refused one: the form keeps what was typed.
    let saves = RwSignal::new(0u32);
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            saves.update(|n| *n += 1);
        }
    });
    let page = use_page_context();
    let data = Resource::new(move || (slug(), saves.get()), |(s, _)| load_resource_editor(s));
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let context = page.await.ok();
                let flash = context.as_ref().and_then(|c| c.flash_for(form::<SaveResourceEdit>()));
                let upload_flash = context.as_ref().and_then(|c| c.flash_for(super::editor::UPLOAD_FORM));
                match data.await {
                    Ok(data) => view! { <Editor data save flash upload_flash /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Editor(
    data: EditorData,
    save: ServerAction<SaveResourceEdit>,
    flash: Option<FormFlash>,
    upload_flash: Option<FormFlash>,
) -> impl IntoView {
    let is_new = data.slug.is_empty();
    let f = match &flash {
        Some(flash) => typed_fields(flash),
        None => data.fields.clone(),
    };
    let error = error_signal(move || save.value().get(), flash.clone());
    let notice = {
        // A new resource's first save arrives here with "?saved=1".
        let just_created = use_query_map().read_untracked().get("saved").is_some();
        let from_flash = flash.and_then(|f| f.notice).or(just_created.then(|| SAVED.to_string()));
        Signal::derive(move || match save.value().get() {
            Some(Ok(_)) => Some(SAVED.to_string()),
            Some(Err(_)) => None,
            None => from_flash.clone(),
        })
    };
    let title = if is_new {
        "New resource".to_string()
    } else {
        format!("Edit \u{201c}{}\u{201d}", data.fields.title)
    };
    let links = (!is_new).then(|| {
        let history = format!("/coordinator/resources/{}/history", data.slug);
        let read = format!("/resources/{}", data.slug);
        view! {
            <ul class="link-list">
                <li>
                    <a href=history>"History of changes"</a>
                </li>
                <li>
                    <a href=read>"See it as readers do"</a>
                </li>
            </ul>
        }
    });
    let kinds = Kind::options();
    let upload = (!is_new && data.fields.kind == Kind::File.key()).then(|| {
        view! {
            <UploadForm
                slug=data.slug.clone()
                file=data.file.clone()
                max=data.max_upload.clone()
                flash=upload_flash
            />
        }
    });
    view! {
        <Title text=title.clone() />
        <p class="back-link">
            <a href="/coordinator/resources">"All resources"</a>
        </p>
        <h1>{title}</h1>
        {links}
        <Notice message=notice />
        <ActionForm action=save attr:class="form" attr:novalidate=true>
            <ErrorSummary error />
            <input type="hidden" name="slug" value=data.slug.clone() />
            <input type="hidden" name="version" value=data.version.to_string() />
            <TextField name="title" label="Title" error value=Some(f.title.clone()) />
            <TextArea
                name="summary"
                label="Summary"
                hint="One or two sentences, shown in lists and search results."
                value=f.summary.clone()
                error
            />
            <fieldset class="field" id="kind" tabindex="-1">
                <legend>"Kind of resource"</legend>
                {kinds
                    .into_iter()
                    .map(|(value, label)| {
                        view! {
                            <label class="check">
                                <input type="radio" name="kind" value=value checked=f.kind == value />
                                {label}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <TextField
                name="link_url"
                label="Web address (for a link)"
                hint="Starting https://, for example https://www.nhs.uk/."
                error
                value=Some(f.link_url.clone())
            />
            <BodyField slug=data.slug.clone() body=f.body.clone() initial=data.preview.clone() error />
            <SelectField
                name="category"
                label="Topic"
                options=Category::options()
                selected=f.category.clone()
                error
            />
            <SelectField
                name="audience"
                label="Who it is for"
                options=Audience::options()
                selected=f.audience.clone()
                error
            />
            <TextField
                name="tags"
                label="Tags (optional)"
                hint="Words people might search for, separated by commas, for example: night shifts, first session."
                error
                value=Some(f.tags.clone())
            />
            <div class="field">
                <label class="check">
                    <input type="checkbox" name="featured" value="yes" checked=f.featured />
                    "Feature it under \u{201c}Start here\u{201d} in the library"
                </label>
            </div>
            <PublishedField published=f.published error />
            <button type="submit" class="button">
                "Save"
            </button>
        </ActionForm>
        {upload}
    }
}

/// What a plain post had typed, carried back in its flash.
fn typed_fields(flash: &FormFlash) -> EditorFields {
    let value = |name: &str| flash.value(name).unwrap_or_default();
    EditorFields {
        title: value("title"),
        summary: value("summary"),
        kind: value("kind"),
        body: value("body"),
        link_url: value("link_url"),
        category: value("category"),
        audience: value("audience"),
        tags: value("tags"),
        featured: value("featured") == "yes",
        published: value("published") == "yes",
    }
}

/// The Markdown with its preview: typing asks the server to render it
/// again after a short pause; without JavaScript the preview shows the
/// saved text.
#[component]
fn BodyField(slug: String, body: String, initial: Preview, error: Signal<Option<AppError>>) -> impl IntoView {
    let preview = ServerAction::<PreviewResource>::new();
    let pause = Pause::new();
    let initial = StoredValue::new(initial);
    let shown = move || preview.value().get().and_then(Result::ok).unwrap_or_else(|| initial.get_value());
    let on_input = move |ev: leptos::ev::Event| {
        let body = event_target_value(&ev);
        let slug = slug.clone();
        pause.then(Duration::from_millis(500), move || {
            preview.dispatch(PreviewResource { slug, body });
        });
    };
    view! {
        <TextArea
            name="body"
            label="Text (Markdown)"
            hint="For an article, its text; for a link or a file, notes shown above it. ## Heading, **bold**, - a list, [a link](https://…)."
            value=body
            error
            on:input=on_input
        />
        <section class="preview" aria-labelledby="preview-heading">
            <h2 id="preview-heading">"Preview"</h2>
            <div aria-live="polite" class="preview-problems">
                {move || {
                    let problems = shown().problems;
                    if problems.is_empty() {
                        view! { <p class="hint">"No problems found in the text."</p> }.into_any()
                    } else {
                        view! {
                            <p>{format!("Problems to put right before saving ({}):", problems.len())}</p>
                            <ul class="problem-list">
                                {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }}
            </div>
            // Rendered by the server from Markdown that cannot carry markup
            // of its own (see resources::markdown).
            <div class="article-body preview-body" inner_html=move || shown().html></div>
        </section>
    }
}

#[component]
fn PublishedField(published: bool, error: Signal<Option<AppError>>) -> impl IntoView {
    let options = vec![
        ("yes", "Published: everyone it is for can read it"),
        ("no", "Not published: only coordinators can see it"),
    ];
    view! {
        <RadioGroup
            name="published"
            legend="Published"
            options
            chosen=if published { "yes" } else { "no" }
            error
        />
    }
}

/// A plain multipart form, the same with or without JavaScript: the
/// server checks the file and comes back here with what happened.
#[component]
fn UploadForm(
    slug: String,
    file: Option<super::article::FileInfo>,
    max: String,
    flash: Option<FormFlash>,
) -> impl IntoView {
    let action = format!("/coordinator/resources/{slug}/file");
    let message = flash.as_ref().and_then(|f| f.error.as_ref()).and_then(|e| e.for_field("file"));
    let notice = flash.and_then(|f| f.notice);
    let hint = format!("A PDF, Word (.docx), PowerPoint (.pptx), PNG, JPEG or WebP file, up to {max}.");
    let current = match file {
        Some(f) => format!("Current file: {} ({}, {}).", f.name, f.type_label, f.size_label),
        None => "No file uploaded yet: readers cannot see this resource until it has one.".to_string(),
    };
    let invalid = message.is_some();
    view! {
        <section class="upload" aria-labelledby="upload-heading">
            <h2 id="upload-heading">"The file"</h2>
            <p>{current}</p>
            {notice
                .map(|text| {
                    view! {
                        <div class="notice" role="status">
                            {text}
                        </div>
                    }
                })}
            <form method="post" action=action enctype="multipart/form-data" class="form">
                <div class="field" class:field-error=invalid>
                    <label for="file">"Choose a file"</label>
                    <p class="hint" id="file-hint">
                        {hint}
                    </p>
                    {message
                        .map(|text| {
                            view! {
                                <p class="field-message" id="file-error" role="alert">
                                    <span class="visually-hidden">"Error: "</span>
                                    {text}
                                </p>
                            }
                        })}
                    <input
                        id="file"
                        name="file"
                        type="file"
                        accept=".pdf,.docx,.pptx,.png,.jpg,.jpeg,.webp"
                        aria-invalid=invalid.then_some("true")
                        aria-describedby=if invalid { "file-hint file-error" } else { "file-hint" }
                    />
                </div>
                <button type="submit" class="button">
                    "Upload the file"
                </button>
            </form>
        </section>
    }
}
