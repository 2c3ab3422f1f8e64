//! What waits for the coordinator: the counts in her navigation (visits she has not
//! reviewed, and how many of them carry a signal of concern), asked from the server
//! when the workspace opens and again after each of her review marks.

use super::i18n::dx;
use crate::api::InboxCounts;
use leptos::prelude::*;

/// The counts shown in the workspace's navigation.
#[derive(Clone, Copy)]
pub struct Inbox {
    counts: RwSignal<Option<InboxCounts>>,
}

impl Inbox {
    /// Makes the counts available to every workspace screen and asks for them.
    pub fn provide() -> Inbox {
        let inbox = Inbox {
            counts: RwSignal::new(None),
        };
        provide_context(inbox);
        Effect::new(move |_| inbox.refresh());
        inbox
    }

    /// Asks the server again (after she marked a visit). Without an answer (offline,
    /// not a coordinator) the counts are left out.
    pub fn refresh(self) {
        leptos::task::spawn_local(async move {
            let answer = crate::net::Call::get("/inbox").json::<InboxCounts>().await;
            self.counts.set(answer.ok());
        });
    }
}

/// The workspace's inbox counts.
pub fn use_inbox() -> Inbox {
    expect_context::<Inbox>()
}

/// The counts beside the inbox link: how many visits wait, how many signals are open
/// (marked late when one is overdue), and how many answers are new.
#[component]
pub fn InboxBadges() -> impl IntoView {
    let inbox = use_inbox();
    move || {
        inbox.counts.get().map(|c| {
            let waiting = dx(move |_, d| (d.waiting_count)(c.unreviewed));
            let signals = dx(move |_, d| (d.signals_count)(c.open_signals));
            let answers = dx(move |_, d| (d.signals.answers_count)(c.new_answers));
            view! {
                <span class="counts" data-testid="inbox-counts">
                    <span class="count">{waiting}</span>
                    {(c.open_signals > 0).then(|| view! {
                        <span class="count signal" class:late={c.overdue_signals > 0}>"⚑ " {signals}</span>
                    })}
                    {(c.new_answers > 0).then(|| view! {
                        <span class="count answers">"✉ " {answers}</span>
                    })}
                </span>
            }
        })
    }
}
