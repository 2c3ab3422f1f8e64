//! The coordinator's catalogue: her organisation's prompts and picture stories, with
//! what is missing in which language; add, edit and retire them, and upload pictures.
//! Read from and written to the server directly (she works online); volunteers get
//! every change with their next sync.

use super::i18n::{dr, dx, use_desk_texts, DeskTexts};
use super::session::use_session;
use crate::api::{CatalogueResponse, CatalogueSaved, PictureCreated};
use crate::components::form::{options, tr, ChipGroup};
use crate::components::layout::{LoadProblem, Loading};
use crate::domain::catalogue::{
    check_prompt, check_story, direction, ItemProblem, CATALOGUE_LANGUAGES, PICTURES,
};
use crate::domain::{Catalogue, Phase, Picture, Prompt, Story, SupportForm, Topic, Translated};
use crate::i18n::{use_locale, use_texts};
use crate::net::{load, ApiFailure, Call};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// How many of the catalogue languages a text lacks.
fn missing(text: &Translated) -> usize {
    text.missing(&CATALOGUE_LANGUAGES).len()
}

fn story_missing(story: &Story) -> usize {
    missing(&story.title)
        + story
            .pictures
            .iter()
            .map(|p| missing(&p.caption) + p.questions.iter().map(missing).sum::<usize>())
            .sum::<usize>()
}

/// The catalogue from the server, loaded once per page.
fn load_catalogue() -> RwSignal<Option<Result<CatalogueResponse, String>>> {
    load::<CatalogueResponse>(|| "/catalogue".into())
}

/// Shows `content` once the catalogue is loaded, or the loading state or problem.
fn with_catalogue<V: IntoView + 'static>(
    answer: RwSignal<Option<Result<CatalogueResponse, String>>>,
    content: impl Fn(Catalogue) -> V + Send + Sync + 'static,
) -> impl IntoView {
    move || match answer.get() {
        None => EitherOf3::A(view! { <Loading/> }),
        Some(Err(code)) => EitherOf3::B(view! { <LoadProblem code/> }),
        Some(Ok(r)) => EitherOf3::C(content(r.catalogue.unwrap_or_default())),
    }
}

/// `/catalogue`: every prompt and story, retired ones marked.
#[component]
pub fn CataloguePage() -> impl IntoView {
    let answer = load_catalogue();
    let locale = use_locale();
    let t = use_texts();
    view! {
        <h1>{dr(|d| d.catalogue_title)}</h1>
        <div class="actions">
            <a class="button primary" href="/desk/catalogue/prompts/new">{dr(|d| d.new_prompt)}</a>
            <a class="button" href="/desk/catalogue/stories/new">{dr(|d| d.new_story)}</a>
        </div>
        {with_catalogue(answer, move |c| {
            let lang = locale.get_untracked().code();
            let version = c.version;
            let stories = c.stories.iter().map(|s| {
                let href = format!("/desk/catalogue/stories/{}", s.id);
                let gaps = story_missing(s);
                view! {
                    <li class="catalogue-item" class:retired=s.retired>
                        <a href=href>{s.title.in_lang(lang).text.to_string()}</a>
                        <ItemNotes gaps retired=s.retired/>
                    </li>
                }
            }).collect_view();
            let topics = Topic::ALL.iter().map(|topic| {
                let items = c.prompts.iter().filter(|p| p.topic == *topic).map(|p| {
                    let href = format!("/desk/catalogue/prompts/{}", p.id);
                    let gaps = missing(&p.text);
                    view! {
                        <li class="catalogue-item" class:retired=p.retired data-prompt=p.id.clone()>
                            <a href=href>{p.text.in_lang(lang).text.to_string()}</a>
                            <ItemNotes gaps retired=p.retired/>
                        </li>
                    }
                }).collect_view();
                view! {
                    <h3>{(t.get_untracked().topic_name)(*topic)}</h3>
                    <ul class="catalogue-list">{items}</ul>
                }
            }).collect_view();
            view! {
                <p class="hint" data-testid="catalogue-version">{dx(move |_, d| (d.catalogue_version)(version))}</p>
                <h2>{tr(|t| t.prompts.stories_title)}</h2>
                <ul class="catalogue-list">{stories}</ul>
                <h2>{tr(|t| t.prompts.prompts_title)}</h2>
                {topics}
            }
        })}
    }
}

/// Missing translations and the retired badge of one catalogue line.
#[component]
fn ItemNotes(gaps: usize, retired: bool) -> impl IntoView {
    view! {
        <span class="item-notes">
            {(gaps > 0).then(|| view! { <span class="badge warn">{dx(move |_, d| (d.missing_count)(gaps))}</span> })}
            {retired.then(|| view! { <span class="badge">{tr(|t| t.prompts.retired_badge)}</span> })}
        </span>
    }
}

/// The id in the route, or a fresh one for `new`.
fn route_id() -> Memo<(String, bool)> {
    let params = use_params_map();
    Memo::new(move |_| {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        if id == "new" {
            (uuid::Uuid::new_v4().to_string(), true)
        } else {
            (id, false)
        }
    })
}

/// What the editor says after saving or failing.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Saved,
    Problems(Vec<ItemProblem>),
    Failed(String),
}

fn outcome_of(result: Result<CatalogueSaved, ApiFailure>) -> Outcome {
    match result {
        Ok(_) => Outcome::Saved,
        Err(ApiFailure::Problem(p)) if !p.errors.is_empty() => Outcome::Problems(
            p.errors
                .into_iter()
                .map(|e| ItemProblem {
                    field: e.field,
                    code: code_name(&e.code),
                })
                .collect(),
        ),
        Err(failure) => Outcome::Failed(failure.code().to_string()),
    }
}

/// The known problem codes as static names (others read as `invalid`).
fn code_name(code: &str) -> &'static str {
    [
        "required",
        "too_long",
        "too_few",
        "too_many",
        "unknown_picture",
    ]
    .into_iter()
    .find(|c| *c == code)
    .unwrap_or("invalid")
}

/// The message under a field, for problems at `path` or below it.
fn problem_at(outcome: RwSignal<Option<Outcome>>, path: String) -> Signal<Option<&'static str>> {
    let d = use_desk_texts();
    Signal::derive(move || match outcome.get() {
        Some(Outcome::Problems(list)) => list
            .iter()
            .find(|p| p.field == path || p.field.starts_with(&format!("{path}.")))
            .map(|p| (d.get().catalogue_problem)(p.code)),
        _ => None,
    })
}

/// The saved / failed line of an editor.
#[component]
fn OutcomeLine(outcome: RwSignal<Option<Outcome>>) -> impl IntoView {
    let t = use_texts();
    let d = use_desk_texts();
    move || {
        outcome.get().map(|o| match o {
            Outcome::Saved => view! { <p class="notice-line" role="status">{d.get().saved_for_volunteers}</p> }.into_any(),
            Outcome::Problems(_) => view! { <p class="form-error" role="alert">{t.get().form_has_errors}</p> }.into_any(),
            Outcome::Failed(code) => view! { <p class="form-error" role="alert">{(d.get().catalogue_problem)(&code)}</p> }.into_any(),
        })
    }
}

/// One text in every catalogue language, side by side, with what is missing marked.
#[component]
fn Translations(
    id: String,
    label: Signal<String>,
    text: Signal<Translated>,
    on_edit: Callback<(String, String)>,
    error: Signal<Option<&'static str>>,
    #[prop(default = 2)] rows: u32,
) -> impl IntoView {
    let t = use_texts();
    let d = use_desk_texts();
    view! {
        <fieldset class="field translations" class:has-error=move || error.get().is_some()>
            <legend>{label}</legend>
            <div class="translation-grid">
                {CATALOGUE_LANGUAGES.into_iter().map(|lang| {
                    let input_id = format!("{id}-{lang}");
                    let value = move || text.with(|t| t.raw(lang).to_string());
                    let is_missing = move || text.with(|t| !t.missing(&[lang]).is_empty());
                    view! {
                        <div class="translation" class:missing=is_missing>
                            <label for=input_id.clone()>
                                {move || (t.get().language_of)(lang)}
                                {move || is_missing().then(|| view! { " " <span class="badge warn">{d.get().missing}</span> })}
                            </label>
                            <textarea id=input_id lang=lang dir=direction(lang) rows=rows prop:value=value
                                on:input=move |ev| on_edit.run((lang.to_string(), event_target_value(&ev)))></textarea>
                        </div>
                    }
                }).collect_view()}
            </div>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </fieldset>
    }
}

fn set_lang(text: &mut Translated, lang: String, value: String) {
    if value.trim().is_empty() {
        text.0.remove(&lang);
    } else {
        text.0.insert(lang, value);
    }
}

/// The problem at `path` as an owned message, for the shared form controls.
fn owned(problem: Signal<Option<&'static str>>) -> Signal<Option<String>> {
    Signal::derive(move || problem.get().map(String::from))
}

/// Chips of the child-age phases an item fits.
#[component]
fn PhaseChoice(
    phases: Signal<Vec<Phase>>,
    on_toggle: Callback<Phase>,
    error: Signal<Option<&'static str>>,
) -> impl IntoView {
    let selected =
        Signal::derive(move || phases.with(|p| p.iter().map(|p| p.code().to_string()).collect()));
    view! {
        <ChipGroup id="phases" legend=dr(|d| d.phases) selected
            options=options(Phase::ALL, Phase::code, |t, p| (t.prompts.phase_name)(p))
            on_toggle=Callback::new(move |code: String| {
                if let Some(phase) = Phase::from_code(&code) {
                    on_toggle.run(phase)
                }
            })
            error=owned(error)/>
    }
}

fn toggle_in<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if let Some(pos) = list.iter().position(|x| *x == item) {
        list.remove(pos);
    } else {
        list.push(item);
    }
}

/// A topic select.
#[component]
fn TopicSelect(topic: Signal<Topic>, on_change: Callback<Topic>) -> impl IntoView {
    let t = use_texts();
    view! {
        <div class="field">
            <label for="topic">{dr(|d| d.topic)}</label>
            <select id="topic" on:change=move |ev| {
                if let Some(chosen) = Topic::from_code(&event_target_value(&ev)) {
                    on_change.run(chosen)
                }
            }>
                {Topic::ALL.iter().map(|option| view! {
                    <option value=option.code() selected=move || topic.get() == *option>
                        {move || (t.get().topic_name)(*option)}
                    </option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// Saves an item after checking it here first (the server checks the same).
fn save_item<T: serde::Serialize + Send + Sync + 'static>(
    path: String,
    item: T,
    problems: Vec<ItemProblem>,
    outcome: RwSignal<Option<Outcome>>,
) {
    if !problems.is_empty() {
        outcome.set(Some(Outcome::Problems(problems)));
        return;
    }
    let csrf = use_session().csrf();
    leptos::task::spawn_local(async move {
        let result = Call::put(path, &item, csrf).json::<CatalogueSaved>().await;
        outcome.set(Some(outcome_of(result)));
    });
}

/// `/catalogue/prompts/:id` (or `new`): one question in every language.
#[component]
pub fn PromptEditPage() -> impl IntoView {
    editor_page(
        |d| d.new_prompt,
        |d| d.edit_prompt,
        |c, id| {
            let prompt = c.prompt(&id).cloned().unwrap_or(Prompt {
                id,
                topic: Topic::Crying,
                phases: vec![],
                support: vec![],
                text: Translated::default(),
                retired: false,
            });
            view! { <PromptEditor prompt/> }
        },
    )
}

/// The frame of an editor page: its title (a new item or an existing one), the way
/// back, and `editor` for the item with the route's id once the catalogue is loaded.
fn editor_page<V: IntoView + 'static>(
    new_title: fn(&'static DeskTexts) -> &'static str,
    edit_title: fn(&'static DeskTexts) -> &'static str,
    editor: impl Fn(Catalogue, String) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let answer = load_catalogue();
    let id = route_id();
    let title = move || dr(if id.get().1 { new_title } else { edit_title });
    view! {
        <h1>{title}</h1>
        <p><a href="/desk/catalogue">{tr(|t| t.back)}</a></p>
        {with_catalogue(answer, move |c| editor(c, id.get_untracked().0))}
    }
}

#[component]
fn PromptEditor(prompt: Prompt) -> impl IntoView {
    let form = RwSignal::new(prompt);
    let outcome = RwSignal::new(None::<Outcome>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let prompt = form.get_untracked();
        let path = format!("/catalogue/prompts/{}", prompt.id);
        let problems = check_prompt(&prompt);
        save_item(path, prompt, problems, outcome);
    };
    view! {
        <form class="form editor" on:submit=save novalidate>
            <TopicSelect topic=Signal::derive(move || form.with(|p| p.topic))
                on_change=Callback::new(move |topic| form.update(|p| p.topic = topic))/>
            <PhaseChoice phases=Signal::derive(move || form.with(|p| p.phases.clone()))
                on_toggle=Callback::new(move |phase| form.update(|p| toggle_in(&mut p.phases, phase)))
                error=problem_at(outcome, "phases".into())/>
            <ChipGroup id="support" legend=tr(|t| t.support_forms)
                selected=Signal::derive(move || form.with(|p| p.support.iter().map(|s| s.code().to_string()).collect()))
                options=options(SupportForm::ALL, SupportForm::code, |t, s| (t.support_name)(s))
                on_toggle=Callback::new(move |code: String| {
                    if let Some(support) = SupportForm::from_code(&code) {
                        form.update(|p| toggle_in(&mut p.support, support))
                    }
                })
                error=owned(problem_at(outcome, "support".into()))/>
            <Translations id="text".into() label=dx(|_, d| d.question)
                text=Signal::derive(move || form.with(|p| p.text.clone()))
                on_edit=Callback::new(move |(lang, value)| form.update(|p| set_lang(&mut p.text, lang, value)))
                error=problem_at(outcome, "text".into())/>
            <EditorFooter retired=Signal::derive(move || form.with(|p| p.retired))
                on_toggle=Callback::new(move |_| form.update(|p| p.retired = !p.retired)) outcome/>
        </form>
    }
}

/// The end of every editor: the item's retire tick, what saving said, and Save.
#[component]
fn EditorFooter(
    retired: Signal<bool>,
    on_toggle: Callback<()>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    view! {
        <label class="check" for="retired">
            <input type="checkbox" id="retired" prop:checked=retired on:change=move |_| on_toggle.run(())/>
            <span>{dr(|d| d.retire)}</span>
        </label>
        <OutcomeLine outcome/>
        <div class="actions">
            <button type="submit" class="button primary">{tr(|t| t.save)}</button>
        </div>
    }
}

/// `/catalogue/stories/:id` (or `new`): a picture story with its pictures.
#[component]
pub fn StoryEditPage() -> impl IntoView {
    editor_page(
        |d| d.new_story,
        |d| d.edit_story,
        |c, id| {
            let story = c.story(&id).cloned().unwrap_or(Story {
                id,
                topic: Topic::Crying,
                phases: vec![],
                title: Translated::default(),
                pictures: (0..*PICTURES.start()).map(|_| blank_picture()).collect(),
                retired: false,
            });
            view! { <StoryEditor story/> }
        },
    )
}

/// A picture still to be filled in: no image, one question.
fn blank_picture() -> Picture {
    Picture {
        image: String::new(),
        caption: Translated::default(),
        questions: vec![Translated::default()],
    }
}

#[component]
fn StoryEditor(story: Story) -> impl IntoView {
    let form = RwSignal::new(story);
    let outcome = RwSignal::new(None::<Outcome>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let story = form.get_untracked();
        let path = format!("/catalogue/stories/{}", story.id);
        let problems = check_story(&story);
        save_item(path, story, problems, outcome);
    };
    let count = move || form.with(|s| s.pictures.len());
    view! {
        <form class="form editor" on:submit=save novalidate>
            <TopicSelect topic=Signal::derive(move || form.with(|s| s.topic))
                on_change=Callback::new(move |topic| form.update(|s| s.topic = topic))/>
            <PhaseChoice phases=Signal::derive(move || form.with(|s| s.phases.clone()))
                on_toggle=Callback::new(move |phase| form.update(|s| toggle_in(&mut s.phases, phase)))
                error=problem_at(outcome, "phases".into())/>
            <Translations id="title".into() label=dx(|_, d| d.title) rows=1
                text=Signal::derive(move || form.with(|s| s.title.clone()))
                on_edit=Callback::new(move |(lang, value)| form.update(|s| set_lang(&mut s.title, lang, value)))
                error=problem_at(outcome, "title".into())/>
            <p class="field-error" role="alert">{move || problem_at(outcome, "pictures".into()).get().filter(|_| {
                matches!(outcome.get(), Some(Outcome::Problems(list)) if list.iter().any(|p| p.field == "pictures"))
            })}</p>
            {move || (0..count()).map(|i| view! { <PictureEditor index=i form outcome/> }).collect_view()}
            <div class="actions">
                <button type="button" class="button" disabled=move || { count() >= *PICTURES.end() }
                    on:click=move |_| form.update(|s| s.pictures.push(blank_picture()))>
                    {dr(|d| d.add_picture)}
                </button>
            </div>
            <EditorFooter retired=Signal::derive(move || form.with(|s| s.retired))
                on_toggle=Callback::new(move |_| form.update(|s| s.retired = !s.retired)) outcome/>
        </form>
    }
}

/// One picture of a story: the image (uploaded here), caption and questions.
#[component]
fn PictureEditor(
    index: usize,
    form: RwSignal<Story>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let d = use_desk_texts();
    let session = use_session();
    let picture = move || form.with(|s| s.pictures.get(index).cloned());
    let image = move || picture().map(|p| p.image).unwrap_or_default();
    let upload_problem = RwSignal::new(None::<String>);
    let uploading = RwSignal::new(false);
    let file_id = format!("picture-{index}-file");
    let on_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        let csrf = session.csrf();
        uploading.set(true);
        upload_problem.set(None);
        leptos::task::spawn_local(async move {
            match Call::upload("/pictures", file, csrf)
                .json::<PictureCreated>()
                .await
            {
                Ok(created) => form.update(|s| {
                    if let Some(p) = s.pictures.get_mut(index) {
                        p.image = created.image;
                    }
                }),
                Err(failure) => upload_problem.set(Some(failure.code().to_string())),
            }
            uploading.set(false);
        });
    };
    let questions = move || picture().map_or(0, |p| p.questions.len());
    let path = format!("pictures.{index}");
    view! {
        <fieldset class="picture-editor">
            <legend>{move || (d.get().picture_n)(index + 1)}</legend>
            <div class="picture-upload">
                {move || (!image().is_empty()).then(|| view! { <img src=image() alt="" class="thumb"/> })}
                <div class="field">
                    <label for=file_id.clone()>{dr(|d| d.choose_picture)}</label>
                    <input type="file" id=file_id accept="image/png,image/jpeg,image/webp" on:change=on_file/>
                    <p class="hint">{dr(|d| d.picture_rules)}</p>
                    {move || uploading.get().then(|| view! { <p class="hint" role="status">{dr(|d| d.uploading)}</p> })}
                    <p class="field-error" role="alert">
                        {move || upload_problem.get().map(|code| (d.get().catalogue_problem)(&code))
                            .or_else(|| problem_at(outcome, format!("pictures.{index}.image")).get())}
                    </p>
                </div>
            </div>
            <Translations id=format!("caption-{index}") label=dx(|_, d| d.caption)
                text=Signal::derive(move || picture().map(|p| p.caption).unwrap_or_default())
                on_edit=Callback::new(move |(lang, value)| form.update(|s| {
                    if let Some(p) = s.pictures.get_mut(index) { set_lang(&mut p.caption, lang, value) }
                }))
                error=problem_at(outcome, format!("{path}.caption"))/>
            {move || (0..questions()).map(|q| view! {
                <Translations id=format!("question-{index}-{q}") label=dx(move |_, d| (d.question_n)(q + 1))
                    text=Signal::derive(move || picture().and_then(|p| p.questions.get(q).cloned()).unwrap_or_default())
                    on_edit=Callback::new(move |(lang, value)| form.update(|s| {
                        if let Some(question) = s.pictures.get_mut(index).and_then(|p| p.questions.get_mut(q)) {
                            set_lang(question, lang, value)
                        }
                    }))
                    error=problem_at(outcome, format!("pictures.{index}.questions.{q}"))/>
            }).collect_view()}
            <div class="actions">
                {move || (questions() < 2).then(|| view! {
                    <button type="button" class="button quiet" on:click=move |_| form.update(|s| {
                        if let Some(p) = s.pictures.get_mut(index) { p.questions.push(Translated::default()) }
                    })>{move || (d.get().question_n)(2)}" +"</button>
                })}
                <button type="button" class="button quiet" disabled=move || { form.with(|s| s.pictures.len() <= 3) }
                    on:click=move |_| form.update(|s| { if index < s.pictures.len() { s.pictures.remove(index); } })>
                    {dr(|d| d.remove_picture)}
                </button>
            </div>
        </fieldset>
    }
}
