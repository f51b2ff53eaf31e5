//! `mentorwell-bench baseline --addr HOST:PORT`: the directory page written
//! by hand, for goal 1 of the performance work. It reads the same database
//! through the same session check, search and card queries as the app, and
//! writes the page's markup (without the hydration scripts) with plain
//! string formatting, so `scripts/bench.sh` can load both in one run and
//! print the app's throughput as a ratio of this one's.

use app::accounts::session;
use app::directory::cards::{places_text, ResultCard};
use app::directory::db;
use app::directory::query::{DirectoryQuery, SortOrder};
use app::directory::search::FacetCounts;
use app::frame::layout::links;
use app::people::CurrentUser;
use app::report::charts::escape;
use app::state::AppState;
use app::vocabulary::{Area, MeetingMode, MentoringForm, Profession, Sector, Topic};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use std::fmt::Write;

pub async fn serve(state: AppState, addr: &str) -> i32 {
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("cannot listen on {addr}: {err}");
            return 1;
        }
    };
    let router = axum::Router::new().route("/directory", get(directory)).with_state(state);
    match axum::serve(listener, router).await {
        Ok(()) => 0,
        Err(err) => {
            eprintln!("{err}");
            1
        }
    }
}

async fn directory(State(state): State<AppState>, headers: HeaderMap, RawQuery(raw): RawQuery) -> Response {
    match page(&state, &headers, raw.as_deref().unwrap_or("")).await {
        Ok(Some(html)) => Html(html).into_response(),
        Ok(None) => StatusCode::UNAUTHORIZED.into_response(),
        Err(err) => (StatusCode::INTERNAL_SERVER_ERROR, err.to_string()).into_response(),
    }
}

async fn page(state: &AppState, headers: &HeaderMap, raw: &str) -> Result<Option<String>, sqlx::Error> {
    let Some(token) = session::session_cookie(headers, false) else { return Ok(None) };
    let now = state.clock.now();
    let Some(user) = session::user_for(&state.db, &token, now).await? else { return Ok(None) };
    let (query, _) = DirectoryQuery::parse(raw);
    let today = app::dates::date_of(now);
    let outcome = state.directory.search(&state.db, &query, &today).await?;
    let cards: Vec<ResultCard> =
        db::cards(&state.db, &outcome.user_ids).await?.into_iter().map(ResultCard::of).collect();
    let mut html = String::with_capacity(32 * 1024);
    head(&mut html, &user);
    form(&mut html, &query, &outcome.counts);
    results(&mut html, &query, outcome.total, outcome.page, outcome.pages, &cards);
    html.push_str(FOOT);
    Ok(Some(html))
}

fn head(html: &mut String, user: &CurrentUser) {
    html.push_str(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"/>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\
         <title>Find a mentor – Mentorwell</title>\
         <link rel=\"stylesheet\" href=\"/pkg/mentorwell.css\"/></head><body>\
         <a class=\"skip-link\" href=\"#main-content\">Skip to main content</a>\
         <header class=\"site-header\"><p class=\"offline-banner\" role=\"status\">You are offline. Pages you have opened \
         before can still be read; saving and sending wait until you are back online.</p>\
         <div class=\"site-header-inner\"><a href=\"/\" class=\"brand\"><span class=\"brand-name\">Mentorwell</span>\
         <span class=\"brand-tagline\">East Midlands mentoring</span></a>\
         <nav class=\"site-nav\" aria-label=\"Main\"><details class=\"nav-menu\"><summary>\
         <span class=\"nav-menu-label\">Menu</span><span class=\"nav-section\" aria-hidden=\"true\">Find a mentor</span>\
         </summary><ul>",
    );
    for (href, label) in links(Some(user)) {
        let current = if href == "/directory" { " aria-current=\"page\"" } else { "" };
        let _ = write!(html, "<li><a href=\"{href}\"{current}>{label}</a></li>");
    }
    html.push_str(
        "<li><form method=\"post\" action=\"/api/sign_out\"><button type=\"submit\" class=\"link-button\">\
         Sign out</button></form></li></ul></details></nav></div></header>\
         <main id=\"main-content\" tabindex=\"-1\" class=\"page\"><h1>Find a mentor</h1>\
         <p class=\"lead\">Every mentor here has completed the accredited mentoring course and is up to date.</p>",
    );
}

fn form(html: &mut String, query: &DirectoryQuery, counts: &FacetCounts) {
    let _ = write!(
        html,
        "<div class=\"directory\"><form method=\"get\" action=\"/directory\" class=\"directory-form\" \
         role=\"search\" autocomplete=\"off\"><div class=\"search-row\"><div class=\"field\">\
         <label for=\"q\">Search by name, specialty, organisation or topic</label>\
         <input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" value=\"{}\"/></div>\
         <div class=\"field\"><label for=\"sort\">Sort by</label><select id=\"sort\" name=\"sort\">",
        escape(&query.text)
    );
    for sort in SortOrder::ALL {
        let selected = if query.sort == sort { " selected" } else { "" };
        let _ = write!(html, "<option value=\"{}\"{selected}>{}</option>", sort.key(), sort.label());
    }
    let chosen = query.professions.len()
        + query.sectors.len()
        + query.areas.len()
        + query.topics.len()
        + query.modes.len()
        + query.forms.len()
        + usize::from(query.accepting_only);
    let chosen = if chosen == 0 { String::new() } else { format!(" ({chosen} chosen)") };
    let _ = write!(
        html,
        "</select></div><button type=\"submit\" class=\"button\">Search</button></div>\
         <details class=\"filters\"><summary>Filters{chosen}</summary><div class=\"filters-body\">\
         <label class=\"check\"><input type=\"checkbox\" name=\"accepting\" value=\"1\"{}/>\
         <span>Accepting new mentees <span class=\"count\">({})</span></span></label>",
        if query.accepting_only { " checked" } else { "" },
        counts.accepting
    );
    facet(
        html,
        "topic",
        "Topics",
        false,
        Topic::ALL,
        Topic::key,
        Topic::label,
        &query.topics,
        &counts.topics,
    );
    facet(html, "area", "Area", true, Area::ALL, Area::key, Area::label, &query.areas, &counts.areas);
    facet(
        html,
        "profession",
        "Profession",
        true,
        Profession::ALL,
        Profession::key,
        Profession::label,
        &query.professions,
        &counts.professions,
    );
    facet(
        html,
        "sector",
        "Sector",
        true,
        Sector::ALL,
        Sector::key,
        Sector::label,
        &query.sectors,
        &counts.sectors,
    );
    facet(
        html,
        "mode",
        "Ways of meeting",
        false,
        MeetingMode::ALL,
        MeetingMode::key,
        MeetingMode::label,
        &query.modes,
        &counts.modes,
    );
    facet(
        html,
        "form",
        "Forms of mentoring",
        false,
        MentoringForm::ALL,
        MentoringForm::key,
        MentoringForm::label,
        &query.forms,
        &counts.forms,
    );
    html.push_str(
        "<div class=\"filters-footer\"><button type=\"submit\" class=\"button\">Apply filters</button></div>\
         </div></details></form>",
    );
}

#[allow(clippy::too_many_arguments)] // one list's names, as the app's Facet takes them
fn facet<T: Copy + PartialEq>(
    html: &mut String,
    name: &str,
    legend: &str,
    widens: bool,
    all: &[T],
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    chosen: &[T],
    counts: &[(T, u32)],
) {
    let _ = write!(html, "<fieldset class=\"facet\"><legend>{legend}</legend>");
    for &value in all {
        let n = counts.iter().find(|(v, _)| *v == value).map_or(0, |(_, n)| *n);
        let ticked = chosen.contains(&value);
        let plus = if widens && !chosen.is_empty() && !ticked { "+" } else { "" };
        let _ = write!(
            html,
            "<label class=\"check\"><input type=\"checkbox\" name=\"{name}\" value=\"{}\"{}/>\
             <span>{} <span class=\"count\">({plus}{n})</span></span></label>",
            key(value),
            if ticked { " checked" } else { "" },
            label(value)
        );
    }
    html.push_str("</fieldset>");
}

fn results(
    html: &mut String,
    query: &DirectoryQuery,
    total: u32,
    page: u32,
    pages: u32,
    cards: &[ResultCard],
) {
    let heading = match total {
        0 => "No mentors match your search".to_string(),
        1 => "1 mentor found".to_string(),
        n => format!("{n} mentors found"),
    };
    let _ = write!(
        html,
        "<section class=\"directory-results\" aria-labelledby=\"results-heading\">\
         <h2 id=\"results-heading\" class=\"results-heading\" aria-live=\"polite\">{heading}</h2>"
    );
    let filters = query.active_filters();
    if !filters.is_empty() {
        html.push_str(
            "<div class=\"chosen-filters\"><p>Your filters (choose one to remove it):</p><ul class=\"tags\">",
        );
        for (label, without) in filters {
            let label = escape(&label);
            let _ = write!(
                html,
                "<li><a href=\"{}\" aria-label=\"Remove filter: {label}\">{label} ×</a></li>",
                escape(&without.href())
            );
        }
        html.push_str("<li><a href=\"/directory\">Clear all</a></li></ul></div>");
    }
    if cards.is_empty() {
        html.push_str(
            "<div class=\"empty-state\"><p>Try fewer words, a different spelling, or removing a filter. Topics \
             narrow the search: a mentor must be happy to discuss every topic you choose.</p><p>You can also ask \
             for a mentor without choosing one: a coordinator will suggest someone well suited.</p></div>",
        );
    }
    html.push_str("<ol class=\"results\">");
    for card in cards {
        card_html(html, card);
    }
    html.push_str("</ol>");
    if pages > 1 {
        html.push_str("<nav class=\"pagination\" aria-label=\"Result pages\">");
        if page > 1 {
            let _ = write!(
                html,
                "<a href=\"{}\" rel=\"prev\">Previous page</a>",
                escape(&query.at_page(page - 1).href())
            );
        }
        let _ = write!(html, "<span>Page {page} of {pages}</span>");
        if page < pages {
            let _ = write!(
                html,
                "<a href=\"{}\" rel=\"next\">Next page</a>",
                escape(&query.at_page(page + 1).href())
            );
        }
        html.push_str("</nav>");
    }
    html.push_str("</section></div>");
}

fn card_html(html: &mut String, card: &ResultCard) {
    let pronouns = match card.pronouns.is_empty() {
        true => String::new(),
        false => format!("<span class=\"pronouns\"> ({})</span>", escape(&card.pronouns)),
    };
    let _ = write!(
        html,
        "<li class=\"result\"><h3 class=\"result-name\"><a href=\"/directory/{}\">{}</a>{pronouns}</h3>\
         <p class=\"result-line\">{}</p><p class=\"result-org\">{}</p><p class=\"result-bio\">{}</p>\
         <ul class=\"tags\" aria-label=\"Happy to discuss\">",
        card.user_id,
        escape(&card.name),
        escape(&card.summary),
        escape(&card.organisation),
        escape(&card.bio)
    );
    for topic in Topic::labels(&card.topics) {
        let _ = write!(html, "<li>{topic}</li>");
    }
    if card.more_topics > 0 {
        let _ = write!(html, "<li class=\"tag-more\">and {} more</li>", card.more_topics);
    }
    let _ = write!(
        html,
        "</ul><p class=\"result-places{}\">{}</p></li>",
        if card.accepting { "" } else { " not-accepting" },
        places_text(card.accepting, card.free_places)
    );
}

const FOOT: &str =
    "</main><footer class=\"site-footer\"><p>Mentorwell is the mentoring service for health and \
care staff in the East Midlands. If you need urgent support, call NHS 111 or Samaritans on 116 123.</p>\
</footer></body></html>";
