//! Unstuck on the web: server-rendered guide pages that work without
//! JavaScript, the JSON API and feedback; and the same pages as a static
//! site ([`static_site`]).
//!
//! [`app`] builds the router from an [`AppState`]; [`server::serve`] puts it
//! on a socket within limits (connections, header time and size), tests
//! call it with `oneshot`. Handlers live in `routes/`, one
//! module per resource; HTML is built with maud in `render/`. Pages depend
//! only on the guide and the URL, so each rendered state is compressed
//! once and cached (`cache.rs`); an address asked for again is answered
//! before the router (`hot.rs`). The database is only needed for feedback
//! and hand-offs to the support desk (`handoff/`, stored first and
//! delivered afterwards by [`delivery`]): guide pages answer even when it
//! is down.

mod assets;
mod auth;
mod cache;
pub mod delivery;
mod error;
mod events;
pub mod figures;
mod handoff;
mod hot;
mod library;
mod limits;
mod observe;
mod render;
mod routes;
mod search_words;
mod security;
pub mod server;
mod state;
pub mod static_site;
mod tally;

pub use auth::{AdminToken, MIN_TOKEN_CHARS, WeakToken};
pub use cache::CacheCounters;
pub use events::EventCounters;
pub use library::Library;
pub use security::{NotAnOrigin, SiteOrigin};
pub use state::{AppState, Config};
pub use tally::Tally;

use axum::Router;

/// The whole application: pages, API, assets, and the layers around them.
pub fn app(state: AppState) -> Router {
    let security = state.security();
    security::layers(routes::router(&state).with_state(state), security)
}
