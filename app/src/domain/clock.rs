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
        let d = js_sys::Date::new_0();
        NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
            .and_then(|day| day.and_hms_opt(d.get_hours(), d.get_minutes(), 0))
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        chrono::Local::now().naive_local()
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
