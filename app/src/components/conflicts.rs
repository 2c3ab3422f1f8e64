//! Both versions of a text edited in two places at once, side by side, so she picks one
//! or keeps both. Her choice goes into the form; saving clears the flag of the texts
//! she settled.

use crate::components::form::tr;
use crate::domain::{TextConflict, TextField};
use leptos::prelude::*;

/// The conflicts of a record, each with "keep this one" twice and "keep both".
/// `choose(field, text)` puts the chosen text in the form; `settled` collects the fields
/// she decided on.
#[component]
pub fn ConflictChooser(
    conflicts: Vec<TextConflict>,
    choose: Callback<(TextField, String)>,
    settled: RwSignal<Vec<TextField>>,
) -> impl IntoView {
    let t = crate::i18n::use_texts();
    conflicts
        .into_iter()
        .map(|c| {
            let field = c.field;
            let done = move || settled.with(|s| s.contains(&field));
            let pick = move |text: String| {
                choose.run((field, text));
                settled.update(|s| s.push(field));
            };
            let both = format!("{}\n\n{}", c.theirs, c.mine);
            let (mine, theirs) = (c.mine.clone(), c.theirs.clone());
            view! {
                <section class="conflict panel" data-testid="conflict" class:settled=done>
                    <h2>{move || t.get().text_field_label(field)}</h2>
                    <p class="hint">{tr(|t| t.account.conflict_banner)}</p>
                    <div class="versions">
                        <figure>
                            <figcaption>{tr(|t| t.account.conflict_this_device)}</figcaption>
                            <blockquote>{c.mine}</blockquote>
                            <button type="button" class="button small" on:click=move |_| pick(mine.clone())>
                                {tr(|t| t.account.keep_this)}
                            </button>
                        </figure>
                        <figure>
                            <figcaption>{tr(|t| t.account.conflict_other)}</figcaption>
                            <blockquote>{c.theirs}</blockquote>
                            <button type="button" class="button small" on:click=move |_| pick(theirs.clone())>
                                {tr(|t| t.account.keep_this)}
                            </button>
                        </figure>
                    </div>
                    <button type="button" class="button small" on:click=move |_| pick(both.clone())>
                        {tr(|t| t.account.keep_both)}
                    </button>
                </section>
            }
        })
        .collect_view()
}
