//! The directory's search as it appears in the address bar, so a search
//! can be shared, reloaded and returned to with the back button.
//!
//! `?q=words&profession=nurse&area=leicestershire&topic=stress&accepting=1&sort=name&page=2`.
//! Values that are not on our lists are dropped, and the page says so.

use crate::vocabulary::{Area, MeetingMode, MentoringForm, Profession, Sector, Topic};
use serde::{Deserialize, Serialize};

pub const MAX_TEXT: usize = 200;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortOrder {
    #[default]
    BestMatch,
    FreeCapacity,
    Name,
}

impl SortOrder {
    pub const ALL: [SortOrder; 3] = [SortOrder::BestMatch, SortOrder::FreeCapacity, SortOrder::Name];

    pub fn key(self) -> &'static str {
        match self {
            SortOrder::BestMatch => "match",
            SortOrder::FreeCapacity => "capacity",
            SortOrder::Name => "name",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortOrder::BestMatch => "Best match",
            SortOrder::FreeCapacity => "Most free places",
            SortOrder::Name => "Name",
        }
    }

    pub fn from_key(key: &str) -> Option<SortOrder> {
        SortOrder::ALL.into_iter().find(|s| s.key() == key)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryQuery {
    pub text: String,
    pub professions: Vec<Profession>,
    pub sectors: Vec<Sector>,
    pub areas: Vec<Area>,
    pub topics: Vec<Topic>,
    pub modes: Vec<MeetingMode>,
    pub forms: Vec<MentoringForm>,
    pub accepting_only: bool,
    pub sort: SortOrder,
    /// Counted from 1.
    pub page: u32,
}

impl Default for DirectoryQuery {
    fn default() -> Self {
        DirectoryQuery {
            text: String::new(),
            professions: vec![],
            sectors: vec![],
            areas: vec![],
            topics: vec![],
            modes: vec![],
            forms: vec![],
            accepting_only: false,
            sort: SortOrder::BestMatch,
            page: 1,
        }
    }
}

fn push_known<T: PartialEq + Copy>(
    list: &mut Vec<T>,
    value: &str,
    from_key: fn(&str) -> Option<T>,
    name: &str,
    ignored: &mut Vec<String>,
) {
    match from_key(value) {
        Some(v) if !list.contains(&v) => list.push(v),
        Some(_) => {}
        None => ignored.push(format!(
            "We ignored the {name} \u{201c}{}\u{201d}, which is not one we know.",
            shorten(value)
        )),
    }
}

fn shorten(value: &str) -> String {
    let short: String = value.chars().take(40).collect();
    if short.len() < value.len() {
        format!("{short}…")
    } else {
        short
    }
}

impl DirectoryQuery {
    /// Reads a query string (with or without the leading `?`). Returns the
    /// query and a sentence for each part that was ignored.
    pub fn parse(search: &str) -> (DirectoryQuery, Vec<String>) {
        let mut query = DirectoryQuery::default();
        let mut ignored = Vec::new();
        let search = search.strip_prefix('?').unwrap_or(search);
        for (name, value) in form_urlencoded::parse(search.as_bytes()) {
            let value = value.trim();
            match name.as_ref() {
                "q" => {
                    query.text = value.chars().take(MAX_TEXT).collect();
                    if value.chars().count() > MAX_TEXT {
                        ignored
                            .push(format!("We searched for the first {MAX_TEXT} characters of your words."));
                    }
                }
                _ if value.is_empty() => {}
                "profession" => push_known(
                    &mut query.professions,
                    value,
                    Profession::from_key,
                    "profession",
                    &mut ignored,
                ),
                "sector" => push_known(&mut query.sectors, value, Sector::from_key, "sector", &mut ignored),
                "area" => push_known(&mut query.areas, value, Area::from_key, "area", &mut ignored),
                "topic" => push_known(&mut query.topics, value, Topic::from_key, "topic", &mut ignored),
                "mode" => {
                    push_known(&mut query.modes, value, MeetingMode::from_key, "way of meeting", &mut ignored)
                }
                "form" => push_known(
                    &mut query.forms,
                    value,
                    MentoringForm::from_key,
                    "form of mentoring",
                    &mut ignored,
                ),
                "accepting" => query.accepting_only = value == "1",
                "sort" => match SortOrder::from_key(value) {
                    Some(sort) => query.sort = sort,
                    None => ignored.push("We ignored an unknown sort order and sorted by best match.".into()),
                },
                "page" => match value.parse::<u32>() {
                    Ok(page) if page >= 1 => query.page = page,
                    _ => ignored.push("That page number was not right, so we show the first page.".into()),
                },
                _ => {}
            }
        }
        (query, ignored)
    }

    /// The query string for this search, without the `?`; defaults are
    /// left out so links stay short.
    pub fn to_query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if !self.text.is_empty() {
            out.append_pair("q", &self.text);
        }
        for p in &self.professions {
            out.append_pair("profession", p.key());
        }
        for s in &self.sectors {
            out.append_pair("sector", s.key());
        }
        for a in &self.areas {
            out.append_pair("area", a.key());
        }
        for t in &self.topics {
            out.append_pair("topic", t.key());
        }
        for m in &self.modes {
            out.append_pair("mode", m.key());
        }
        for f in &self.forms {
            out.append_pair("form", f.key());
        }
        if self.accepting_only {
            out.append_pair("accepting", "1");
        }
        if self.sort != SortOrder::BestMatch {
            out.append_pair("sort", self.sort.key());
        }
        if self.page > 1 {
            out.append_pair("page", &self.page.to_string());
        }
        out.finish()
    }

    /// The address of this search.
    pub fn href(&self) -> String {
        let query = self.to_query_string();
        if query.is_empty() {
            "/directory".into()
        } else {
            format!("/directory?{query}")
        }
    }

    pub fn at_page(&self, page: u32) -> DirectoryQuery {
        DirectoryQuery { page, ..self.clone() }
    }

    /// Every active filter, each with its label and the search without it,
    /// for "remove this filter" links.
    pub fn active_filters(&self) -> Vec<(String, DirectoryQuery)> {
        let mut out = Vec::new();
        let base = self.at_page(1);
        if !self.text.is_empty() {
            out.push((
                format!("Words: {}", self.text),
                DirectoryQuery { text: String::new(), ..base.clone() },
            ));
        }
        macro_rules! each {
            ($field:ident) => {
                for v in &self.$field {
                    let mut q = base.clone();
                    q.$field.retain(|x| x != v);
                    out.push((v.label().to_string(), q));
                }
            };
        }
        each!(professions);
        each!(sectors);
        each!(areas);
        each!(topics);
        each!(modes);
        each!(forms);
        if self.accepting_only {
            out.push(("Accepting new mentees".into(), DirectoryQuery { accepting_only: false, ..base }));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_round_trips_through_its_address() {
        let (query, ignored) = DirectoryQuery::parse(
            "?q=heart+failure&profession=nurse&profession=doctor&area=leicestershire&topic=bullying-harassment&mode=video&form=peer&accepting=1&sort=name&page=3",
        );
        assert!(ignored.is_empty(), "{ignored:?}");
        assert_eq!(query.text, "heart failure");
        assert_eq!(query.professions, vec![Profession::Nurse, Profession::Doctor]);
        assert_eq!(query.topics, vec![Topic::Bullying]);
        assert!(query.accepting_only);
        assert_eq!(query.sort, SortOrder::Name);
        assert_eq!(query.page, 3);
        assert_eq!(DirectoryQuery::parse(&query.to_query_string()).0, query);
    }

    #[test]
    fn unknown_or_malformed_values_are_ignored_and_reported() {
        let (query, ignored) = DirectoryQuery::parse(
            "topic=astrology&area=leicestershire&page=-2&sort=random&colour=blue&profession=%3Cscript%3E",
        );
        assert_eq!(query.areas, vec![Area::Leicestershire]);
        assert!(query.topics.is_empty() && query.professions.is_empty());
        assert_eq!(query.page, 1);
        assert_eq!(query.sort, SortOrder::BestMatch);
        assert_eq!(ignored.len(), 4, "{ignored:?}");
        assert!(ignored[0].contains("astrology"));
    }

    #[test]
    fn the_empty_search_is_the_bare_address() {
        assert_eq!(DirectoryQuery::default().href(), "/directory");
        assert_eq!(DirectoryQuery::parse("").0, DirectoryQuery::default());
    }

    #[test]
    fn removing_a_filter_keeps_the_others_and_goes_to_page_one() {
        let (query, _) = DirectoryQuery::parse("topic=stress&topic=morale&area=derby&page=4");
        let filters = query.active_filters();
        assert_eq!(filters.len(), 3);
        let (label, without_stress) = &filters[1];
        assert_eq!(label, "Stress");
        assert_eq!(without_stress.topics, vec![Topic::Morale]);
        assert_eq!(without_stress.page, 1);
    }
}
