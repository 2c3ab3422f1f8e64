//! Add or edit a family. Only a first name or nickname is asked (data minimisation).

use crate::components::draft::{Draft, DraftNotice};
use crate::components::form::{
    bind, error_of, options, toggle, tr, tx, ChipGroup, Select, TextInput,
};
use crate::components::layout::Loading;
use crate::diary::{use_diary, Notice};
use crate::domain::clock::{now_local, now_ms};
use crate::domain::family::LANGUAGES;
use crate::domain::validation::FamilyInput;
use crate::domain::{Cadence, FamilyId, FamilyStatus, Field, FieldErrors, Programme};
use crate::i18n::use_texts;
use crate::nav::use_nav;
use leptos::either::EitherOf3;
use leptos::prelude::*;

/// The family form; with an `id` it edits that family.
#[component]
pub fn FamilyFormPage(id: Option<FamilyId>) -> impl IntoView {
    let diary = use_diary();
    let t = use_texts();
    let family_id = move || id;
    let draft = Draft::new(
        move || {
            format!(
                "family:{}",
                family_id()
                    .map(|id| id.to_string())
                    .unwrap_or_else(|| "new".into())
            )
        },
        move |db| match family_id() {
            Some(id) => db.family(id).map(FamilyInput::from_family),
            None => Some(FamilyInput::blank()),
        },
    );
    let form = draft.form;
    let conflicts = Memo::new(move |_| {
        let id = family_id()?;
        diary
            .db
            .with(|db| db.as_ref()?.family(id).map(|f| f.conflicts.clone()))
    });
    let settled = RwSignal::new(Vec::<crate::domain::TextField>::new());
    let choose = Callback::new(move |(field, text): (crate::domain::TextField, String)| {
        if field == crate::domain::TextField::Pseudonym {
            form.update(|f| f.pseudonym = text)
        }
    });
    let errors = RwSignal::new(FieldErrors::default());
    let failed = RwSignal::new(false);
    let nav = use_nav();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let existing = family_id().and_then(|id| {
            diary
                .db
                .with_untracked(|db| db.as_ref()?.family(id).cloned())
        });
        match form
            .get_untracked()
            .parse(existing.as_ref(), now_local(), now_ms())
        {
            Err(e) => {
                errors.set(e);
                failed.set(true);
            }
            Ok(mut family) => {
                settled
                    .with_untracked(|done| family.conflicts.retain(|c| !done.contains(&c.field)));
                errors.set(FieldErrors::default());
                let id = family.id;
                let change = crate::store::Change::Family(family);
                if diary
                    .commit(|db| Some(db.with_change(change, now_ms())))
                    .is_ok()
                {
                    failed.set(false);
                    draft.finish();
                    diary.notice.set(Some(Notice::FamilySaved));
                    nav.go(&format!("/families/{id}"));
                }
            }
        }
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
    let (programme, _) = bind(form, |f| &mut f.programme);
    let (cadence, set_cadence) = bind(form, |f| &mut f.cadence);
    let (status, set_status) = bind(form, |f| &mut f.status);
    let (next, set_next) = bind(form, |f| &mut f.next_appointment);
    let languages = Signal::derive(move || form.with(|f| f.languages.clone()));
    let born = move || form.with(|f| f.child_kind != "expected");
    let set_kind = move |kind: &'static str| form.update(|f| f.child_kind = kind.into());

    let programme_options = options(&Programme::ALL, Programme::code, |t, p| {
        (t.programme_name)(p)
    });
    let cadence_options = options(&Cadence::ALL, Cadence::code, |t, c| (t.cadence_name)(c));
    let status_options = options(&FamilyStatus::ALL, FamilyStatus::code, |t, s| {
        (t.status_name)(s)
    });
    let language_options = options(&LANGUAGES, |c| c, |t, c| (t.language_of)(c));
    // The first language ticked is the one show mode speaks to the mother: say so.
    let mothers_language = tx(move |t| {
        let first = languages.with(|l| l.first().map(|c| (t.language_of)(c)));
        (t.prompts.mothers_language_note)(first)
    });
    let date_label = Signal::derive(move || {
        if born() {
            t.get().birth_date
        } else {
            t.get().due_date
        }
    });
    let title = move || {
        if family_id().is_some() {
            t.get().edit_family
        } else {
            t.get().new_family
        }
    };
    let cancel_href = move || {
        family_id()
            .map(|id| format!("/families/{id}"))
            .unwrap_or_else(|| "/".into())
    };

    view! {
        <h1>{title}</h1>
        {move || match (draft.missing.get(), draft.ready.get()) {
            (true, _) => EitherOf3::A(view! { <p class="empty">{tr(|t| t.not_found)}</p> }),
            (false, false) => EitherOf3::B(view! { <Loading/> }),
            (false, true) => EitherOf3::C(view! {
                <DraftNotice draft/>
                {move || conflicts.get().filter(|c| !c.is_empty()).map(|conflicts| view! {
                    <crate::components::conflicts::ConflictChooser conflicts choose settled/>
                })}
                <form class="form" on:submit=on_submit novalidate>
                    {move || (failed.get() && !errors.with(FieldErrors::is_empty)).then(|| view! {
                        <p class="form-error" role="alert">{tr(|t| t.form_has_errors)}</p>
                    })}
                    <TextInput id="pseudonym" label=tr(|t| t.pseudonym) hint=tr(|t| t.pseudonym_hint) required=true
                        value=pseudonym on_input=set_pseudonym error=error_of(errors, Field::Pseudonym) autocomplete="off"/>
                    <fieldset class="field">
                        <legend>{tr(|t| t.child)}</legend>
                        <div class="segmented">
                            <label class:on=born>
                                <input type="radio" name="child_kind" value="born" prop:checked=born on:change=move |_| set_kind("born")/>
                                <span>{tr(|t| t.child_born)}</span>
                            </label>
                            <label class:on=move || !born()>
                                <input type="radio" name="child_kind" value="expected" prop:checked=move || !born() on:change=move |_| set_kind("expected")/>
                                <span>{tr(|t| t.child_expected)}</span>
                            </label>
                        </div>
                    </fieldset>
                    <TextInput id="child_date" kind="date" label=date_label required=true
                        value=child_date on_input=set_child_date error=error_of(errors, Field::ChildDate)/>
                    <ChipGroup id="languages" legend=tr(|t| t.languages) selected=languages
                        on_toggle=Callback::new(move |code| form.update(|f| toggle(&mut f.languages, code)))
                        options=language_options error=error_of(errors, Field::Languages) hint=mothers_language/>
                    <Select id="programme" label=tr(|t| t.programme) value=programme on_change=on_programme
                        options=programme_options error=error_of(errors, Field::Programme)/>
                    <Select id="cadence" label=tr(|t| t.cadence) hint=tr(|t| t.cadence_hint) value=cadence
                        on_change=set_cadence options=cadence_options error=error_of(errors, Field::Cadence)/>
                    <Select id="status" label=tr(|t| t.status) value=status on_change=set_status
                        options=status_options error=error_of(errors, Field::Status)/>
                    <TextInput id="next_appointment" kind="datetime-local" label=tr(|t| t.next_appointment)
                        value=next on_input=set_next error=error_of(errors, Field::NextAppointment)/>
                    <fieldset class="field">
                        <legend>{tr(|t| t.feedback.shares_notes)}</legend>
                        <label class="check">
                            <input type="checkbox" id="shares_notes" aria-describedby="shares_notes-hint"
                                prop:checked=move || form.with(|f| f.shares_notes)
                                on:change=move |_| form.update(|f| f.shares_notes = !f.shares_notes)/>
                            <span>{tr(|t| t.feedback.shares_notes_yes)}</span>
                        </label>
                        <p class="hint" id="shares_notes-hint">{tr(|t| t.feedback.shares_notes_hint)}</p>
                    </fieldset>
                    <div class="actions">
                        <button type="submit" class="button primary">{tr(|t| t.save)}</button>
                        <a class="button" href=cancel_href>{tr(|t| t.cancel)}</a>
                    </div>
                </form>
            }),
        }}
    }
}
