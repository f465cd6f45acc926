//! The HTML document and the route table.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::components::{
    layout::{ProvideViewer, SiteFooter, SiteHeader, SkipLink},
    not_found::NotFound,
};
use crate::islands::scripts::IslandScripts;
use crate::pages::{
    participant::{
        answers::{review::AnswersReviewPage, section::AnswerSectionPage},
        board::ParticipantBoardPage,
        passcode::{LinkLockedPage, PasscodePage},
        welcome::{LinkNotValidPage, LinkWaitPage, WelcomePage},
    },
    public::{
        account_link::AccountLinkPage,
        crisis::CrisisPage,
        home::HomePage,
        sign_in::{SecondFactorPage, SignInPage, SignedOutPage},
    },
    therapist::{
        account::{AccountPage, activity::ActivityPage, two_step::TwoStepPage},
        board::{PreparePage, PresenterPage, SessionBoardPage, SummaryPage},
        exercise::{ExercisePage, qr::InvitationQrPage},
        family::{
            delete::DeleteFamilyPage, detail::FamilyPage, list::FamiliesPage,
            over_time::OverTimePage,
        },
        templates::{TemplatePage, TemplatesPage},
    },
};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // Settled by the server before rendering; islands read it back from here.
    let language = crate::i18n::page_language();
    view! {
        <!DOCTYPE html>
        <html lang=language.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <IslandScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Every route renders with `SsrMode::Async`: the server waits for a page's data and
/// sends it whole. Pages must work without JavaScript, and out-of-order streaming
/// would leave a "Loading…" fallback that only a script can replace; it also lets a
/// page set its status code (404) and title from its data.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(crate::i18n::page_language());

    view! {
        <Stylesheet id="leptos" href="/pkg/parallel.css" />
        <Title formatter=|page: String| {
            if page.is_empty() { "Parallel".to_string() } else { format!("{page} · Parallel") }
        } />
        <Router>
            <ProvideViewer>
                <SkipLink />
                <SiteHeader />
                <main id="main" tabindex="-1">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                        <Route path=path!("/crisis") view=CrisisPage ssr=SsrMode::Async />
                        <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/sign-in/code")
                            view=SecondFactorPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/signed-out") view=SignedOutPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/setup/:token")
                            view=|| view! { <AccountLinkPage purpose="setup" /> }
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/invite/:token")
                            view=|| view! { <AccountLinkPage purpose="invite" /> }
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/account/two-step")
                            view=TwoStepPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/account/activity")
                            view=ActivityPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/families") view=FamiliesPage ssr=SsrMode::Async />
                        <Route path=path!("/families/:id") view=FamilyPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/families/:id/delete")
                            view=DeleteFamilyPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/families/:id/over-time")
                            view=OverTimePage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/exercises/:id") view=ExercisePage ssr=SsrMode::Async />
                        <Route
                            path=path!("/exercises/:id/qr/:invitation")
                            view=InvitationQrPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/exercises/:id/prepare")
                            view=PreparePage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/exercises/:id/board")
                            view=SessionBoardPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/exercises/:id/present")
                            view=PresenterPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/exercises/:id/summary")
                            view=SummaryPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/board") view=ParticipantBoardPage ssr=SsrMode::Async />
                        <Route path=path!("/templates") view=TemplatesPage ssr=SsrMode::Async />
                        <Route path=path!("/templates/:id") view=TemplatePage ssr=SsrMode::Async />
                        <Route path=path!("/welcome") view=WelcomePage ssr=SsrMode::Async />
                        <Route
                            path=path!("/answers/review")
                            view=AnswersReviewPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/answers/:n")
                            view=AnswerSectionPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/link-not-valid")
                            view=LinkNotValidPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/link-wait") view=LinkWaitPage ssr=SsrMode::Async />
                        <Route path=path!("/passcode") view=PasscodePage ssr=SsrMode::Async />
                        <Route path=path!("/link-locked") view=LinkLockedPage ssr=SsrMode::Async />
                    </Routes>
                </main>
                <SiteFooter />
            </ProvideViewer>
        </Router>
    }
}
