//! The users control: a log-scale slider from 1K to 1B and a box to type a count, with
//! the requests per second they mean shown beside them.

use scalelab_model::number::shortest;
use scalelab_model::{format_count, parse_users};
use web_sys::HtmlInputElement;
use yew::prelude::*;

const LOG_MIN: f64 = 3.0;
const LOG_MAX: f64 = 9.0;

#[derive(Properties, PartialEq)]
pub struct UsersProps {
    pub users: f64,
    /// Requests per second entering the design at the daily peak; None until the engine
    /// has answered for these users.
    pub entry_rps: Option<f64>,
    pub on_change: Callback<f64>,
}

#[component]
pub fn UsersControl(props: &UsersProps) -> Html {
    let typed_error = use_state(|| None::<String>);
    // What is being typed: kept across re-renders (the engine's answers arrive while one
    // types), until it is committed.
    let draft = use_state(|| None::<String>);
    let on_slide = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Some(exponent) = scalelab_model::number::parse_decimal(&input.value()) {
                on_change.emit(libm::pow(10.0, exponent.clamp(LOG_MIN, LOG_MAX)).round());
            }
        })
    };
    let on_typed = {
        let on_change = props.on_change.clone();
        let (typed_error, draft) = (typed_error.clone(), draft.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            match parse_users(&input.value()) {
                Ok(users) => {
                    typed_error.set(None);
                    draft.set(None);
                    on_change.emit(users);
                }
                Err(error) => typed_error.set(Some(error.to_string())),
            }
        })
    };
    let on_typing = {
        let draft = draft.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            draft.set(Some(input.value()));
        })
    };
    let exponent = libm::log10(props.users.max(1.0)).clamp(LOG_MIN, LOG_MAX);
    html! {
        <div class="users-control">
            <label for="users-slider">{ "Users" }</label>
            <input id="users-slider" data-testid="users-slider" type="range" min={shortest(LOG_MIN)}
                max={shortest(LOG_MAX)} step="0.01" value={shortest(exponent)} oninput={on_slide}
                aria-valuetext={format!("{} users", format_count(props.users))} />
            <input class="users-typed" data-testid="users-input" type="text" aria-label="Users (type e.g. 250M)"
                value={(*draft).clone().unwrap_or_else(|| format_count(props.users))} oninput={on_typing} onchange={on_typed}
                aria-invalid={typed_error.is_some().to_string()} />
            <span class="derived" data-testid="derived-rps">
                { format!("{} users → {} req/s at peak", format_count(props.users), props.entry_rps.map_or_else(|| "…".to_owned(), format_count)) }
            </span>
            if let Some(message) = (*typed_error).clone() {
                <span class="field-error" role="alert">{ message }</span>
            }
        </div>
    }
}
