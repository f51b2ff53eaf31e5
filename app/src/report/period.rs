//! The period a report covers: two UTC dates, both days included, read
//! from the report's GET form. Plain Rust, shared by both builds.

use crate::dates;
use crate::error::FieldError;

/// From the first moment of `from` up to (not including) the day after `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub from: String,
    pub to: String,
}

impl Period {
    /// The default: the twelve months up to and including `today`.
    pub fn last_twelve_months(today: &str) -> Period {
        let from = dates::add_months(today, -12).and_then(|d| dates::add_days(&d, 1)).unwrap_or_default();
        Period { from, to: today.to_string() }
    }

    pub fn starts_at(&self) -> i64 {
        dates::start_of(&self.from).unwrap_or(0)
    }

    /// Exclusive: the first moment after the period.
    pub fn ends_at(&self) -> i64 {
        dates::add_days(&self.to, 1).and_then(|d| dates::start_of(&d)).unwrap_or(0)
    }
}

fn field(field: &str, message: &str) -> FieldError {
    FieldError { field: field.into(), message: message.into() }
}

/// Reads the form's `from` and `to`; either left empty takes the default.
/// Each problem is named against its own field.
pub fn parse_period(from: &str, to: &str, today: &str) -> Result<Period, Vec<FieldError>> {
    let default = Period::last_twelve_months(today);
    let read = |name: &str, text: &str, fallback: &str| -> Result<String, FieldError> {
        let text = text.trim();
        if text.is_empty() {
            Ok(fallback.to_string())
        } else if dates::parse(text).is_some() {
            Ok(text.to_string())
        } else {
            Err(field(name, "Enter a real date, for example 2026-03-31."))
        }
    };
    let (from, to) = (read("from", from, &default.from), read("to", to, &default.to));
    match (from, to) {
        (Ok(from), Ok(to)) if to < from => {
            Err(vec![field("to", "The end of the period must be on or after its start.")])
        }
        (Ok(from), Ok(to)) => Ok(Period { from, to }),
        (from, to) => Err([from.err(), to.err()].into_iter().flatten().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_give_the_last_twelve_months() {
        let p = parse_period("", " ", "2026-11-30").unwrap();
        assert_eq!((p.from.as_str(), p.to.as_str()), ("2025-12-01", "2026-11-30"));
        assert_eq!(p.ends_at() - p.starts_at(), 365 * 86_400);
    }

    #[test]
    fn an_end_before_the_start_is_refused_beside_the_end() {
        let errors = parse_period("2026-05-02", "2026-05-01", "2026-11-30").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "to");
        assert!(parse_period("2026-05-01", "2026-05-01", "2026-11-30").is_ok());
    }

    #[test]
    fn a_date_that_is_not_real_is_named() {
        let errors = parse_period("2026-02-30", "soon", "2026-11-30").unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["from", "to"]);
    }
}
