//! Who a person is to the site: their roles, and the signed-in person as
//! pages see them. Below every domain and the shell, so that the page
//! context can carry the person without importing accounts.

use serde::{Deserialize, Serialize};

/// What a person may do. Every member of staff is a mentee; mentor and
/// coordinator are granted on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Mentee,
    Mentor,
    Coordinator,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Mentee => "mentee",
            Role::Mentor => "mentor",
            Role::Coordinator => "coordinator",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        match value {
            "mentee" => Some(Role::Mentee),
            "mentor" => Some(Role::Mentor),
            "coordinator" => Some(Role::Coordinator),
            _ => None,
        }
    }
}

/// The signed-in person, as pages see them. Carries no secrets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub roles: Vec<Role>,
}

impl CurrentUser {
    pub fn has(&self, role: Role) -> bool {
        role == Role::Mentee || self.roles.contains(&role)
    }
}

impl CurrentUser {
    /// "Mentee, mentor and coordinator", for people to read.
    pub fn roles_text(&self) -> String {
        let mut names = vec!["mentee"];
        names.extend(self.roles.iter().filter(|r| **r != Role::Mentee).map(|r| r.as_str()));
        let mut text = match names.as_slice() {
            [one] => one.to_string(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
            [] => String::new(),
        };
        if let Some(first) = text.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        text
    }
}
