//! Conversation prompts on a visit: questions suggested for this family's child age
//! and the topics she ticked, every question browsable by topic, stars for favourites,
//! picture stories to show the mother, and a "used" tick that goes on the visit.

use crate::components::form::{tr, tx};
use crate::components::show_mode::{own, FallbackMark, ShowMode};
use crate::domain::catalogue::Phase;
use crate::domain::clock::today;
use crate::domain::{Family, Prompt, Story, Topic};
use crate::i18n::{use_locale, use_texts};
use crate::prompts::use_prompts;
use leptos::prelude::*;

/// The prompts section of the visit form. `used` holds the ids marked as used on this
/// visit; `on_toggle` adds or removes one.
#[component]
pub fn PromptPanel(
    family: Signal<Option<Family>>,
    topics: Signal<Vec<String>>,
    used: Signal<Vec<String>>,
    on_toggle: Callback<String>,
) -> impl IntoView {
    let prompts = use_prompts();
    let phase =
        Memo::new(move |_| family.with(|f| f.as_ref().map(|f| Phase::of(f.child, today()))));
    let ticked = Memo::new(move |_| {
        topics.with(|codes| {
            codes
                .iter()
                .filter_map(|c| Topic::from_code(c))
                .collect::<Vec<_>>()
        })
    });
    let suggested = Memo::new(move |_| {
        let favourites = prompts.favourites.get();
        prompts.catalogue.with(|c| {
            c.as_ref().map(|c| {
                c.suggested_prompts(phase.get(), &ticked.get(), &favourites)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<Prompt>>()
            })
        })
    });
    let stories = Memo::new(move |_| {
        prompts.catalogue.with(|c| {
            c.as_ref()
                .map(|c| {
                    c.suggested_stories(phase.get(), &ticked.get())
                        .into_iter()
                        .cloned()
                        .collect::<Vec<Story>>()
                })
                .unwrap_or_default()
        })
    });
    let showing = RwSignal::new(None::<Story>);
    let mothers_languages =
        move || family.with(|f| f.as_ref().map(|f| f.languages.clone()).unwrap_or_default());
    let show = Callback::new(move |story: Story| {
        if used.with_untracked(|u| !u.contains(&story.id)) {
            on_toggle.run(story.id.clone());
        }
        showing.set(Some(story));
    });
    let phase_line = tx(move |t| {
        phase
            .get()
            .map(|p| (t.prompts.fits_phase)((t.prompts.phase_name)(p)))
            .unwrap_or_default()
    });

    // Closed at first, so the fields she writes in stay near the top of the form.
    let open = RwSignal::new(false);
    let summary = tx(move |t| {
        let prompts = suggested.with(|s| s.as_ref().map_or(0, Vec::len));
        (t.prompts.panel_summary)(prompts, stories.with(Vec::len))
    });
    view! {
        <section class="prompts" aria-labelledby="prompts-title">
            <div class="prompts-head">
                <h2 id="prompts-title">{tr(|t| t.prompts.prompts_title)}</h2>
                <button type="button" class="button small" id="prompts-toggle" aria-controls="prompts-body"
                    aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                    {move || if open.get() { tr(|t| t.prompts.hide_panel) } else { tr(|t| t.prompts.show_panel) }}
                </button>
            </div>
            {move || suggested.with(Option::is_some).then(|| view! { <p class="hint">{summary}</p> })}
            {move || (!used.with(Vec::is_empty)).then(|| view! {
                <h3>{tr(|t| t.prompts.used_title)}</h3>
                <UsedPrompts ids=used/>
            })}
            <div id="prompts-body" hidden=move || !open.get()>
            {move || match suggested.get() {
                None => view! { <p class="hint">{tr(|t| t.prompts.no_catalogue)}</p> }.into_any(),
                Some(list) => view! {
                    <p class="hint">{phase_line}</p>
                    {move || ticked.with(Vec::is_empty).then(|| view! {
                        <p class="hint">{tr(|t| t.prompts.tick_topics_hint)}</p>
                    })}
                    <ul class="prompt-list" id="suggested-prompts">
                        {list.into_iter().map(|p| view! { <PromptRow prompt=p scope="suggested" used on_toggle/> }).collect_view()}
                    </ul>
                    <StoryList stories used on_toggle show/>
                    <BrowseAll used on_toggle/>
                }.into_any(),
            }}
            </div>
            {move || showing.get().map(|story| {
                let languages = mothers_languages();
                let lang = languages.first().cloned().unwrap_or_else(|| "nl".into());
                view! {
                    <ShowMode story lang languages on_close=Callback::new(move |_| showing.set(None))/>
                }
            })}
        </section>
    }
}

/// One question with its star and its "used" tick, in the volunteer's language.
#[component]
fn PromptRow(
    prompt: Prompt,
    scope: &'static str,
    used: Signal<Vec<String>>,
    on_toggle: Callback<String>,
) -> impl IntoView {
    let prompts = use_prompts();
    let locale = use_locale();
    let id = StoredValue::new(prompt.id.clone());
    let question = prompt.text.clone();
    let text = Memo::new(move |_| own(question.in_lang(locale.get().code())));
    let starred = move || {
        prompts
            .favourites
            .with(|f| id.with_value(|id| f.contains(id)))
    };
    let is_used = move || used.with(|u| id.with_value(|id| u.contains(id)));
    let check_id = format!("used-{scope}-{}", prompt.id);
    view! {
        <li class="prompt" data-prompt=prompt.id.clone()>
            <button type="button" class="star" aria-pressed=move || starred().to_string()
                aria-label=tr(|t| t.prompts.favourite)
                on:click=move |_| id.with_value(|id| prompts.toggle_favourite(id))>
                {move || if starred() { "★" } else { "☆" }}
            </button>
            <p class="prompt-text" lang=move || text.get().1>
                {move || text.get().0}
                {move || text.get().2.then(|| view! { " " <FallbackMark/> })}
            </p>
            <label class="check used" for=check_id.clone()>
                <input type="checkbox" id=check_id.clone() prop:checked=is_used
                    on:change=move |_| on_toggle.run(id.get_value())/>
                <span>{tr(|t| t.prompts.used)}</span>
            </label>
        </li>
    }
}

/// The picture stories that fit, each with a button to show it.
#[component]
fn StoryList(
    stories: Memo<Vec<Story>>,
    used: Signal<Vec<String>>,
    on_toggle: Callback<String>,
    show: Callback<Story>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <h3>{tr(|t| t.prompts.stories_title)}</h3>
        <ul class="story-list">
            {move || stories.get().into_iter().map(|story| {
                let title = own(story.title.in_lang(locale.get().code()));
                let id = StoredValue::new(story.id.clone());
                let check_id = format!("used-{}", story.id);
                let cover = story.pictures.first().map(|p| p.image.clone()).unwrap_or_default();
                let story = StoredValue::new(story);
                view! {
                    <li class="story" data-story=id.get_value()>
                        <img src=cover alt="" loading="lazy" width="96" height="72"/>
                        <div class="story-body">
                            <p class="story-title" lang=title.1>{title.0}</p>
                            <div class="story-actions">
                                <button type="button" class="button primary" on:click=move |_| show.run(story.get_value())>
                                    {tr(|t| t.prompts.show_story)}
                                </button>
                                <label class="check used" for=check_id.clone()>
                                    <input type="checkbox" id=check_id.clone()
                                        prop:checked=move || used.with(|u| id.with_value(|id| u.contains(id)))
                                        on:change=move |_| on_toggle.run(id.get_value())/>
                                    <span>{tr(|t| t.prompts.used)}</span>
                                </label>
                            </div>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Every active question, grouped by topic; rendered only when opened.
#[component]
fn BrowseAll(used: Signal<Vec<String>>, on_toggle: Callback<String>) -> impl IntoView {
    let prompts = use_prompts();
    let t = use_texts();
    let open = RwSignal::new(false);
    view! {
        <details class="browse" on:toggle=move |_| open.set(true)>
            <summary>{tr(|t| t.prompts.browse_all)}</summary>
            {move || open.get().then(|| Topic::ALL.iter().map(|topic| {
                let list: Vec<Prompt> = prompts.catalogue.with(|c| {
                    c.as_ref().map(|c| c.prompts_about(*topic).cloned().collect()).unwrap_or_default()
                });
                (!list.is_empty()).then(|| view! {
                    <h4>{(t.get().topic_name)(*topic)}</h4>
                    <ul class="prompt-list">
                        {list.into_iter().map(|p| view! { <PromptRow prompt=p scope="all" used on_toggle/> }).collect_view()}
                    </ul>
                })
            }).collect_view())}
        </details>
    }
}

/// The prompts and stories used on a visit, by their words in her language; retired
/// ones are still named, and marked.
#[component]
pub fn UsedPrompts(#[prop(into)] ids: Signal<Vec<String>>) -> impl IntoView {
    let prompts = use_prompts();
    let locale = use_locale();
    let labels = move || {
        let lang = locale.get().code();
        prompts.catalogue.with(|c| {
            ids.get()
                .into_iter()
                .map(|id| {
                    let found = c.as_ref().and_then(|c| {
                        let retired = c
                            .prompt(&id)
                            .map(|p| p.retired)
                            .or_else(|| c.story(&id).map(|s| s.retired));
                        c.used_label(&id, lang)
                            .map(|l| (own(l), retired.unwrap_or(false)))
                    });
                    found.unwrap_or(((id, lang.to_string(), false), false))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <ul class="used-list" data-testid="prompts-used">
            {move || labels().into_iter().map(|((text, lang, fallback), retired)| view! {
                <li lang=lang>
                    {text}
                    {fallback.then(|| view! { " " <FallbackMark/> })}
                    {retired.then(|| view! { " " <span class="badge">{tr(|t| t.prompts.retired_badge)}</span> })}
                </li>
            }).collect_view()}
        </ul>
    }
}
