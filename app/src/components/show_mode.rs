//! Show mode: a picture story full screen for the mother. The pictures are large, a tap
//! or a swipe moves on, and the captions and questions are in the *mother's* language
//! (laid out right to left for Arabic), while the controls stay in the volunteer's.

use crate::components::form::{tr, tx};
use crate::domain::catalogue::{direction, Localised};
use crate::domain::Story;
use crate::i18n::use_texts;
use leptos::prelude::*;

/// Shortest horizontal finger movement that counts as a swipe, in CSS pixels.
const SWIPE_MIN_PX: i32 = 40;

/// The full-screen view of one story. `languages` are offered to switch the mother's
/// language; `on_close` ends show mode.
#[component]
pub fn ShowMode(
    story: Story,
    lang: String,
    languages: Vec<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let count = story.pictures.len();
    let story = StoredValue::new(story);
    let index = RwSignal::new(0usize);
    let lang = RwSignal::new(lang);
    let next = move || index.update(|i| *i = (*i + 1).min(count.saturating_sub(1)));
    let previous = move || index.update(|i| *i = i.saturating_sub(1));
    let rtl = move || lang.with(|l| direction(l) == "rtl");
    // In a right-to-left language the story runs to the left: a swipe to the right
    // moves on.
    let forward = move |towards_right: bool| {
        if towards_right == rtl() {
            next()
        } else {
            previous()
        }
    };
    let touch_x = StoredValue::new(None::<i32>);
    let dialog = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = dialog.get() {
            let _ = el.focus();
        }
    });
    let keys = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => on_close.run(()),
        "ArrowRight" => forward(true),
        "ArrowLeft" => forward(false),
        _ => {}
    };
    let picture = move || {
        let i = index.get();
        lang.with(|l| {
            story.with_value(|s| {
                let p = &s.pictures[i.min(count - 1)];
                let caption = p.caption.in_lang(l);
                let questions: Vec<_> = p.questions.iter().map(|q| own(q.in_lang(l))).collect();
                (p.image.clone(), own(caption), questions)
            })
        })
    };
    let title = move || lang.with(|l| story.with_value(|s| own(s.title.in_lang(l))));
    let choices = move || {
        let mut all = languages.clone();
        for code in crate::domain::catalogue::CATALOGUE_LANGUAGES {
            if !all.iter().any(|l| l == code) {
                all.push(code.to_string());
            }
        }
        all
    };

    view! {
        <div class="show" role="dialog" aria-modal="true" aria-label=move || title().0 tabindex="-1"
            node_ref=dialog on:keydown=keys>
            <div class="show-bar">
                <label class="show-lang">
                    <span>{tr(|t| t.prompts.mothers_language)}</span>
                    <select id="show-lang" on:change=move |ev| lang.set(event_target_value(&ev))>
                        {choices().into_iter().map(|code| {
                            let selected = lang.get_untracked() == code;
                            let name = (t.get_untracked().language_of)(&code);
                            view! { <option value=code.clone() selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <button type="button" class="button show-close" on:click=move |_| on_close.run(())>
                    {tr(|t| t.close)}
                </button>
            </div>
            {move || {
                let (image, caption, questions) = picture();
                let (title, title_lang, _) = title();
                view! {
                    <figure class="show-picture" lang=lang.get() dir=move || direction(&lang.get())
                        on:touchstart=move |ev| touch_x.set_value(first_touch_x(&ev))
                        on:touchend=move |ev| {
                            if let (Some(start), Some(end)) = (touch_x.get_value(), first_touch_x(&ev)) {
                                if (end - start).abs() >= SWIPE_MIN_PX {
                                    forward(end > start);
                                }
                            }
                        }>
                        <img src=image alt=caption.0.clone() fetchpriority="high" on:click=move |_| next()/>
                        <figcaption>
                            <p class="show-title" lang=title_lang>{title}</p>
                            <p class="show-caption" lang=caption.1.clone()>{caption.0}</p>
                            {caption.2.then(|| view! { <FallbackMark/> })}
                            <ul class="show-questions">
                                {questions.into_iter().map(|(text, lang, _)| view! { <li lang=lang>{text}</li> }).collect_view()}
                            </ul>
                        </figcaption>
                    </figure>
                }
            }}
            <div class="show-nav" dir=move || direction(&lang.get())>
                <button type="button" class="button" disabled=move || { index.get() == 0 } on:click=move |_| previous()>
                    {tr(|t| t.prompts.previous)}
                </button>
                <span class="show-count" aria-live="polite">
                    {tx(move |t| (t.prompts.picture_of)(index.get() + 1, count))}
                </span>
                <button type="button" class="button primary" disabled=move || { index.get() + 1 >= count }
                    on:click=move |_| next()>
                    {tr(|t| t.prompts.next)}
                </button>
            </div>
        </div>
    }
}

/// A text falling back to Dutch says so, in the volunteer's language.
#[component]
pub fn FallbackMark() -> impl IntoView {
    let locale = crate::i18n::use_locale();
    view! {
        <span class="fallback-mark" lang=move || locale.get().code()>
            {tr(|t| t.prompts.not_translated)}
        </span>
    }
}

/// An owned copy of a picked text: (text, its language, fell back to Dutch).
pub fn own(picked: Localised<'_>) -> (String, String, bool) {
    (
        picked.text.to_string(),
        picked.lang.to_string(),
        picked.fallback,
    )
}

fn first_touch_x(ev: &leptos::ev::TouchEvent) -> Option<i32> {
    let touches = ev.changed_touches();
    touches.get(0).map(|touch| touch.client_x())
}
