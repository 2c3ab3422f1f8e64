//! Write down a visit: every field of the visit, autosaved as a draft while she types.

use crate::components::conflicts::ConflictChooser;
use crate::components::draft::{Draft, DraftNotice};
use crate::components::form::{
    bind, error_of, options, toggle, tr, ChipGroup, Select, TextArea, TextInput,
};
use crate::components::layout::Loading;
use crate::components::prompt_panel::PromptPanel;
use crate::diary::{use_diary, Notice};
use crate::domain::clock::{now_local, now_ms, today};
use crate::domain::validation::VisitInput;
use crate::domain::TextField;
use crate::domain::{
    FamilyId, Field, FieldErrors, SupportForm, Topic, Urgency, VisitId, VisitKind,
};
use crate::i18n::use_texts;
use crate::nav::use_nav;
use leptos::either::EitherOf3;
use leptos::prelude::*;

/// The visit form of `family`; with a `visit` it edits that visit.
#[component]
pub fn VisitFormPage(family: FamilyId, visit: Option<VisitId>) -> impl IntoView {
    let diary = use_diary();
    let t = use_texts();
    let family_id = move || Some(family);
    let visit_id = move || visit;
    let draft = Draft::new(
        move || {
            let family = family_id().map(|id| id.to_string()).unwrap_or_default();
            let visit = visit_id()
                .map(|id| id.to_string())
                .unwrap_or_else(|| "new".into());
            format!("visit:{family}:{visit}")
        },
        move |db| {
            let family = db.family(family_id()?)?;
            match visit_id() {
                Some(vid) => db
                    .visit(vid)
                    .filter(|v| v.family_id == family.id)
                    .map(VisitInput::from_visit),
                None => Some(VisitInput::blank(today())),
            }
        },
    );
    let family_name = Memo::new(move |_| {
        let id = family_id()?;
        diary.db.with(|db| {
            db.as_ref()
                .and_then(|db| db.family(id).map(|f| f.pseudonym.clone()))
        })
    });
    let form = draft.form;
    let conflicts = Memo::new(move |_| {
        let vid = visit_id()?;
        diary
            .db
            .with(|db| db.as_ref()?.visit(vid).map(|v| v.conflicts.clone()))
    });
    let settled = RwSignal::new(Vec::<TextField>::new());
    let choose = Callback::new(move |(field, text): (TextField, String)| {
        form.update(|f| match field {
            TextField::OwnQuestion => f.own_question = text,
            TextField::ChosenToTry => f.chosen_to_try = text,
            TextField::Agreements => f.agreements = text,
            TextField::SignalText => f.signal_text = text,
            TextField::Note => f.note = text,
            TextField::Pseudonym | TextField::Reply | TextField::Answer => {}
        })
    });
    let errors = RwSignal::new(FieldErrors::default());
    let failed = RwSignal::new(false);
    let nav = use_nav();

    let save = {
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(family) = family_id() else { return };
            let existing = visit_id().and_then(|vid| {
                diary
                    .db
                    .with_untracked(|db| db.as_ref()?.visit(vid).cloned())
            });
            match form
                .get_untracked()
                .parse(family, existing.as_ref(), now_local(), now_ms())
            {
                Err(e) => {
                    errors.set(e);
                    failed.set(true);
                    focus_first_error();
                }
                Ok(mut visit) => {
                    settled.with_untracked(|done| {
                        visit.conflicts.retain(|c| !done.contains(&c.field))
                    });
                    errors.set(FieldErrors::default());
                    let saved = visit.id;
                    if diary
                        .commit(|db| Some(db.save_visit(visit, now_ms())))
                        .is_ok()
                    {
                        failed.set(false);
                        draft.finish();
                        diary.notice.set(Some(Notice::VisitSaved(saved)));
                        nav.go(&format!("/families/{family}"));
                    }
                }
            }
        }
    };
    let delete = move |_| {
        let (Some(family), Some(vid)) = (family_id(), visit_id()) else {
            return;
        };
        if diary.commit(|db| db.delete_visit(vid, now_ms())).is_ok() {
            draft.finish();
            diary.notice.set(Some(Notice::VisitDeleted(vid)));
            nav.go(&format!("/families/{family}"));
        }
    };

    let (date, set_date) = bind(form, |f| &mut f.date);
    let (kind, set_kind) = bind(form, |f| &mut f.kind);
    let (duration, set_duration) = bind(form, |f| &mut f.duration);
    let (own_question, set_own_question) = bind(form, |f| &mut f.own_question);
    let (chosen, set_chosen) = bind(form, |f| &mut f.chosen_to_try);
    let (agreements, set_agreements) = bind(form, |f| &mut f.agreements);
    let (next, set_next) = bind(form, |f| &mut f.next_appointment);
    let (note, set_note) = bind(form, |f| &mut f.note);
    let (urgency, set_urgency) = bind(form, |f| &mut f.signal_urgency);
    let (signal_text, set_signal_text) = bind(form, |f| &mut f.signal_text);
    let topics = Signal::derive(move || form.with(|f| f.topics.clone()));
    let support = Signal::derive(move || form.with(|f| f.support.clone()));
    let signal_on = move || form.with(|f| f.signal_on);
    let used = Signal::derive(move || form.with(|f| f.prompts_used.clone()));
    let family = Signal::derive(move || {
        let id = family_id()?;
        diary.db.with(|db| db.as_ref()?.family(id).cloned())
    });

    let kind_options = options(VisitKind::ALL, VisitKind::code, |t, k| {
        (t.visit_kind_name)(k)
    });
    let topic_options = options(Topic::ALL, Topic::code, |t, k| (t.topic_name)(k));
    let support_options = options(SupportForm::ALL, SupportForm::code, |t, k| {
        (t.support_name)(k)
    });
    let urgency_options = options(Urgency::ALL, Urgency::code, |t, k| (t.urgency_name)(k));
    let title = move || {
        if visit_id().is_some() {
            t.get().edit_visit
        } else {
            t.get().new_visit
        }
    };
    let back_href = move || {
        family_id()
            .map(|id| format!("/families/{id}"))
            .unwrap_or_else(|| "/".into())
    };

    view! {
        <h1>{title}</h1>
        <p class="subtitle">{move || family_name.get()}</p>
        {visit.map(|visit| view! { <crate::components::feedback::VisitFeedback visit/> })}
        {move || match (draft.missing.get(), draft.ready.get()) {
            (true, _) => EitherOf3::A(view! { <p class="empty">{tr(|t| t.not_found)}</p> }),
            (false, false) => EitherOf3::B(view! { <Loading/> }),
            (false, true) => EitherOf3::C(view! {
                <DraftNotice draft/>
                {move || conflicts.get().filter(|c| !c.is_empty()).map(|conflicts| view! {
                    <ConflictChooser conflicts choose settled/>
                })}
                <form class="form" on:submit=save novalidate>
                    {move || (failed.get() && !errors.with(FieldErrors::is_empty)).then(|| view! {
                        <p class="form-error" role="alert">{tr(|t| t.form_has_errors)}</p>
                    })}
                    <div class="row">
                        <TextInput id="date" kind="date" label=tr(|t| t.visit_date) required=true
                            value=date on_input=set_date error=error_of(errors, Field::VisitDate)/>
                        <TextInput id="duration" kind="number" inputmode="numeric" label=tr(|t| t.duration)
                            hint=tr(|t| t.duration_unit) value=duration on_input=set_duration error=error_of(errors, Field::Duration)/>
                    </div>
                    <Select id="kind" label=tr(|t| t.visit_kind) value=kind on_change=set_kind options=kind_options
                        error=error_of(errors, Field::Kind)/>
                    <ChipGroup id="topics" legend=tr(|t| t.topics) selected=topics options=topic_options
                        on_toggle=Callback::new(move |code| form.update(|f| toggle(&mut f.topics, code)))/>
                    <PromptPanel family topics used
                        on_toggle=Callback::new(move |id| form.update(|f| toggle(&mut f.prompts_used, id)))/>
                    <ChipGroup id="support" legend=tr(|t| t.support_forms) selected=support options=support_options
                        on_toggle=Callback::new(move |code| form.update(|f| toggle(&mut f.support, code)))/>
                    <TextArea id="own_question" label=tr(|t| t.own_question) hint=tr(|t| t.own_question_hint)
                        value=own_question on_input=set_own_question error=error_of(errors, Field::OwnQuestion) rows=2/>
                    <TextArea id="chosen_to_try" label=tr(|t| t.chosen_to_try) value=chosen on_input=set_chosen
                        error=error_of(errors, Field::ChosenToTry) rows=2/>
                    <TextArea id="agreements" label=tr(|t| t.agreements) value=agreements on_input=set_agreements
                        error=error_of(errors, Field::Agreements) rows=2/>
                    <TextInput id="next_appointment" kind="datetime-local" label=tr(|t| t.next_appointment)
                        value=next on_input=set_next error=error_of(errors, Field::NextAppointment)/>
                    <TextArea id="note" label=tr(|t| t.note) value=note on_input=set_note error=error_of(errors, Field::Note) rows=5/>
                    <fieldset class="field signal-box" class:on=signal_on>
                        <legend>{tr(|t| t.signal)}</legend>
                        <label class="check">
                            <input type="checkbox" id="signal_on" prop:checked=signal_on
                                on:change=move |_| form.update(|f| f.signal_on = !f.signal_on)/>
                            <span>{tr(|t| t.signal_toggle)}</span>
                        </label>
                        <p class="hint">{tr(|t| t.signal_hint)}</p>
                        {move || (signal_on()).then(|| view! {
                            <Select id="signal_urgency" label=tr(|t| t.urgency) value=urgency on_change=set_urgency
                                options=urgency_options error=error_of(errors, Field::SignalUrgency)/>
                            <TextArea id="signal_text" label=tr(|t| t.signal_text) value=signal_text
                                on_input=set_signal_text error=error_of(errors, Field::SignalText) rows=3/>
                        })}
                    </fieldset>
                    <p class="hint draft-hint">{tr(|t| t.draft_kept)}</p>
                    <div class="actions">
                        <button type="submit" class="button primary">{tr(|t| t.save)}</button>
                        <a class="button" href=back_href>{tr(|t| t.cancel)}</a>
                    </div>
                    {move || (visit_id().is_some()).then(|| view! {
                        <button type="button" class="button danger" on:click=delete>{tr(|t| t.delete)}</button>
                    })}
                </form>
            }),
        }}
    }
}

/// Moves keyboard focus to the first field with a problem, so she sees what to fix.
fn focus_first_error() {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let focus = || {
            let el = web_sys::window()?
                .document()?
                .query_selector("[aria-invalid='true']")
                .ok()??;
            el.dyn_into::<web_sys::HtmlElement>().ok()?.focus().ok()
        };
        request_animation_frame(move || {
            let _ = focus();
        });
    }
}
