//! The therapist's pages as lazy routes: their code is split off the browser bundle
//! (cargo-leptos `--split`) into files fetched only when one of them is opened, so
//! a family member's phone downloads only the pages families use.
//!
//! Each route renders on the server exactly as an ordinary one; in the browser the
//! router fetches the page's code before it hydrates the page (the server-rendered
//! page works meanwhile, as it does without JavaScript).

use leptos::prelude::*;
use leptos_router::{Lazy, LazyRoute, lazy_route};

use crate::pages::{
    public::{
        account_link::AccountLinkPage,
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

/// `lazy_page!(Route, view)` declares `Route`, whose view is split off; the route
/// table uses `Route::lazy()` (leptosfmt would strip the braces a turbofish needs).
macro_rules! lazy_page {
    ($route:ident, $view:expr) => {
        pub struct $route;

        impl $route {
            /// The route's view, as `<Route view=…>` takes it.
            pub fn lazy() -> Lazy<$route> {
                Lazy::new()
            }
        }

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_route: Self) -> AnyView {
                $view.into_any()
            }
        }
    };
}

lazy_page!(SignInRoute, view! { <SignInPage /> });
lazy_page!(SecondFactorRoute, view! { <SecondFactorPage /> });
lazy_page!(SignedOutRoute, view! { <SignedOutPage /> });
lazy_page!(SetupRoute, view! { <AccountLinkPage purpose="setup" /> });
lazy_page!(InviteRoute, view! { <AccountLinkPage purpose="invite" /> });
lazy_page!(AccountRoute, view! { <AccountPage /> });
lazy_page!(TwoStepRoute, view! { <TwoStepPage /> });
lazy_page!(ActivityRoute, view! { <ActivityPage /> });
lazy_page!(FamiliesRoute, view! { <FamiliesPage /> });
lazy_page!(FamilyRoute, view! { <FamilyPage /> });
lazy_page!(DeleteFamilyRoute, view! { <DeleteFamilyPage /> });
lazy_page!(OverTimeRoute, view! { <OverTimePage /> });
lazy_page!(ExerciseRoute, view! { <ExercisePage /> });
lazy_page!(InvitationQrRoute, view! { <InvitationQrPage /> });
lazy_page!(PrepareRoute, view! { <PreparePage /> });
lazy_page!(SessionBoardRoute, view! { <SessionBoardPage /> });
lazy_page!(PresenterRoute, view! { <PresenterPage /> });
lazy_page!(SummaryRoute, view! { <SummaryPage /> });
lazy_page!(TemplatesRoute, view! { <TemplatesPage /> });
lazy_page!(TemplateRoute, view! { <TemplatePage /> });
