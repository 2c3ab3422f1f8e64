//! `/desk/team/:id`: one volunteer as her coordinator plans with her — her profile
//! (languages, postcode area, how many families, paused, start date), which matching
//! uses, and her supervision log: notes of one-to-one talks, group sessions and
//! trainings she attended, and her leaving evaluation. Only coordinators see this page.

use super::i18n::{dr, dx};
use super::intake::{desk_options, intake_error};
use super::session::use_session;
use crate::api::{SupervisionKind, SupervisionNote, VolunteerFile};
use crate::components::form::{options, toggle, tr, ChipGroup, Select, TextArea, TextInput};
use crate::components::layout::{LoadProblem, Loading};
use crate::domain::clock::today;
use crate::domain::dates::format_date;
use crate::domain::family::LANGUAGES;
use crate::domain::matching::VolunteerProfile;
use crate::net::{load, Call};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Sends a change and shows the volunteer's file the server answers with.
#[derive(Clone, Copy)]
struct Sender {
    file: RwSignal<Option<Result<VolunteerFile, String>>>,
    failure: RwSignal<Option<String>>,
    /// Set once the profile was saved (kept here: the form is drawn anew with the answer).
    saved: RwSignal<bool>,
}

impl Sender {
    fn send(self, call: Call<'static>, done: impl FnOnce() + 'static) {
        leptos::task::spawn_local(async move {
            match call.json::<VolunteerFile>().await {
                Ok(file) => {
                    self.failure.set(None);
                    self.file.set(Some(Ok(file)));
                    done();
                }
                Err(f) => self.failure.set(Some(f.code().to_string())),
            }
        });
    }
}

/// `/desk/team/:id`.
#[component]
pub fn VolunteerPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let file = load::<VolunteerFile>(move || format!("/volunteers/{}", id()));
    provide_context(Sender {
        file,
        failure: RwSignal::new(None),
        saved: RwSignal::new(false),
    });
    view! {
        {move || match file.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(code)) => view! { <LoadProblem code/> }.into_any(),
            Some(Ok(file)) => view! {
                <h1 data-testid="volunteer-name">{file.name.clone()}</h1>
                {move || expect_context::<Sender>().failure.get().map(|code| view! { <LoadProblem code/> })}
                <div class="file-columns">
                    <ProfileForm profile=file.profile.clone()/>
                    <SupervisionLog notes=file.supervision.clone() volunteer=file.profile.user_id.clone()/>
                </div>
            }.into_any(),
        }}
    }
}

/// Her profile, as typed.
#[derive(Clone, Debug, PartialEq)]
struct ProfileInput {
    languages: Vec<String>,
    area: String,
    capacity: String,
    paused: bool,
    started_on: String,
}

#[component]
fn ProfileForm(profile: VolunteerProfile) -> impl IntoView {
    let sender = expect_context::<Sender>();
    let session = use_session();
    let input = RwSignal::new(ProfileInput {
        languages: profile.languages.clone(),
        area: profile.area.clone(),
        capacity: profile.capacity.to_string(),
        paused: profile.paused,
        started_on: profile.started_on.map(format_date).unwrap_or_default(),
    });
    let problems = RwSignal::new(Vec::<&'static str>::new());
    let saved = sender.saved;
    let base = profile.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = input.get_untracked();
        let mut wrong = Vec::new();
        let capacity = typed.capacity.trim().parse::<u32>().ok();
        let started = match typed.started_on.trim() {
            "" => Some(None),
            text => NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(Some),
        };
        let next = VolunteerProfile {
            languages: typed.languages.clone(),
            area: typed.area.trim().to_string(),
            capacity: capacity.unwrap_or(u32::MAX),
            paused: typed.paused,
            started_on: started.flatten(),
            ..base.clone()
        };
        if let Err(errors) = next.check_profile() {
            wrong.extend(errors.into_iter().map(|(field, _)| field.wire()));
        }
        if started.is_none() {
            wrong.push("started_on");
        }
        problems.set(wrong.clone());
        if wrong.is_empty() {
            saved.set(false);
            sender.send(
                Call::put(
                    format!("/volunteers/{}/profile", next.user_id),
                    &next,
                    session.csrf(),
                ),
                move || saved.set(true),
            );
        }
    };
    let field =
        move |f: fn(&mut ProfileInput) -> &mut String| crate::components::form::bind(input, f);
    let (area, set_area) = field(|p| &mut p.area);
    let (capacity, set_capacity) = field(|p| &mut p.capacity);
    let (started, set_started) = field(|p| &mut p.started_on);
    view! {
        <section class="panel" aria-labelledby="profile-title">
            <h2 id="profile-title">{dr(|d| d.families.profile_title)}</h2>
            <p class="hint">{dr(|d| d.families.profile_hint)}</p>
            <form class="form" on:submit=save novalidate data-testid="profile-form">
                <ChipGroup id="profile_languages" legend=dr(|d| d.families.languages_spoken)
                    selected=Signal::derive(move || input.with(|p| p.languages.clone()))
                    on_toggle=Callback::new(move |code| input.update(|p| toggle(&mut p.languages, code)))
                    options=options(&LANGUAGES, |c| c, |t, c| (t.language_of)(c))
                    error=intake_error(problems, "languages", |d| d.families.languages_invalid)/>
                <TextInput id="profile_area" label=dr(|d| d.families.area) hint=dr(|d| d.families.volunteer_area_hint)
                    inputmode="numeric" value=area on_input=set_area
                    error=intake_error(problems, "area", |d| d.families.area_invalid)/>
                <TextInput id="capacity" label=dr(|d| d.families.capacity) kind="number" inputmode="numeric"
                    value=capacity on_input=set_capacity
                    error=intake_error(problems, "capacity", |d| d.families.capacity_invalid)/>
                <TextInput id="started_on" label=dr(|d| d.families.started_on) kind="date"
                    value=started on_input=set_started
                    error=intake_error(problems, "started_on", |d| d.families.date_invalid)/>
                <label class="check">
                    <input type="checkbox" id="paused" prop:checked=move || input.with(|p| p.paused)
                        on:change=move |_| input.update(|p| p.paused = !p.paused)/>
                    <span>{dr(|d| d.families.paused_label)}</span>
                </label>
                <div class="actions">
                    <button type="submit" class="button primary">{tr(|t| t.save)}</button>
                    {move || saved.get().then(|| view! { <span role="status" class="saved">{dr(|d| d.families.saved)}</span> })}
                </div>
            </form>
        </section>
    }
}

/// The supervision log: a form for a new note, then every note, newest first.
#[component]
fn SupervisionLog(notes: Vec<SupervisionNote>, volunteer: String) -> impl IntoView {
    let sender = expect_context::<Sender>();
    let session = use_session();
    let kind = RwSignal::new(SupervisionKind::OneToOne.code().to_string());
    let held_on = RwSignal::new(format_date(today()));
    let topics = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<&'static str>::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let day = NaiveDate::parse_from_str(held_on.get_untracked().trim(), "%Y-%m-%d").ok();
        let mut wrong = Vec::new();
        match day {
            Some(d) if d <= today() => {}
            _ => wrong.push("held_on"),
        }
        if note.get_untracked().trim().is_empty() && topics.get_untracked().trim().is_empty() {
            wrong.push("note");
        }
        problems.set(wrong.clone());
        let (Some(day), true) = (day, wrong.is_empty()) else {
            return;
        };
        let entry = SupervisionNote {
            id: String::new(),
            kind: SupervisionKind::from_code(&kind.get_untracked())
                .unwrap_or(SupervisionKind::OneToOne),
            held_on: day,
            topics: topics.get_untracked(),
            note: note.get_untracked(),
            author: String::new(),
        };
        sender.send(
            Call::post(
                format!("/volunteers/{volunteer}/supervision"),
                &entry,
                session.csrf(),
            ),
            move || {
                topics.set(String::new());
                note.set(String::new());
            },
        );
    };
    view! {
        <section class="panel" aria-labelledby="supervision-title">
            <h2 id="supervision-title">{dr(|d| d.families.supervision_title)}</h2>
            <p class="hint">{dr(|d| d.families.supervision_hint)}</p>
            <form class="form" on:submit=add novalidate data-testid="supervision-form">
                <Select id="supervision_kind" label=dr(|d| d.families.supervision_kind)
                    value=Signal::derive(move || kind.get()) on_change=Callback::new(move |v| kind.set(v))
                    options=desk_options(&SupervisionKind::ALL, SupervisionKind::code, |d, k| (d.families.supervision_kind_name)(k))
                    error=Signal::derive(|| None)/>
                <TextInput id="held_on" kind="date" label=dr(|d| d.families.held_on)
                    value=Signal::derive(move || held_on.get()) on_input=Callback::new(move |v| held_on.set(v))
                    error=intake_error(problems, "held_on", |d| d.families.date_invalid)/>
                <TextInput id="topics" label=dr(|d| d.families.topics)
                    value=Signal::derive(move || topics.get()) on_input=Callback::new(move |v| topics.set(v))
                    error=Signal::derive(|| None)/>
                <TextArea id="supervision_note" label=dr(|d| d.families.note) rows=4
                    value=Signal::derive(move || note.get()) on_input=Callback::new(move |v| note.set(v))
                    error=intake_error(problems, "note", |d| d.families.note_required)/>
                <button type="submit" class="button primary">{dr(|d| d.families.add_note)}</button>
            </form>
            {if notes.is_empty() {
                view! { <p class="empty">{dr(|d| d.families.no_notes)}</p> }.into_any()
            } else {
                view! {
                    <ol class="history" data-testid="supervision-log">
                        {notes.into_iter().map(|n| {
                            let (day, k) = (n.held_on, n.kind);
                            let head = dx(move |t, d| format!("{} · {}", t.day(day), (d.families.supervision_kind_name)(k)));
                            view! {
                                <li>
                                    <strong>{head}</strong>
                                    {(!n.topics.is_empty()).then(|| view! { <p class="card-meta">{n.topics.clone()}</p> })}
                                    <p class="note-text">{n.note.clone()}</p>
                                    <p class="card-meta">{n.author.clone()}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
