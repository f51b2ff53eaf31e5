//! Who a resource is for and where it is filed.

use crate::accounts::{CurrentUser, Role};

crate::vocabulary::reference_list! {
    /// Who may read a resource.
    Audience {
        Everyone = "everyone", "Everyone";
        Staff = "staff", "Signed-in staff";
        TraineeMentors = "trainee-mentors", "Trainee mentors and mentors";
        Mentors = "mentors", "Mentors";
    }
}

crate::vocabulary::reference_list! {
    /// Where a resource is filed: the models taught on the course, then
    /// the moments of a mentoring relationship.
    Category {
        SkilledHelper = "skilled-helper", "The Skilled Helper";
        Grow = "grow", "GROW";
        Oskar = "oskar", "OSKAR";
        Clear = "clear", "CLEAR";
        PreparingForASession = "preparing-for-a-session", "Preparing for a session";
        ForMentees = "for-mentees", "For mentees";
        ForNewMentors = "for-new-mentors", "For new mentors";
        EndingWell = "ending-well", "Ending well";
        WellbeingAndSupport = "wellbeing-and-support", "Well-being and support";
    }
}

crate::vocabulary::reference_list! {
    /// What a resource is: text written here, a link, or a file.
    Kind {
        Article = "article", "Article";
        Link = "link", "Link to another website";
        File = "file", "File to download";
    }
}

impl Audience {
    /// Whether `viewer` (none when signed out) may read a resource for this
    /// audience. Coordinators may read everything, to look after it.
    pub fn admits(self, viewer: Option<&CurrentUser>, is_trainee: bool) -> bool {
        let Some(user) = viewer else { return self == Audience::Everyone };
        if user.has(Role::Coordinator) {
            return true;
        }
        match self {
            Audience::Everyone | Audience::Staff => true,
            Audience::TraineeMentors => is_trainee || user.has(Role::Mentor),
            Audience::Mentors => user.has(Role::Mentor),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(roles: &[Role]) -> CurrentUser {
        CurrentUser { id: 1, display_name: "A".into(), email: "a@example.org".into(), roles: roles.to_vec() }
    }

    #[test]
    fn each_audience_admits_the_right_people() {
        let mentee = user(&[]);
        let mentor = user(&[Role::Mentor]);
        let coordinator = user(&[Role::Coordinator]);
        assert!(Audience::Everyone.admits(None, false));
        assert!(!Audience::Staff.admits(None, false));
        assert!(Audience::Staff.admits(Some(&mentee), false));
        assert!(!Audience::TraineeMentors.admits(Some(&mentee), false));
        assert!(Audience::TraineeMentors.admits(Some(&mentee), true));
        assert!(Audience::TraineeMentors.admits(Some(&mentor), false));
        assert!(!Audience::Mentors.admits(Some(&mentee), true));
        assert!(!Audience::Mentors.admits(None, false));
        assert!(Audience::Mentors.admits(Some(&mentor), false));
        assert!(Audience::Mentors.admits(Some(&coordinator), false));
    }

    #[test]
    fn the_categories_cover_the_four_models() {
        assert_eq!(Category::ALL.len(), 9);
        assert_eq!(Category::from_key("grow"), Some(Category::Grow));
    }
}
