//! The Predictive CLV view: the engine's BG/NBD + Gamma-Gamma analysis of the loaded orders.

use super::error::AppError;
use super::state::Session;
use crate::app_json::{ClvArgs, ClvView};
use crate::clv::{analyse, Options};
use chrono::NaiveDate;
use tauri::State;

#[tauri::command]
pub async fn clv(args: ClvArgs, session: State<'_, Session>) -> Result<ClvView, AppError> {
    // The orders are copied out so the fit does not hold the session while it runs.
    let orders = session.with(|loaded| Ok(loaded.dataset.orders.clone()))?;
    super::error::contained("clv", || {
        let orders = &orders;
        let (Some(first), Some(last)) =
            (orders.iter().map(|o| o.date).min(), orders.iter().map(|o| o.date).max())
        else {
            return Err(crate::clv::ClvError::NoOrders.into());
        };
        let end = match &args.calibration_end {
            Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| AppError::BadNumber(format!("calibration end {s}")))?,
            None => last,
        };
        if !(1..=1000).contains(&args.horizon) || !(0.0..=1.0).contains(&args.discount_rate) {
            return Err(AppError::BadNumber("horizon or discount rate".into()));
        }
        let opts = Options {
            calibration_end: end,
            unit: args.unit,
            horizon: args.horizon,
            discount_rate: args.discount_rate,
            top: 20,
        };
        Ok(ClvView { first_order: first, last_order: last, analysis: analyse(orders, &opts)? })
    })
}
