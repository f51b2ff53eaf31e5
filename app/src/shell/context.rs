//! What every page needs to know about the request: who is signed in, and
//! the outcome of a form posted without JavaScript. Loaded once for the
//! app by [`crate::frame::context`].

use super::forms::{FormFlash, FormKey};
use crate::error::AppError;
use crate::people::CurrentUser;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageContext {
    pub user: Option<CurrentUser>,
    pub flash: Option<FormFlash>,
}

impl PageContext {
    /// The flash left by `form`, if it was the last one posted.
    pub fn flash_for(&self, form: FormKey) -> Option<FormFlash> {
        self.flash.clone().filter(|f| f.form == form.name())
    }

    /// The flash left by whichever of `forms` was the last one posted, for
    /// forms that show their outcome in one place.
    pub fn flash_for_any(&self, forms: &[FormKey]) -> Option<FormFlash> {
        self.flash.clone().filter(|f| forms.iter().any(|form| f.form == form.name()))
    }
}

pub type PageResource = Resource<Result<PageContext, AppError>>;

/// The page context. A page still rendering after its client has gone
/// can find its owner's context already dropped: it gets an error that
/// nobody will see instead of a panic.
pub fn use_page_context() -> PageResource {
    use_context::<PageResource>()
        .unwrap_or_else(|| Resource::new(|| (), |_| async { Err(AppError::NotFound) }))
}
