//! The headless `northstar` command (spec/cli.md): argument parsing and dispatch. Exit code 0 on
//! success, 1 on bad input (message on stderr), 2 on bad usage.

mod args;
mod args_forecast;
mod bands;
mod board_pack;
mod clv;
mod forecast;
mod health;
mod report;
mod text;
mod voice;

pub use args::{parse, Command, Parsed};

pub const USAGE: &str = "\
Usage:
  northstar [FILE...]                       open the app (the demo workbook when no file is given)
  northstar report [FILE...] [--from YYYY-MM] [--to YYYY-MM] [--segment KEY=VALUE]
                   [--settings FILE.json] [--mapping FILE.json] [--targets FILE.json]
                   [--breakdown KEY] [--explain KPI_ID] [--json]
                   [--what-moved KPI_ID [--by KEY] [--before-from YYYY-MM --before-to YYYY-MM]]
                                            every KPI of the files (of the demo when none is given);
                                            --what-moved: why the KPI changed since the previous
                                            period (or the --before one): by movement, group, account
                                            --targets: {\"targets\": [{\"kpi\": ID, \"low\": x, \"high\": y}]},
                                            either bound optional, over the default targets
  northstar board-pack [FILE...] --out PACK.pdf [--from YYYY-MM] [--to YYYY-MM] [--segment KEY=VALUE]
                       [--settings FILE.json] [--mapping FILE.json] [--targets FILE.json]
                       [--paper a4|letter] [--store DATA_DIR]
                                            the board pack PDF of the files (of the demo when none
                                            is given); --store: compare the saved scenarios of the
                                            app's data folder
  northstar forecast SCENARIO.json [--json] what-if forecast
  northstar forecast --data [FILE...] [--from YYYY-MM] [--to YYYY-MM] [--segment KEY=VALUE]
                     [--settings FILE.json] [--mapping FILE.json] [--json]
                                            the what-if baseline from the data (of the demo when
                                            no file is given): its inputs, their sources, its forecast
  northstar forecast [SCENARIO.json] --data [FILE...] --bands [--paths N] [--seed S] [--json]
                                            the forecast's P10/P50/P90 from the months of the data
                                            (bootstrap of the last forecast_months months), centred
                                            on the baseline or on the scenario
  northstar goal-seek SCENARIO.json --target nrr=1.10|clv=N|arr=N --vary monthly_churn|monthly_expansion [--json]
                      [--data [FILE...] --bands [--paths N] [--seed S]]
                                            --bands: also the share of paths reaching the target
  northstar backtest [FILE...] [--segment KEY=VALUE] [--settings FILE.json] [--mapping FILE.json]
                     [--paths N] [--seed S] [--json]
                                            the baseline forecast of the last 12 month ends against
                                            what happened: MAPE, bias, P10-P90 coverage by horizon
  northstar clv FILE... --calibration-end YYYY-MM-DD [--unit day|week|month] [--horizon N]
                [--discount-rate D] [--mapping FILE.json] [--json]
                                            predictive CLV (BG/NBD + Gamma-Gamma) from orders
  northstar health [FILE...] [--horizon 3] [--settings FILE.json] [--mapping FILE.json]
                   [--seed N] [--json]
                                            backtest of the health score on the files' history (of
                                            the demo when none is given): AUC, churn by band,
                                            suggested weights, NPS outcomes, who is at risk next
  northstar voice [FILE...] [--from YYYY-MM] [--to YYYY-MM] [--settings FILE.json]
                  [--mapping FILE.json] [--store DATA_DIR] [--json]
                                            voice of the customer: sentiment of each survey comment
                                            and ticket subject (English, VADER) and their themes;
                                            --store: apply the app's theme renames, merges, hides
  northstar template KIND [--out FILE.xlsx]   an .xlsx template of a table kind (mrr, subscriptions,
                                            customers, surveys, tickets, activities, costs, orders,
                                            usage, trials, renewals, contracts, mrr_events,
                                            mrr_summary, targets): its header row, two example rows and a
                                            sheet on how to fill it
  northstar --version";

/// Why a headless command failed: bad input (exit 1), or bad usage found only on reading an
/// argument's file, such as an unknown KPI id in `--targets` (exit 2).
#[derive(Debug)]
pub enum Failure {
    Input(String),
    Usage(String),
}

impl From<String> for Failure {
    fn from(msg: String) -> Failure {
        Failure::Input(msg)
    }
}

/// Runs a headless command; returns the exit code.
pub fn run(cmd: Command) -> i32 {
    let result = std::panic::catch_unwind(|| run_command(cmd)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Failure::Input(format!("internal error, please report it ({what})")))
    });
    match result {
        Ok(()) => 0,
        Err(Failure::Input(msg)) => {
            eprintln!("northstar: {msg}");
            1
        }
        Err(Failure::Usage(msg)) => {
            eprintln!("northstar: {msg}");
            2
        }
    }
}

fn run_command(cmd: Command) -> Result<(), Failure> {
    match cmd {
        Command::Report(r) => report::run(&r),
        Command::BoardPack(b) => board_pack::run(&b),
        Command::Forecast { scenario, json } => Ok(forecast::run_forecast(&scenario, json)?),
        Command::ForecastData(a) => Ok(forecast::run_forecast_data(&a)?),
        Command::GoalSeek { scenario, metric, target, vary, json, bands } => {
            Ok(forecast::run_goal_seek(&scenario, metric, target, vary, json, bands.as_deref())?)
        }
        Command::Backtest(a) => Ok(bands::run_backtest(&a)?),
        Command::Clv(a) => Ok(clv::run(&a)?),
        Command::Health(a) => Ok(health::run(&a)?),
        Command::Voice(a) => voice::run(&a),
        Command::Template { kind, out } => {
            crate::export::template_xlsx(kind, &out).map_err(|e| e.to_string())?;
            println!("{}", out.display());
            Ok(())
        }
        Command::Version => {
            // Which build this is: the e2e test checks it runs the desktop one.
            let kind = if cfg!(feature = "desktop") { "desktop" } else { "headless" };
            println!("northstar {} ({kind})", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
    }
}
