//! Where the volunteer is in her diary, and moving between screens without reloading.
//!
//! The diary's screens are few and flat, so they are a typed [`Screen`] parsed from the
//! path — pages receive typed ids, and an unknown or malformed path is a value, not a
//! panic. The phone bundle does not use `leptos_router`: its nested-route machinery
//! measured about 30 KB brotli of the volunteer's 250 KB first-load budget. The
//! coordinator's workspace (its own bundle, see `crate::desk`) does use it.
//!
//! [`Nav`] keeps the current path in a signal, follows the browser's back and forward
//! buttons, and takes over clicks on same-site links to diary screens. Links to the
//! coordinator's workspace and anything that is not a diary screen load as whole pages.

use crate::domain::{FamilyId, VisitId};
use leptos::prelude::*;

/// One screen of the volunteer's diary, with its parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    /// `/`: her families, the ones needing a visit first.
    Families,
    /// `/families/new`
    NewFamily,
    /// `/families/{id}`
    Family(FamilyId),
    /// `/families/{id}/edit`
    EditFamily(FamilyId),
    /// `/families/{id}/visits/new`
    NewVisit(FamilyId),
    /// `/families/{id}/visits/{visit}`
    Visit(FamilyId, VisitId),
    /// `/visits`: search across visits.
    Visits,
    /// `/feedback`: her coordinator's replies.
    Feedback,
    /// `/groups`: the organisation's meeting groups and their sessions.
    Agenda,
    /// `/settings`
    Settings,
    /// `/login`
    Login,
    /// `/welcome/{code}`: a setup, invite or reset link.
    Welcome(String),
    /// `/desk…`: the coordinator's workspace, a separate bundle loaded as a whole page.
    Desk,
    /// Anything else.
    NotFound,
}

/// First path segment of the coordinator's workspace.
pub const DESK_PREFIX: &str = "/desk";

impl Screen {
    /// Parses a path (without query or fragment; a trailing slash is ignored).
    pub fn parse(path: &str) -> Screen {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Screen::Families,
            ["desk", ..] => Screen::Desk,
            ["visits"] => Screen::Visits,
            ["feedback"] => Screen::Feedback,
            ["groups"] => Screen::Agenda,
            ["settings"] => Screen::Settings,
            ["login"] => Screen::Login,
            ["welcome", code] => Screen::Welcome((*code).to_string()),
            ["families", "new"] => Screen::NewFamily,
            ["families", id, rest @ ..] => match (id.parse::<FamilyId>(), rest) {
                (Ok(id), []) => Screen::Family(id),
                (Ok(id), ["edit"]) => Screen::EditFamily(id),
                (Ok(id), ["visits", "new"]) => Screen::NewVisit(id),
                (Ok(id), ["visits", visit]) => match visit.parse::<VisitId>() {
                    Ok(visit) => Screen::Visit(id, visit),
                    Err(_) => Screen::NotFound,
                },
                _ => Screen::NotFound,
            },
            _ => Screen::NotFound,
        }
    }

    /// True for the screens of the diary bundle (everything but the workspace and
    /// unknown paths): the server answers these with the app shell.
    pub fn is_diary(&self) -> bool {
        !matches!(self, Screen::Desk | Screen::NotFound)
    }
}

/// The current path and the way to change it; shared through context.
#[derive(Clone, Copy)]
pub struct Nav {
    path: RwSignal<String>,
    /// The current screen, parsed once per navigation.
    pub screen: Memo<Screen>,
}

impl Nav {
    /// Starts following the browser's location and makes the handle available to every
    /// component below.
    pub fn provide() -> Nav {
        let path = RwSignal::new(current_path());
        let screen = Memo::new(move |_| path.with(|p| Screen::parse(p)));
        let nav = Nav { path, screen };
        provide_context(nav);
        nav.follow_browser();
        nav
    }

    /// The current path, as a reactive value (for `aria-current` and the like).
    pub fn path(&self) -> Signal<String> {
        self.path.into()
    }

    /// Goes to `href` (a same-site path): a diary screen is shown in place and added to
    /// the history; anything else loads as a whole page.
    pub fn go(&self, href: &str) {
        if !Screen::parse(href).is_diary() {
            load_page(href);
            return;
        }
        push_history(href);
        self.path.set(href.to_string());
        scroll_to_top();
    }

    #[cfg(target_arch = "wasm32")]
    fn follow_browser(self) {
        let back = window_event_listener_untyped("popstate", move |_| {
            self.path.set(current_path());
        });
        let clicks = window_event_listener(leptos::ev::click, move |ev| {
            if let Some(href) = diary_link(&ev) {
                ev.prevent_default();
                self.go(&href);
            }
        });
        on_cleanup(move || {
            back.remove();
            clicks.remove();
        });
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn follow_browser(self) {}
}

/// The navigation handle provided by the app root.
pub fn use_nav() -> Nav {
    expect_context::<Nav>()
}

/// The path the browser shows (with query), `/` outside the browser.
fn current_path() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .map(|w| w.location())
            .and_then(|l| Some(l.pathname().ok()? + &l.search().unwrap_or_default()))
            .unwrap_or_else(|| "/".into())
    }
    #[cfg(not(target_arch = "wasm32"))]
    "/".into()
}

/// The path of a plain left click on a same-site link to a diary screen, if this click
/// is one: no modifier keys, no `target` or `download`, not `rel="external"`.
#[cfg(target_arch = "wasm32")]
fn diary_link(ev: &web_sys::MouseEvent) -> Option<String> {
    use wasm_bindgen::JsCast;
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let anchor: web_sys::HtmlAnchorElement = target.closest("a[href]").ok()??.dyn_into().ok()?;
    let plain = anchor.target().is_empty()
        && !anchor.has_attribute("download")
        && !anchor.rel().split_whitespace().any(|r| r == "external");
    let origin = web_sys::window()?.location().origin().ok()?;
    if !plain || anchor.origin() != origin {
        return None;
    }
    let href = anchor.pathname() + &anchor.search();
    Screen::parse(&href).is_diary().then_some(href)
}

fn push_history(href: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = href;
}

/// Loads `href` as a whole page (another bundle, or a reload).
pub fn load_page(href: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(href);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = href;
}

fn scroll_to_top() {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_diary_path_parses_to_its_screen() {
        let f = FamilyId::new();
        let v = VisitId::new();
        assert_eq!(Screen::parse("/"), Screen::Families);
        assert_eq!(Screen::parse(""), Screen::Families);
        assert_eq!(Screen::parse("/families/new"), Screen::NewFamily);
        assert_eq!(Screen::parse(&format!("/families/{f}")), Screen::Family(f));
        assert_eq!(Screen::parse(&format!("/families/{f}/")), Screen::Family(f));
        assert_eq!(
            Screen::parse(&format!("/families/{f}/edit")),
            Screen::EditFamily(f)
        );
        assert_eq!(
            Screen::parse(&format!("/families/{f}/visits/new")),
            Screen::NewVisit(f)
        );
        assert_eq!(
            Screen::parse(&format!("/families/{f}/visits/{v}")),
            Screen::Visit(f, v)
        );
        assert_eq!(Screen::parse("/visits?q=slaap"), Screen::Visits);
        assert_eq!(Screen::parse("/settings"), Screen::Settings);
        assert_eq!(Screen::parse("/feedback"), Screen::Feedback);
        assert_eq!(Screen::parse("/groups"), Screen::Agenda);
        assert_eq!(Screen::parse("/login"), Screen::Login);
        assert_eq!(
            Screen::parse("/welcome/abc123"),
            Screen::Welcome("abc123".into())
        );
    }

    #[test]
    fn the_workspace_and_unknown_paths_are_not_diary_screens() {
        assert_eq!(Screen::parse("/desk"), Screen::Desk);
        assert_eq!(Screen::parse("/desk/review/x"), Screen::Desk);
        assert!(!Screen::Desk.is_diary());
        for path in [
            "/families/not-an-id",
            "/families/new/edit",
            "/welcome",
            "/api/v1/session",
            "/pkg/naast.wasm",
            &format!("/families/{}/visits/oops", FamilyId::new()),
        ] {
            assert_eq!(Screen::parse(path), Screen::NotFound, "{path}");
            assert!(!Screen::parse(path).is_diary());
        }
    }
}
