//! `/desk/families/new`: the coordinator registers a referred family after her intake
//! visit — a first name or nickname only, the child's date, languages, programme and
//! cadence, the mother's wish for her volunteer, consent to share notes, who referred
//! (no names), and the support question in the mother's own words. The family stays in
//! intake until it is matched.

use super::i18n::{dr, DeskTexts};
use super::session::use_session;
use crate::api::{FamilyFile, IntakeDetails, NewFamily, LONG_TEXT_MAX};
use crate::components::form::{
    bind, error_of, options, toggle, tr, ChipGroup, Select, TextArea, TextInput,
};
use crate::components::layout::LoadProblem;
use crate::domain::clock::{now_local, now_ms};
use crate::domain::family::LANGUAGES;
use crate::domain::matching::{check_area, CulturePreference, Referrer};
use crate::domain::validation::FamilyInput;
use crate::domain::{Cadence, Field, FieldErrors, Programme};
use crate::net::Call;
use leptos::prelude::*;

/// The intake's own fields, as typed.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct IntakeInput {
    pub referrer: String,
    pub preference: String,
    pub area: String,
    pub support_question: String,
}

impl IntakeInput {
    fn blank() -> Self {
        IntakeInput {
            referrer: Referrer::YouthHealthCare.code().into(),
            preference: CulturePreference::NoPreference.code().into(),
            area: String::new(),
            support_question: String::new(),
        }
    }

    /// The details, or the problems per field (`area`, `support_question`).
    pub(super) fn parse(&self, version: u64) -> Result<IntakeDetails, Vec<&'static str>> {
        let mut problems = Vec::new();
        if check_area(self.area.trim()).is_err() {
            problems.push("area");
        }
        if self.support_question.trim().chars().count() > LONG_TEXT_MAX {
            problems.push("support_question");
        }
        let (Some(referrer), Some(preference)) = (
            Referrer::from_code(&self.referrer),
            CulturePreference::from_code(&self.preference),
        ) else {
            return Err(vec!["referrer"]);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(IntakeDetails {
            referrer,
            preference,
            area: self.area.trim().to_string(),
            support_question: self.support_question.trim().to_string(),
            registered_on: None,
            added_by_volunteer: false,
            version,
        })
    }
}

/// A workspace option list.
pub(super) fn desk_options<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    code: fn(T) -> &'static str,
    name: fn(&'static DeskTexts, T) -> &'static str,
) -> Signal<Vec<(&'static str, &'static str)>> {
    let d = super::i18n::use_desk_texts();
    Signal::derive(move || all.iter().map(|v| (code(*v), name(d.get(), *v))).collect())
}

/// The problem of an intake field, in her language.
pub(super) fn intake_error(
    problems: RwSignal<Vec<&'static str>>,
    field: &'static str,
    text: fn(&'static DeskTexts) -> &'static str,
) -> Signal<Option<String>> {
    let d = super::i18n::use_desk_texts();
    Signal::derive(move || {
        problems
            .with(|p| p.contains(&field))
            .then(|| text(d.get()).to_string())
    })
}

/// The intake fields (shared with the family's page, where they are edited).
#[component]
pub(super) fn IntakeFields(
    intake: RwSignal<IntakeInput>,
    problems: RwSignal<Vec<&'static str>>,
) -> impl IntoView {
    let (referrer, set_referrer) = bind(intake, |i| &mut i.referrer);
    let (preference, set_preference) = bind(intake, |i| &mut i.preference);
    let (area, set_area) = bind(intake, |i| &mut i.area);
    let (question, set_question) = bind(intake, |i| &mut i.support_question);
    view! {
        <Select id="referrer" label=dr(|d| d.families.referrer) value=referrer on_change=set_referrer
            options=desk_options(&Referrer::ALL, Referrer::code, |d, r| (d.families.referrer_name)(r))
            error=Signal::derive(|| None)/>
        <Select id="preference" label=dr(|d| d.families.preference) hint=dr(|d| d.families.preference_hint)
            value=preference on_change=set_preference
            options=desk_options(&CulturePreference::ALL, CulturePreference::code, |d, p| (d.families.preference_name)(p))
            error=Signal::derive(|| None)/>
        <TextInput id="area" label=dr(|d| d.families.area) hint=dr(|d| d.families.area_hint) inputmode="numeric"
            value=area on_input=set_area error=intake_error(problems, "area", |d| d.families.area_invalid)/>
        <TextArea id="support_question" label=dr(|d| d.families.support_question)
            hint=dr(|d| d.families.support_question_hint) rows=4
            value=question on_input=set_question
            error=intake_error(problems, "support_question", |d| d.families.too_long)/>
    }
}

/// `/desk/families/new`.
#[component]
pub fn IntakePage() -> impl IntoView {
    let session = use_session();
    let form = RwSignal::new(FamilyInput::blank());
    let intake = RwSignal::new(IntakeInput::blank());
    let errors = RwSignal::new(FieldErrors::default());
    let problems = RwSignal::new(Vec::<&'static str>::new());
    let failure = RwSignal::new(None::<String>);
    let navigate = leptos_router::hooks::use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let family = form.get_untracked().parse(None, now_local(), now_ms());
        let details = intake.get_untracked().parse(0);
        errors.set(family.as_ref().err().cloned().unwrap_or_default());
        problems.set(details.as_ref().err().cloned().unwrap_or_default());
        let (Ok(family), Ok(intake)) = (family, details) else {
            failure.set(Some("invalid".into()));
            return;
        };
        failure.set(None);
        let call = Call::post("/families", &NewFamily { family, intake }, session.csrf());
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match call.json::<FamilyFile>().await {
                Ok(file) => navigate(
                    &format!("/desk/families/{}", file.family.id),
                    Default::default(),
                ),
                Err(f) => failure.set(Some(f.code().to_string())),
            }
        });
    };
    let on_programme = Callback::new(move |code: String| {
        form.update(|f| {
            if let Some(p) = Programme::from_code(&code) {
                f.cadence = p.default_cadence().code().into();
            }
            f.programme = code;
        })
    });
    let (pseudonym, set_pseudonym) = bind(form, |f| &mut f.pseudonym);
    let (child_date, set_child_date) = bind(form, |f| &mut f.child_date);
    let (child_kind, set_child_kind) = bind(form, |f| &mut f.child_kind);
    let (programme, _) = bind(form, |f| &mut f.programme);
    let (cadence, set_cadence) = bind(form, |f| &mut f.cadence);
    let languages = Signal::derive(move || form.with(|f| f.languages.clone()));
    view! {
        <h1>{dr(|d| d.families.intake_title)}</h1>
        <p class="hint">{dr(|d| d.families.intake_intro)}</p>
        <form class="form desk-form" on:submit=on_submit novalidate data-testid="intake-form">
            {move || failure.get().map(|code| view! { <LoadProblem code/> })}
            <div class="form-columns">
                <div>
                    <TextInput id="pseudonym" label=tr(|t| t.pseudonym) hint=tr(|t| t.pseudonym_hint) required=true
                        value=pseudonym on_input=set_pseudonym error=error_of(errors, Field::Pseudonym)/>
                    <Select id="child_kind" label=tr(|t| t.child) value=child_kind on_change=set_child_kind
                        options=Signal::derive(move || vec![
                            ("born", tr(|t| t.child_born).get()),
                            ("expected", tr(|t| t.child_expected).get()),
                        ])
                        error=Signal::derive(|| None)/>
                    <TextInput id="child_date" kind="date" label=dr(|d| d.families.child_date) required=true
                        value=child_date on_input=set_child_date error=error_of(errors, Field::ChildDate)/>
                    <ChipGroup id="languages" legend=tr(|t| t.languages) selected=languages
                        on_toggle=Callback::new(move |code| form.update(|f| toggle(&mut f.languages, code)))
                        options=options(&LANGUAGES, |c| c, |t, c| (t.language_of)(c))
                        error=error_of(errors, Field::Languages)/>
                    <Select id="programme" label=tr(|t| t.programme) value=programme on_change=on_programme
                        options=options(&Programme::ALL, Programme::code, |t, p| (t.programme_name)(p))
                        error=error_of(errors, Field::Programme)/>
                    <Select id="cadence" label=tr(|t| t.cadence) hint=tr(|t| t.cadence_hint) value=cadence
                        on_change=set_cadence options=options(&Cadence::ALL, Cadence::code, |t, c| (t.cadence_name)(c))
                        error=error_of(errors, Field::Cadence)/>
                    <fieldset class="field">
                        <legend>{tr(|t| t.feedback.shares_notes)}</legend>
                        <label class="check">
                            <input type="checkbox" id="shares_notes"
                                prop:checked=move || form.with(|f| f.shares_notes)
                                on:change=move |_| form.update(|f| f.shares_notes = !f.shares_notes)/>
                            <span>{tr(|t| t.feedback.shares_notes_yes)}</span>
                        </label>
                    </fieldset>
                </div>
                <div>
                    <IntakeFields intake problems/>
                </div>
            </div>
            <div class="actions">
                <button type="submit" class="button primary">{dr(|d| d.families.register)}</button>
                <a class="button" href="/desk/caseload">{tr(|t| t.cancel)}</a>
            </div>
        </form>
    }
}
