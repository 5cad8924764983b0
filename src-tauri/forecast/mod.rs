//! The what-if engine: the compounding model, goal seek, and scenario inputs. Pure functions in
//! exact decimals; no clock, no I/O.

pub mod backtest;
pub mod bands;
pub mod baseline;
pub mod goal_seek;
pub mod model;
pub mod scenario;
pub mod sensitivity;

pub use goal_seek::{seek, GoalSeek, Metric, Vary};
pub use model::{compare, run, Comparison, Forecast};
pub use scenario::{Scenario, ScenarioError, ScenarioInput};
