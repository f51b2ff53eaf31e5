//! The app's routes: every page by its path, inside the header and
//! footer. Pages render only once their data is in, so a missing record
//! or a refused role can still set the response status (404, 403).

use crate::accounts::closure_page::AccountsDeskPage;
use crate::accounts::my_data_page::MyDataPage;
use crate::accounts::pages::{
    AccountPage, ForgotPasswordPage, RegisterPage, ResetPasswordPage, SignInPage, VerifyEmailPage,
};
use crate::audit::page::AuditTrailPage;
use crate::coordinator::CoordinatorPage;
use crate::courses::certificate_page::{CertificatePage, VerifyCertificatePage};
use crate::courses::coordinator_pages::{CourseRegisterPage, CourseRunsPage};
use crate::courses::pages::{CoursePage, CoursesPage};
use crate::directory::directory_page::DirectoryPage;
use crate::directory::mentor_page::MentorPage;
use crate::directory::profile_page::MyProfilePage;
use crate::directory::review_page::ReviewQueuePage;
use crate::email::pages::OutboxPage;
use crate::frame::context::provide_page_context;
use crate::frame::layout::{Footer, Header, SkipLink};
use crate::home::HomePage;
use crate::outcomes::questions_page::QuestionsPage;
use crate::relationships::attention_page::AttentionPage;
use crate::relationships::relationship_page::RelationshipPage;
use crate::relationships::session_page::SessionNotesPage;
use crate::report::page::ReportPage;
use crate::requests::detail_page::RequestPage;
use crate::requests::offers_page::OffersPage;
use crate::requests::queue_page::RequestQueuePage;
use crate::requests::request_page::MyRequestPage;
use crate::requests::support_page::SupportRoutesPage;
use crate::resources::editor_page::ResourceEditorPage;
use crate::resources::history_page::ResourceHistoryPage;
use crate::resources::manage_page::ManageResourcesPage;
use crate::resources::pages::{ResourcePage, ResourcesPage};
use crate::sessions::availability_page::AvailabilityPage;
use crate::sessions::booking_page::BookingPage;
use crate::sessions::sessions_page::SessionsPage;
use crate::shell::error_pages::NotFoundPage;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_page_context();
    view! {
        <Title formatter=|page: String| format!("{page} – Mentorwell") />
        <Router>
            <SkipLink />
            <Header />
            <main id="main-content" tabindex="-1" class="page">
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async />
                    <Route path=path!("/verify-email") view=VerifyEmailPage ssr=SsrMode::Async />
                    <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/account/my-data") view=MyDataPage ssr=SsrMode::Async />
                    <Route path=path!("/coordinator") view=CoordinatorPage ssr=SsrMode::Async />
                    <Route path=path!("/coordinator/report") view=ReportPage ssr=SsrMode::Async />
                    <Route path=path!("/coordinator/outbox") view=OutboxPage ssr=SsrMode::Async />
                    <Route path=path!("/coordinator/accounts") view=AccountsDeskPage ssr=SsrMode::Async />
                    <Route path=path!("/coordinator/audit") view=AuditTrailPage ssr=SsrMode::Async />
                    <Route path=path!("/coordinator/profiles") view=ReviewQueuePage ssr=SsrMode::Async />
                    <Route path=path!("/directory") view=DirectoryPage ssr=SsrMode::Async />
                    <Route path=path!("/directory/:id") view=MentorPage ssr=SsrMode::Async />
                    <Route path=path!("/profile") view=MyProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/request") view=MyRequestPage ssr=SsrMode::Async />
                    <Route path=path!("/requests/:id") view=RequestPage ssr=SsrMode::Async />
                    <Route path=path!("/offers") view=OffersPage ssr=SsrMode::Async />
                    <Route path=path!("/mentoring/:id") view=RelationshipPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/mentoring/:id/sessions/:session")
                        view=SessionNotesPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/questions/:invitation") view=QuestionsPage ssr=SsrMode::Async />
                    <Route path=path!("/resources") view=ResourcesPage ssr=SsrMode::Async />
                    <Route path=path!("/resources/:slug") view=ResourcePage ssr=SsrMode::Async />
                    <Route path=path!("/coordinator/requests") view=RequestQueuePage ssr=SsrMode::Async />
                    <Route path=path!("/coordinator/relationships") view=AttentionPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/coordinator/support-routes")
                        view=SupportRoutesPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/courses") view=CoursesPage ssr=SsrMode::Async />
                    <Route path=path!("/sessions") view=SessionsPage ssr=SsrMode::Async />
                    <Route path=path!("/sessions/book") view=BookingPage ssr=SsrMode::Async />
                    <Route path=path!("/availability") view=AvailabilityPage ssr=SsrMode::Async />
                    <Route path=path!("/courses/:id") view=CoursePage ssr=SsrMode::Async />
                    <Route path=path!("/coordinator/courses") view=CourseRunsPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/coordinator/courses/:id")
                        view=CourseRegisterPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/certificates/:code") view=CertificatePage ssr=SsrMode::Async />
                    <Route path=path!("/verify-certificate") view=VerifyCertificatePage ssr=SsrMode::Async />
                    <Route path=path!("/coordinator/resources") view=ManageResourcesPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/coordinator/resources/new")
                        view=ResourceEditorPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/coordinator/resources/:slug/edit")
                        view=ResourceEditorPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/coordinator/resources/:slug/history")
                        view=ResourceHistoryPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}
