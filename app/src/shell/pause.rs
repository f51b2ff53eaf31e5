//! Waiting for a pause: typing runs something once the person stops for
//! a moment, not on every key (searching, autosaving, previewing).

use leptos::prelude::*;
use std::time::Duration;

/// Runs the last job given to [`Pause::then`] once no other has come for
/// its delay. Copy, so event handlers can share it.
#[derive(Clone, Copy)]
pub struct Pause {
    pending: StoredValue<Option<TimeoutHandle>>,
}

impl Pause {
    pub fn new() -> Self {
        Pause { pending: StoredValue::new(None) }
    }

    /// Runs `job` after `delay`, dropping any job still waiting.
    pub fn then(self, delay: Duration, job: impl FnOnce() + 'static) {
        self.cancel();
        self.pending.set_value(set_timeout_with_handle(job, delay).ok());
    }

    /// Drops the job still waiting, if any.
    pub fn cancel(self) {
        if let Some(handle) = self.pending.get_value() {
            handle.clear();
        }
    }
}

impl Default for Pause {
    fn default() -> Self {
        Self::new()
    }
}
