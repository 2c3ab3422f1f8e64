//! Labelled form controls with their error message right under them. Every control has
//! a visible label, a large touch target and its message tied to it for screen readers.

use crate::domain::{Field, FieldErrors};
use crate::i18n::{use_texts, Texts};
use leptos::prelude::*;

/// A reactive translated text picked from the current table.
pub fn tr(pick: fn(&'static Texts) -> &'static str) -> Signal<&'static str> {
    let t = use_texts();
    Signal::derive(move || pick(t.get()))
}

/// A reactive text computed from the current translation table. Type-erased (a
/// `Signal<String>`), so every such text shares one rendering path in the WebAssembly.
pub fn tx<R: Into<String>>(
    text: impl Fn(&'static Texts) -> R + Send + Sync + 'static,
) -> Signal<String> {
    let t = use_texts();
    Signal::derive(move || text(t.get()).into())
}

/// The (code, translated name) options of a choice, for selects and chip groups.
pub fn options<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    code: fn(T) -> &'static str,
    name: fn(&'static Texts, T) -> &'static str,
) -> Signal<Vec<(&'static str, &'static str)>> {
    let t = use_texts();
    Signal::derive(move || all.iter().map(|v| (code(*v), name(t.get(), *v))).collect())
}

/// Reads and writes one text field of a form state kept in a signal.
pub fn bind<T: Clone + Send + Sync + 'static>(
    form: RwSignal<T>,
    field: fn(&mut T) -> &mut String,
) -> (Signal<String>, Callback<String>) {
    let read = Signal::derive(move || form.with(|f| field(&mut f.clone()).clone()));
    let write = Callback::new(move |value: String| form.update(|f| *field(f) = value));
    (read, write)
}

/// The translated error of `field`, if any.
pub fn error_of(errors: RwSignal<FieldErrors>, field: Field) -> Signal<Option<String>> {
    let t = use_texts();
    Signal::derive(move || {
        errors
            .with(|e| e.get(field))
            .map(|e| (t.get().field_error)(e))
    })
}

/// The message under a control; announced when it appears.
#[component]
pub fn FieldMessage(id: String, error: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p class="field-error" id=id role="alert" aria-live="polite">
            {move || error.get().map(|e| view! { <span aria-hidden="true">"⚠ "</span>{e} })}
        </p>
    }
}

/// `aria-describedby` of a control: its hint and its message.
fn described_by(id: &str) -> String {
    format!("{id}-hint {id}-error")
}

/// The frame of every labelled control: label, optional hint, the control itself and
/// the message under it.
#[component]
fn FieldFrame(
    id: &'static str,
    label: Signal<&'static str>,
    error: Signal<Option<String>>,
    hint: Option<Signal<&'static str>>,
    #[prop(optional)] required: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id>{label} {required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            {children()}
            <FieldMessage id=format!("{id}-error") error=error/>
        </div>
    }
}

/// A one-line text, date, time or number input.
#[component]
pub fn TextInput(
    id: &'static str,
    label: Signal<&'static str>,
    value: Signal<String>,
    on_input: Callback<String>,
    error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<Signal<&'static str>>,
    #[prop(optional)] required: bool,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    view! {
        <FieldFrame id label error hint required>
            <input
                id=id
                name=id
                type=kind
                inputmode=inputmode
                autocomplete=autocomplete.unwrap_or("off")
                aria-required=required.then_some("true")
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by(id)
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
        </FieldFrame>
    }
}

/// A multi-line text.
#[component]
pub fn TextArea(
    id: &'static str,
    label: Signal<&'static str>,
    value: Signal<String>,
    on_input: Callback<String>,
    error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<Signal<&'static str>>,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    view! {
        <FieldFrame id label error hint>
            <textarea
                id=id
                name=id
                rows=rows
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by(id)
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            ></textarea>
        </FieldFrame>
    }
}

/// A drop-down choice; `options` are (code, translated label) pairs.
#[component]
pub fn Select(
    id: &'static str,
    label: Signal<&'static str>,
    value: Signal<String>,
    on_change: Callback<String>,
    options: Signal<Vec<(&'static str, &'static str)>>,
    error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<Signal<&'static str>>,
) -> impl IntoView {
    view! {
        <FieldFrame id label error hint>
            <select
                id=id
                name=id
                aria-describedby=described_by(id)
                on:change=move |ev| on_change.run(event_target_value(&ev))
                prop:value=move || value.get()
            >
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(code, text)| view! { <option value=code selected=current == code>{text}</option> })
                        .collect_view()
                }}
            </select>
        </FieldFrame>
    }
}

/// A group of toggle chips (checkboxes) for picking several options.
#[component]
pub fn ChipGroup(
    id: &'static str,
    legend: Signal<&'static str>,
    selected: Signal<Vec<String>>,
    on_toggle: Callback<String>,
    options: Signal<Vec<(&'static str, &'static str)>>,
    #[prop(optional)] error: Option<Signal<Option<String>>>,
    /// A line under the legend that explains the choice.
    #[prop(optional)]
    hint: Option<Signal<String>>,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let error_id = format!("{id}-error");
    view! {
        <fieldset class="field chips" id=id>
            <legend>{legend}</legend>
            {hint.map(|hint| view! { <p class="hint" data-testid=format!("{id}-hint")>{hint}</p> })}
            <div class="chip-row">
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(code, text)| {
                            let input_id = format!("{id}-{code}");
                            let for_id = input_id.clone();
                            let checked = move || selected.with(|s| s.iter().any(|c| c == code));
                            view! {
                                <label class="chip" class:on=checked for=for_id>
                                    <input
                                        type="checkbox"
                                        id=input_id
                                        value=code
                                        prop:checked=checked
                                        on:change=move |_| on_toggle.run(code.to_string())
                                    />
                                    <span>{text}</span>
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <FieldMessage id=error_id error=error/>
        </fieldset>
    }
}

/// Adds `code` to the list or removes it.
pub fn toggle(list: &mut Vec<String>, code: String) {
    if let Some(pos) = list.iter().position(|c| *c == code) {
        list.remove(pos);
    } else {
        list.push(code);
    }
}
