//! The agenda's forms in the workspace: a group (its Dutch texts, one translation at a
//! time, where and how it meets, who hosts it) and a series of sessions. Both are
//! judged by the kinds' own rules before they are sent, with each problem under its
//! field in her language; the server judges them again.

use super::agenda::failure_text;
use super::i18n::{dr, use_desk_texts};
use super::session::use_session;
use crate::api::{Person, Role, SessionPlan};
use crate::components::form::{error_of, FieldMessage};
use crate::domain::agenda::{AGENDA_LANGUAGES, REPEAT_MAX};
use crate::domain::catalogue::Translated;
use crate::domain::clock::{now_local, now_ms, today};
use crate::domain::dates::{format_date, parse_date, parse_time};
use crate::domain::family::LANGUAGES;
use crate::domain::kind::RecordKind;
use crate::domain::{Field, FieldErrors, Frequency, Group, GroupId, Repeat, Session, SessionId};
use crate::i18n::use_texts;
use crate::net::Call;
use leptos::prelude::*;

/// The organisation's people, loaded once by the agenda page (for the host choice).
pub type People = RwSignal<Option<Result<Vec<Person>, String>>>;

/// A labelled one-line input with its message; `id` is unique on the page.
#[component]
fn Line(
    id: String,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    #[prop(optional)] error: Option<Signal<Option<String>>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<Signal<&'static str>>,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input id=id.clone() type=kind aria-describedby=format!("{hint_id} {error_id}")
                aria-invalid=move || error.get().is_some().then_some("true")
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
            <FieldMessage id=error_id.clone() error/>
        </div>
    }
}

/// One text of a group in Dutch and in the translation language she picked.
#[derive(Clone, Copy)]
struct Texts {
    dutch: RwSignal<String>,
    translations: RwSignal<Translated>,
}

impl Texts {
    fn of(text: &Translated) -> Texts {
        Texts {
            dutch: RwSignal::new(text.raw("nl").to_string()),
            translations: RwSignal::new(text.clone()),
        }
    }

    /// Reads and writes the text in `lang`.
    fn in_lang(self, lang: RwSignal<&'static str>) -> RwSignal<String> {
        let value = RwSignal::new(String::new());
        Effect::new(move |_| {
            let code = lang.get();
            value.set(
                self.translations
                    .with_untracked(|t| t.raw(code).to_string()),
            );
        });
        Effect::new(move |_| {
            let text = value.get();
            let code = lang.get_untracked();
            self.translations.update(|t| {
                t.0.insert(code.to_string(), text);
            });
        });
        value
    }

    /// The whole text: Dutch, and every translation that is not blank.
    fn value(self) -> Translated {
        let mut all = self.translations.get_untracked();
        all.0
            .retain(|lang, text| lang != "nl" && !text.trim().is_empty());
        all.0
            .insert("nl".into(), self.dutch.get_untracked().trim().to_string());
        all.0.retain(|_, text| !text.is_empty());
        all
    }
}

/// Adds a group (`group` none) or changes one.
#[component]
pub fn GroupForm(group: Option<Group>, changed: Callback<()>) -> impl IntoView {
    let session = use_session();
    let t = use_texts();
    let d = use_desk_texts();
    let people = use_context::<People>();
    let start = group.clone().unwrap_or_else(|| Group {
        id: GroupId::new(),
        languages: vec!["nl".into()],
        host_account: None,
        base_version: None,
        ended: false,
        ..blank_group()
    });
    let prefix = format!("g{}", start.id.0.simple());
    let id = move |field: &str| format!("{prefix}-{field}");
    let (name, audience, directions) = (
        Texts::of(&start.name),
        Texts::of(&start.audience),
        Texts::of(&start.directions),
    );
    let lang = RwSignal::new("en");
    let (name_in, audience_in, directions_in) = (
        name.in_lang(lang),
        audience.in_lang(lang),
        directions.in_lang(lang),
    );
    let place = RwSignal::new(start.place.clone());
    let address = RwSignal::new(start.address.clone());
    let host = RwSignal::new(start.host.clone());
    let host_account = RwSignal::new(start.host_account.clone().unwrap_or_default());
    let languages = RwSignal::new(start.languages.clone());
    let frequency = RwSignal::new(start.frequency);
    let walk_in = RwSignal::new(start.walk_in);
    let ended = RwSignal::new(start.ended);
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<Signal<&'static str>>);
    let saved = RwSignal::new(false);
    let previous = group.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let next = Group {
            name: name.value(),
            audience: audience.value(),
            directions: directions.value(),
            languages: languages.get_untracked(),
            place: place.get_untracked().trim().to_string(),
            address: address.get_untracked().trim().to_string(),
            host: host.get_untracked().trim().to_string(),
            host_account: Some(host_account.get_untracked()).filter(|h| !h.is_empty()),
            frequency: frequency.get_untracked(),
            walk_in: walk_in.get_untracked(),
            ended: ended.get_untracked(),
            updated_at_ms: now_ms(),
            ..start.clone()
        };
        let found = next.check(now_local(), previous.as_ref());
        let valid = found.is_empty();
        errors.set(found);
        if !valid {
            problem.set(Some(crate::components::form::tr(|t| t.form_has_errors)));
            return;
        }
        problem.set(None);
        let call = Call::put(format!("/groups/{}", next.id), &next, session.csrf());
        leptos::task::spawn_local(async move {
            match call.json::<Group>().await {
                Ok(_) => {
                    saved.set(true);
                    changed.run(());
                }
                Err(f) => problem.set(Some(failure_text(f.code()))),
            }
        });
    };
    let translation_languages = &AGENDA_LANGUAGES[1..];
    view! {
        <form class="form agenda-form" on:submit=save novalidate>
            <Line id=id("name") label=dr(|d| d.agenda.group_name) value=name.dutch error=error_of(errors, Field::GroupName)/>
            <Line id=id("audience") label=dr(|d| d.agenda.audience) value=audience.dutch
                hint=dr(|d| d.agenda.audience_hint) error=error_of(errors, Field::Audience)/>
            <fieldset class="field chips">
                <legend>{dr(|d| d.agenda.languages_spoken)}</legend>
                <div class="chip-row">
                    {LANGUAGES.iter().map(|code| {
                        let input = id(&format!("lang-{code}"));
                        let label_for = input.clone();
                        let on = move || languages.with(|l| l.iter().any(|c| c == code));
                        view! {
                            <label class="chip" class:on=on for=label_for>
                                <input type="checkbox" id=input prop:checked=on
                                    on:change=move |_| languages.update(|l| crate::components::form::toggle(l, code.to_string()))/>
                                <span>{move || (t.get().language_of)(code)}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
                <FieldMessage id=id("languages-error") error=error_of(errors, Field::Languages)/>
            </fieldset>
            <Line id=id("place") label=dr(|d| d.agenda.place) value=place error=error_of(errors, Field::Place)/>
            <Line id=id("address") label=dr(|d| d.agenda.address) value=address/>
            <Line id=id("directions") label=dr(|d| d.agenda.directions) value=directions.dutch error=error_of(errors, Field::Directions)/>
            <Line id=id("host") label=dr(|d| d.agenda.host) value=host hint=dr(|d| d.agenda.host_hint) error=error_of(errors, Field::Host)/>
            <div class="field">
                <label for=id("host-account")>{dr(|d| d.agenda.host_account)}</label>
                <select id=id("host-account") prop:value=host_account on:change=move |ev| host_account.set(event_target_value(&ev))>
                    <option value="">{dr(|d| d.agenda.no_host_account)}</option>
                    {move || volunteers(people).into_iter().map(|p| {
                        let selected = host_account.get_untracked() == p.id;
                        view! { <option value=p.id.clone() selected=selected>{p.display_name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=id("frequency")>{dr(|d| d.agenda.frequency)}</label>
                <select id=id("frequency") on:change=move |ev| frequency.set(frequency_of(&event_target_value(&ev)))>
                    {[Frequency::Weekly, Frequency::Fortnightly, Frequency::Monthly, Frequency::Irregular].into_iter().map(|f| view! {
                        <option value=frequency_code(f) selected=move || frequency.get() == f>{move || (d.get().agenda.frequency_name)(f)}</option>
                    }).collect_view()}
                </select>
            </div>
            <fieldset class="field">
                <legend>{dr(|d| d.agenda.walk_in)}</legend>
                <label class="check"><input type="radio" name=id("walk-in") prop:checked=walk_in on:change=move |_| walk_in.set(true)/> {dr(|d| d.agenda.walk_in_yes)}</label>
                <label class="check"><input type="radio" name=id("walk-in") prop:checked=move || !walk_in.get() on:change=move |_| walk_in.set(false)/> {dr(|d| d.agenda.walk_in_no)}</label>
            </fieldset>
            {group.is_some().then(|| view! {
                <label class="check"><input type="checkbox" prop:checked=ended on:change=move |ev| ended.set(event_target_checked(&ev))/> {dr(|d| d.agenda.ended)}</label>
            })}
            <fieldset class="field translation">
                <legend>{dr(|d| d.agenda.translation)}</legend>
                <p class="hint">{dr(|d| d.agenda.translation_hint)}</p>
                <label for=id("translation") class="visually-hidden">{dr(|d| d.agenda.translation)}</label>
                <select id=id("translation") on:change=move |ev| {
                    let code = event_target_value(&ev);
                    if let Some(found) = AGENDA_LANGUAGES.iter().find(|c| **c == code) { lang.set(found) }
                }>
                    {translation_languages.iter().map(|code| view! {
                        <option value=*code selected=move || lang.get() == *code>{move || (t.get().language_of)(code)}</option>
                    }).collect_view()}
                </select>
                <Line id=id("name-tr") label=dr(|d| d.agenda.group_name) value=name_in/>
                <Line id=id("audience-tr") label=dr(|d| d.agenda.audience) value=audience_in/>
                <Line id=id("directions-tr") label=dr(|d| d.agenda.directions) value=directions_in/>
            </fieldset>
            {move || problem.get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
            {move || saved.get().then(|| view! { <p class="saved" role="status">{dr(|d| d.agenda.saved)}</p> })}
            <button type="submit" class="button primary">{dr(|d| d.agenda.save_group)}</button>
        </form>
    }
}

fn blank_group() -> Group {
    Group {
        name: Translated::default(),
        audience: Translated::default(),
        directions: Translated::default(),
        place: String::new(),
        address: String::new(),
        host: String::new(),
        walk_in: true,
        frequency: Frequency::Weekly,
        ..Group::example()
    }
}

/// The active volunteers who could host a group.
fn volunteers(people: Option<People>) -> Vec<Person> {
    people
        .and_then(|p| p.get())
        .and_then(Result::ok)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.role == Role::Volunteer && p.active)
        .collect()
}

fn frequency_code(f: Frequency) -> &'static str {
    match f {
        Frequency::Weekly => "weekly",
        Frequency::Fortnightly => "fortnightly",
        Frequency::Monthly => "monthly",
        Frequency::Irregular => "irregular",
    }
}

fn frequency_of(code: &str) -> Frequency {
    match code {
        "fortnightly" => Frequency::Fortnightly,
        "monthly" => Frequency::Monthly,
        "irregular" => Frequency::Irregular,
        _ => Frequency::Weekly,
    }
}

/// Plans one session or a series for a group.
#[component]
pub fn PlanForm(group: GroupId, changed: Callback<()>) -> impl IntoView {
    let session = use_session();
    let d = use_desk_texts();
    let prefix = format!("p{}", group.0.simple());
    let id = move |field: &str| format!("{prefix}-{field}");
    let date = RwSignal::new(format_date(today()));
    let starts = RwSignal::new("10:00".to_string());
    let ends = RwSignal::new("11:30".to_string());
    let (theme, guest, bring) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let repeat = RwSignal::new(None::<Repeat>);
    let times = RwSignal::new("1".to_string());
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<Signal<&'static str>>);
    let planned = RwSignal::new(None::<usize>);
    let text = |value: RwSignal<String>| {
        let value = value.get_untracked().trim().to_string();
        Translated(
            std::iter::once(("nl".to_string(), value))
                .filter(|(_, v)| !v.is_empty())
                .collect(),
        )
    };
    let plan = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        planned.set(None);
        let day = parse_date(&date.get_untracked());
        let time = |value: RwSignal<String>| parse_time(&value.get_untracked());
        let count = times
            .get_untracked()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=REPEAT_MAX).contains(n));
        let (Some(day), Some(from), Some(to), Some(count)) = (day, time(starts), time(ends), count)
        else {
            problem.set(Some(dr(|d| d.agenda.times_out_of_range)));
            return;
        };
        let plan = SessionPlan {
            group_id: group,
            date: day,
            starts: from,
            ends: to,
            theme: text(theme),
            guest: text(guest),
            bring: text(bring),
            repeat: repeat.get_untracked(),
            times: if repeat.get_untracked().is_some() {
                count
            } else {
                1
            },
        };
        let first = Session {
            id: SessionId::new(),
            group_id: group,
            date: day,
            starts: from,
            ends: to,
            theme: plan.theme.clone(),
            guest: plan.guest.clone(),
            bring: plan.bring.clone(),
            cancelled: None,
            sequence: 0,
            updated_at_ms: now_ms(),
            base_version: None,
            conflicts: vec![],
            deleted: false,
        };
        let found = first.check(now_local(), None);
        let valid = found.is_empty();
        errors.set(found);
        if !valid {
            problem.set(Some(crate::components::form::tr(|t| t.form_has_errors)));
            return;
        }
        problem.set(None);
        let call = Call::post(format!("/groups/{group}/sessions"), &plan, session.csrf());
        leptos::task::spawn_local(async move {
            match call.json::<Vec<Session>>().await {
                Ok(made) => {
                    planned.set(Some(made.len()));
                    changed.run(());
                }
                Err(f) => problem.set(Some(failure_text(f.code()))),
            }
        });
    };
    view! {
        <form class="form agenda-form" on:submit=plan novalidate>
            <div class="row">
                <Line id=id("date") kind="date" label=dr(|d| d.agenda.first_date) value=date error=error_of(errors, Field::VisitDate)/>
                <Line id=id("starts") kind="time" label=dr(|d| d.agenda.starts) value=starts/>
                <Line id=id("ends") kind="time" label=dr(|d| d.agenda.ends) value=ends error=error_of(errors, Field::Ends)/>
            </div>
            <Line id=id("theme") label=dr(|d| d.agenda.theme) value=theme error=error_of(errors, Field::Theme)/>
            <Line id=id("guest") label=dr(|d| d.agenda.guest) value=guest error=error_of(errors, Field::Guest)/>
            <Line id=id("bring") label=dr(|d| d.agenda.bring) value=bring error=error_of(errors, Field::Bring)/>
            <div class="row">
                <div class="field">
                    <label for=id("repeat")>{dr(|d| d.agenda.repeat)}</label>
                    <select id=id("repeat") on:change=move |ev| repeat.set(repeat_of(&event_target_value(&ev)))>
                        {[None, Some(Repeat::Weekly), Some(Repeat::Fortnightly), Some(Repeat::Monthly)].into_iter().map(|r| view! {
                            <option value=repeat_code(r) selected=move || repeat.get() == r>{move || (d.get().agenda.repeat_name)(r)}</option>
                        }).collect_view()}
                    </select>
                </div>
                {move || repeat.get().is_some().then(|| view! {
                    <Line id=id("times") kind="number" label=dr(|d| d.agenda.times) value=times/>
                })}
            </div>
            {move || problem.get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
            {move || planned.get().map(|n| view! { <p class="saved" role="status">{move || (d.get().agenda.planned)(n)}</p> })}
            <button type="submit" class="button primary">{dr(|d| d.agenda.plan)}</button>
        </form>
    }
}

fn repeat_code(r: Option<Repeat>) -> &'static str {
    match r {
        None => "once",
        Some(Repeat::Weekly) => "weekly",
        Some(Repeat::Fortnightly) => "fortnightly",
        Some(Repeat::Monthly) => "monthly",
    }
}

fn repeat_of(code: &str) -> Option<Repeat> {
    match code {
        "weekly" => Some(Repeat::Weekly),
        "fortnightly" => Some(Repeat::Fortnightly),
        "monthly" => Some(Repeat::Monthly),
        _ => None,
    }
}

/// Moves a session to another day or time (its calendar sequence rises on the server).
#[component]
pub fn MoveForm(session: Session, changed: Callback<()>) -> impl IntoView {
    let state = use_session();
    let prefix = format!("m{}", session.id.0.simple());
    let id = move |field: &str| format!("{prefix}-{field}");
    let date = RwSignal::new(format_date(session.date));
    let starts = RwSignal::new(crate::domain::dates::format_time(session.starts));
    let ends = RwSignal::new(crate::domain::dates::format_time(session.ends));
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<Signal<&'static str>>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(day), Some(from), Some(to)) = (
            parse_date(&date.get_untracked()),
            parse_time(&starts.get_untracked()),
            parse_time(&ends.get_untracked()),
        ) else {
            problem.set(Some(crate::components::form::tr(|t| t.form_has_errors)));
            return;
        };
        let moved = Session {
            date: day,
            starts: from,
            ends: to,
            updated_at_ms: now_ms(),
            ..session.clone()
        };
        let found = moved.check(now_local(), Some(&session));
        let valid = found.is_empty();
        errors.set(found);
        if !valid {
            problem.set(Some(crate::components::form::tr(|t| t.form_has_errors)));
            return;
        }
        problem.set(None);
        let call = Call::put(format!("/sessions/{}", moved.id), &moved, state.csrf());
        leptos::task::spawn_local(async move {
            match call.json::<Session>().await {
                Ok(_) => changed.run(()),
                Err(f) => problem.set(Some(failure_text(f.code()))),
            }
        });
    };
    view! {
        <form class="form agenda-form" on:submit=save novalidate>
            <div class="row">
                <Line id=id("date") kind="date" label=dr(|d| d.agenda.new_date) value=date error=error_of(errors, Field::VisitDate)/>
                <Line id=id("starts") kind="time" label=dr(|d| d.agenda.starts) value=starts/>
                <Line id=id("ends") kind="time" label=dr(|d| d.agenda.ends) value=ends error=error_of(errors, Field::Ends)/>
            </div>
            {move || problem.get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
            <button type="submit" class="button primary small">{dr(|d| d.agenda.confirm_move)}</button>
        </form>
    }
}
