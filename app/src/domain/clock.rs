//! "Today" and "now" for both sides. In WebAssembly `std::time` panics, so the browser
//! asks JavaScript's `Date`; natively the system clock is used.

use chrono::{NaiveDate, NaiveDateTime};

/// The local calendar date on this device.
pub fn today() -> NaiveDate {
    now_local().date()
}

/// The local wall-clock time on this device, to the minute.
pub fn now_local() -> NaiveDateTime {
    #[cfg(target_arch = "wasm32")]
    {
        local_datetime_of_ms(js_sys::Date::now() as i64)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        chrono::Local::now().naive_local()
    }
}

/// The local wall-clock time of a timestamp (ms since epoch), to the minute.
pub fn local_datetime_of_ms(ms: i64) -> NaiveDateTime {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
        NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
            .and_then(|day| day.and_hms_opt(d.get_hours(), d.get_minutes(), 0))
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use chrono::TimeZone;
        chrono::Local
            .timestamp_millis_opt(ms)
            .single()
            .map(|t| t.naive_local())
            .unwrap_or_default()
    }
}

/// Milliseconds since the Unix epoch, for change timestamps.
pub fn now_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        chrono::Utc::now().timestamp_millis()
    }
}
