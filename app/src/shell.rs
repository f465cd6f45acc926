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
use crate::pages::{
    participant::{
        answers::{review::AnswersReviewPage, section::AnswerSectionPage},
        board::ParticipantBoardPage,
        passcode::{LinkLockedPage, PasscodePage},
        welcome::{LinkNotValidPage, LinkWaitPage, WelcomePage},
    },
    public::{crisis::CrisisPage, home::HomePage},
    therapist::routes::*,
};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options />
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
                        <Route path=path!("/sign-in") view=SignInRoute::lazy() ssr=SsrMode::Async />
                        <Route
                            path=path!("/sign-in/code")
                            view=SecondFactorRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/signed-out")
                            view=SignedOutRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/setup/:token")
                            view=SetupRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/invite/:token")
                            view=InviteRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/account")
                            view=AccountRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/account/two-step")
                            view=TwoStepRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/account/activity")
                            view=ActivityRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/families")
                            view=FamiliesRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/families/:id")
                            view=FamilyRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/families/:id/delete")
                            view=DeleteFamilyRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/families/:id/over-time")
                            view=OverTimeRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/exercises/:id")
                            view=ExerciseRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/exercises/:id/qr/:invitation")
                            view=InvitationQrRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/exercises/:id/prepare")
                            view=PrepareRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/exercises/:id/board")
                            view=SessionBoardRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/exercises/:id/present")
                            view=PresenterRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/exercises/:id/summary")
                            view=SummaryRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/board") view=ParticipantBoardPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/templates")
                            view=TemplatesRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/templates/:id")
                            view=TemplateRoute::lazy()
                            ssr=SsrMode::Async
                        />
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

/// Sets `data-hydrated` on `<body>` once the browser bundle has taken over the whole
/// page (a lazy route's code included), so browser tests (and anyone debugging) can
/// tell a hydrated page from plain HTML.
#[cfg(feature = "hydrate")]
pub(crate) fn mark_hydrated() {
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
