//! The users control: a log-scale slider from 1K to 1B and a box to type a count, with
//! the requests per second they mean shown beside them.

use scalelab_model::{format_count, parse_users};
use web_sys::HtmlInputElement;
use yew::prelude::*;

const LOG_MIN: f64 = 3.0;
const LOG_MAX: f64 = 9.0;

#[derive(Properties, PartialEq)]
pub struct UsersProps {
    pub users: f64,
    /// Requests per second entering the design at the daily peak.
    pub entry_rps: f64,
    pub on_change: Callback<f64>,
}

#[component]
pub fn UsersControl(props: &UsersProps) -> Html {
    let typed_error = use_state(|| None::<String>);
    let on_slide = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Ok(exponent) = input.value().parse::<f64>() {
                on_change.emit(libm::pow(10.0, exponent.clamp(LOG_MIN, LOG_MAX)).round());
            }
        })
    };
    let on_typed = {
        let on_change = props.on_change.clone();
        let typed_error = typed_error.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            match parse_users(&input.value()) {
                Ok(users) => {
                    typed_error.set(None);
                    on_change.emit(users);
                }
                Err(error) => typed_error.set(Some(error.to_string())),
            }
        })
    };
    let exponent = libm::log10(props.users.max(1.0)).clamp(LOG_MIN, LOG_MAX);
    html! {
        <div class="users-control">
            <label for="users-slider">{ "Users" }</label>
            <input id="users-slider" data-testid="users-slider" type="range" min={LOG_MIN.to_string()}
                max={LOG_MAX.to_string()} step="0.01" value={exponent.to_string()} oninput={on_slide}
                aria-valuetext={format!("{} users", format_count(props.users))} />
            <input class="users-typed" data-testid="users-input" type="text" aria-label="Users (type e.g. 250M)"
                value={format_count(props.users)} onchange={on_typed}
                aria-invalid={typed_error.is_some().to_string()} />
            <span class="derived" data-testid="derived-rps">
                { format!("{} users → {} req/s at peak", format_count(props.users), format_count(props.entry_rps)) }
            </span>
            if let Some(message) = (*typed_error).clone() {
                <span class="field-error" role="alert">{ message }</span>
            }
        </div>
    }
}
