//! Command-line parsing (hand-written: four subcommands do not need a parser crate).

use crate::forecast::{Metric, Vary};
use crate::model::Month;
use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq)]
pub struct ReportArgs {
    pub files: Vec<PathBuf>,
    pub from: Option<Month>,
    pub to: Option<Month>,
    pub segment: Option<(String, String)>,
    pub settings: Option<PathBuf>,
    pub mapping: Option<PathBuf>,
    /// `{"targets": [{"kpi": ID, "low": x, "high": y}]}`: the user's targets (crate::targets).
    pub targets: Option<PathBuf>,
    /// Explain one KPI instead of printing the report.
    pub explain: Option<String>,
    /// Add a row of KPIs per value of this customer attribute.
    pub breakdown: Option<String>,
    /// Say what moved a KPI (kpi::moved) instead of printing the report.
    pub what_moved: Option<Box<MovedArgs>>,
    pub json: bool,
}

/// `--what-moved KPI_ID [--by KEY] [--before-from M --before-to M]`.
#[derive(Debug, Clone, PartialEq)]
pub struct MovedArgs {
    pub kpi: String,
    /// The attribute the change is split by.
    pub by: Option<String>,
    /// The period compared against (default: the one just before, of the same length).
    pub before: Option<(Month, Month)>,
}

/// `northstar forecast [SCENARIO.json] --data FILE... [--bands]`: the baseline of the what-if
/// panel from the data, or with `--bands` the ranges of the baseline (or of the scenario).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ForecastDataArgs {
    /// The demo workbook when empty, as for `report`.
    pub files: Vec<PathBuf>,
    /// With `--bands`: the scenario whose inputs are the centre of the ranges.
    pub scenario: Option<PathBuf>,
    /// `--bands`: the forecast ranges from the observed months.
    pub bands: bool,
    /// `--paths N` (default 10,000) and `--seed S` (default 1) of the ranges.
    pub paths: Option<usize>,
    pub seed: Option<u64>,
    pub from: Option<Month>,
    pub to: Option<Month>,
    pub segment: Option<(String, String)>,
    pub settings: Option<PathBuf>,
    pub mapping: Option<PathBuf>,
    pub json: bool,
}

/// `northstar board-pack FILE... --out pack.pdf`: the board pack PDF of the files.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BoardPackArgs {
    /// The demo workbook when empty, as for `report`.
    pub files: Vec<PathBuf>,
    pub out: PathBuf,
    pub from: Option<Month>,
    pub to: Option<Month>,
    pub segment: Option<(String, String)>,
    pub settings: Option<PathBuf>,
    pub mapping: Option<PathBuf>,
    pub targets: Option<PathBuf>,
    /// Over the settings' `paper`.
    pub paper: Option<crate::pack::Paper>,
    /// The app's data folder, whose saved scenarios the pack compares (none without it, so that
    /// a run does not depend on the machine's app data).
    pub store: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Report(ReportArgs),
    BoardPack(BoardPackArgs),
    Forecast {
        scenario: PathBuf,
        json: bool,
    },
    ForecastData(ForecastDataArgs),
    GoalSeek {
        scenario: PathBuf,
        metric: Metric,
        target: f64,
        vary: Vary,
        json: bool,
        /// `--data FILE... --bands`: also the chance of reaching the target.
        bands: Option<Box<ForecastDataArgs>>,
    },
    /// `northstar backtest [FILE...]`: the forecast against what happened.
    Backtest(ForecastDataArgs),
    Clv(ClvArgs),
    Health(HealthArgs),
    Voice(VoiceArgs),
    /// `northstar template KIND [--out FILE.xlsx]`: an .xlsx template of a table kind.
    Template {
        kind: crate::import::TableKind,
        out: PathBuf,
    },
    Version,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClvArgs {
    pub files: Vec<PathBuf>,
    pub calibration_end: chrono::NaiveDate,
    pub unit: crate::clv::Unit,
    pub horizon: u32,
    pub discount_rate: f64,
    /// Corrections to what the importer detected, as `report --mapping` takes them.
    pub mapping: Option<PathBuf>,
    pub json: bool,
}

/// `northstar health [FILE...]`: the backtest of the health score (crate::health).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HealthArgs {
    /// The demo workbook when empty, as for `report`.
    pub files: Vec<PathBuf>,
    /// Over the settings' `health.horizon`.
    pub horizon: Option<u32>,
    pub settings: Option<PathBuf>,
    pub mapping: Option<PathBuf>,
    /// Seed of the bootstrap (default 1).
    pub seed: Option<u64>,
    pub json: bool,
}

/// `northstar voice [FILE...]`: themes and sentiment of the comments (crate::voice).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VoiceArgs {
    /// The demo workbook when empty, as for `report`.
    pub files: Vec<PathBuf>,
    pub from: Option<Month>,
    pub to: Option<Month>,
    pub settings: Option<PathBuf>,
    pub mapping: Option<PathBuf>,
    /// The app's data folder, whose theme edits (rename, merge, hide) apply.
    pub store: Option<PathBuf>,
    pub json: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Headless(Command),
    Window(Vec<PathBuf>),
    Help,
    /// Bad usage, with the reason.
    Usage(String),
}

pub(super) fn month(flag: &str, v: Option<String>) -> Result<Month, String> {
    let v = v.ok_or(format!("{flag} needs a value (YYYY-MM)"))?;
    Month::parse_iso(&v).ok_or(format!("{flag} {v}: expected a month as YYYY-MM"))
}

/// The value of `flag`: the next argument, unless there is none or it is another option
/// (`--what-moved --json` names no KPI).
fn value(flag: &str, v: Option<String>, what: &str) -> Result<String, String> {
    v.filter(|v| !v.starts_with("--")).ok_or(format!("{flag} needs {what}"))
}

pub(super) fn segment(v: Option<String>) -> Result<(String, String), String> {
    let v = v.ok_or("--segment needs KEY=VALUE")?;
    let (k, x) = v.split_once('=').ok_or(format!("--segment {v}: expected KEY=VALUE"))?;
    Ok((k.trim().to_string(), x.trim().to_string()))
}

pub fn parse(args: &[OsString]) -> Parsed {
    match parse_inner(args) {
        Ok(p) => p,
        Err(e) => Parsed::Usage(e),
    }
}

fn parse_inner(args: &[OsString]) -> Result<Parsed, String> {
    let mut it = args.iter().map(|a| a.to_string_lossy().into_owned());
    let Some(first) = it.next() else {
        return Ok(Parsed::Window(Vec::new()));
    };
    match first.as_str() {
        "-h" | "--help" | "help" => Ok(Parsed::Help),
        "-V" | "--version" => Ok(Parsed::Headless(Command::Version)),
        "report" => {
            let mut r = ReportArgs {
                files: Vec::new(),
                from: None,
                to: None,
                segment: None,
                settings: None,
                mapping: None,
                targets: None,
                explain: None,
                breakdown: None,
                what_moved: None,
                json: false,
            };
            let (mut moved, mut by, mut before_from, mut before_to) = (None, None, None, None);
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--json" => r.json = true,
                    "--from" => r.from = Some(month("--from", it.next())?),
                    "--to" => r.to = Some(month("--to", it.next())?),
                    "--settings" => {
                        r.settings = Some(it.next().ok_or("--settings needs a file")?.into())
                    }
                    "--mapping" => {
                        r.mapping = Some(it.next().ok_or("--mapping needs a file")?.into())
                    }
                    "--targets" => {
                        r.targets = Some(it.next().ok_or("--targets needs a file")?.into())
                    }
                    "--explain" => r.explain = Some(value(&a, it.next(), "a KPI id")?),
                    "--breakdown" => r.breakdown = Some(value(&a, it.next(), "an attribute")?),
                    "--segment" => r.segment = Some(segment(it.next())?),
                    "--what-moved" => moved = Some(value(&a, it.next(), "a KPI id")?),
                    "--by" => by = Some(value(&a, it.next(), "an attribute")?),
                    "--before-from" => before_from = Some(month("--before-from", it.next())?),
                    "--before-to" => before_to = Some(month("--before-to", it.next())?),
                    flag if flag.starts_with("--") => {
                        return Err(format!("unknown option {flag} for report"))
                    }
                    file => r.files.push(file.into()),
                }
            }
            if before_from.is_some() != before_to.is_some() {
                return Err("--before-from and --before-to go together".into());
            }
            let before = before_from.zip(before_to);
            if let Some((f, t)) = before.filter(|(f, t)| f > t) {
                return Err(format!(
                    "the before period starts (--before-from {f}) after it ends (--before-to {t})"
                ));
            }
            if moved.is_some() && (r.breakdown.is_some() || r.explain.is_some()) {
                return Err("--what-moved goes with neither --breakdown nor --explain".into());
            }
            match moved {
                Some(kpi) => r.what_moved = Some(Box::new(MovedArgs { kpi, by, before })),
                None if by.is_some() || before.is_some() => {
                    return Err("--by, --before-from and --before-to go with --what-moved".into())
                }
                None => {}
            }
            Ok(Parsed::Headless(Command::Report(r)))
        }
        "board-pack" => {
            let mut b = BoardPackArgs::default();
            let mut out = None;
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--out" => out = Some(PathBuf::from(it.next().ok_or("--out needs a file")?)),
                    "--from" => b.from = Some(month("--from", it.next())?),
                    "--to" => b.to = Some(month("--to", it.next())?),
                    "--segment" => b.segment = Some(segment(it.next())?),
                    "--settings" => {
                        b.settings = Some(it.next().ok_or("--settings needs a file")?.into())
                    }
                    "--mapping" => {
                        b.mapping = Some(it.next().ok_or("--mapping needs a file")?.into())
                    }
                    "--targets" => {
                        b.targets = Some(it.next().ok_or("--targets needs a file")?.into())
                    }
                    "--store" => b.store = Some(it.next().ok_or("--store needs a folder")?.into()),
                    "--paper" => {
                        let v = it.next().unwrap_or_default();
                        b.paper = Some(
                            crate::pack::Paper::parse(&v)
                                .ok_or(format!("--paper {v}: expected a4 or letter"))?,
                        );
                    }
                    flag if flag.starts_with("--") => {
                        return Err(format!("unknown option {flag} for board-pack"))
                    }
                    file => b.files.push(file.into()),
                }
            }
            b.out = out.ok_or("board-pack needs --out FILE.pdf")?;
            Ok(Parsed::Headless(Command::BoardPack(b)))
        }
        "template" => {
            let (mut kind, mut out) = (None, None);
            let kinds = || {
                crate::import::synonyms::KINDS.iter().map(|k| k.id).collect::<Vec<_>>().join(", ")
            };
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--out" => out = Some(PathBuf::from(it.next().ok_or("--out needs a file")?)),
                    flag if flag.starts_with("--") => {
                        return Err(format!("unknown option {flag} for template"))
                    }
                    k if kind.is_none() => {
                        kind = Some(crate::import::TableKind::from_id(k).ok_or(format!(
                            "template {k}: not a table kind; the kinds are {}",
                            kinds()
                        ))?)
                    }
                    extra => return Err(format!("unexpected argument {extra}")),
                }
            }
            let kind = kind.ok_or(format!("template needs a table kind: {}", kinds()))?;
            let out = out.unwrap_or_else(|| crate::export::template_file_name(kind).into());
            Ok(Parsed::Headless(Command::Template { kind, out }))
        }
        "clv" => {
            let (mut files, mut end, mut json, mut mapping) = (Vec::new(), None, false, None);
            let (mut unit, mut horizon, mut discount_rate) = (crate::clv::Unit::Week, 39, 0.10);
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--json" => json = true,
                    "--calibration-end" => {
                        let v = it.next().ok_or("--calibration-end needs a date (YYYY-MM-DD)")?;
                        end = Some(chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d").map_err(
                            |_| format!("--calibration-end {v}: expected a date as YYYY-MM-DD"),
                        )?);
                    }
                    "--mapping" => {
                        mapping = Some(PathBuf::from(it.next().ok_or("--mapping needs a file")?))
                    }
                    "--unit" => {
                        let v = it.next().unwrap_or_default();
                        unit = crate::clv::Unit::parse(&v)
                            .ok_or(format!("--unit {v}: expected day, week or month"))?;
                    }
                    "--horizon" => {
                        let v = it.next().unwrap_or_default();
                        horizon = v.parse().ok().filter(|h| (1..=1000).contains(h)).ok_or(
                            format!("--horizon {v}: expected a whole number of units, 1 to 1000"),
                        )?;
                    }
                    "--discount-rate" => {
                        let v = it.next().unwrap_or_default();
                        discount_rate =
                            v.parse().ok().filter(|d: &f64| (0.0..=1.0).contains(d)).ok_or(
                                format!(
                                    "--discount-rate {v}: expected an annual rate such as 0.10"
                                ),
                            )?;
                    }
                    flag if flag.starts_with("--") => {
                        return Err(format!("unknown option {flag} for clv"))
                    }
                    file => files.push(PathBuf::from(file)),
                }
            }
            let calibration_end = end.ok_or("clv needs --calibration-end YYYY-MM-DD")?;
            if files.is_empty() {
                return Err("clv needs at least one file with an orders table".into());
            }
            Ok(Parsed::Headless(Command::Clv(ClvArgs {
                files,
                calibration_end,
                unit,
                horizon,
                discount_rate,
                mapping,
                json,
            })))
        }
        "health" => {
            let mut h = HealthArgs::default();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--json" => h.json = true,
                    "--horizon" => {
                        let v = it.next().unwrap_or_default();
                        h.horizon = Some(v.parse().ok().filter(|n| (1..=24).contains(n)).ok_or(
                            format!("--horizon {v}: expected a whole number of months, 1 to 24"),
                        )?);
                    }
                    "--seed" => {
                        let v = it.next().unwrap_or_default();
                        h.seed = Some(
                            v.parse()
                                .map_err(|_| format!("--seed {v}: expected a whole number"))?,
                        );
                    }
                    "--settings" => {
                        h.settings = Some(it.next().ok_or("--settings needs a file")?.into())
                    }
                    "--mapping" => {
                        h.mapping = Some(it.next().ok_or("--mapping needs a file")?.into())
                    }
                    flag if flag.starts_with("--") => {
                        return Err(format!("unknown option {flag} for health"))
                    }
                    file => h.files.push(file.into()),
                }
            }
            Ok(Parsed::Headless(Command::Health(h)))
        }
        "voice" => {
            let mut v = VoiceArgs::default();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--json" => v.json = true,
                    "--from" => v.from = Some(month("--from", it.next())?),
                    "--to" => v.to = Some(month("--to", it.next())?),
                    "--settings" => {
                        v.settings = Some(it.next().ok_or("--settings needs a file")?.into())
                    }
                    "--mapping" => {
                        v.mapping = Some(it.next().ok_or("--mapping needs a file")?.into())
                    }
                    "--store" => v.store = Some(it.next().ok_or("--store needs a folder")?.into()),
                    flag if flag.starts_with("--") => {
                        return Err(format!("unknown option {flag} for voice"))
                    }
                    file => v.files.push(file.into()),
                }
            }
            Ok(Parsed::Headless(Command::Voice(v)))
        }
        "forecast" | "goal-seek" | "backtest" => super::args_forecast::parse(&first, &mut it),
        flag if flag.starts_with('-') => Err(format!("unknown option {flag}")),
        _ => {
            let files: Vec<PathBuf> = std::iter::once(first).chain(it).map(PathBuf::from).collect();
            // Only files that exist open the window: a mistyped command or a wrong path is bad
            // usage, said here, rather than a window (or, without a display, a crash).
            match files.iter().find(|f| !f.exists()) {
                None => Ok(Parsed::Window(files)),
                Some(missing) => Err(not_found(&missing.to_string_lossy(), files.len() == 1)),
            }
        }
    }
}

/// The commands, for the nearest-name hint.
pub const COMMANDS: [&str; 10] = [
    "report",
    "board-pack",
    "forecast",
    "goal-seek",
    "backtest",
    "clv",
    "health",
    "voice",
    "template",
    "help",
];

/// The message for a word that is neither a command nor an existing file, with the nearest
/// command when one is close (edit distance of at most a third of the word, at least 1).
fn not_found(word: &str, alone: bool) -> String {
    let nearest = COMMANDS
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&word.to_lowercase(), c), *c))
        .min()
        .filter(|(d, _)| *d <= (word.chars().count() / 3).max(1));
    let looks_like_path = word.contains(['.', '/', '\\']);
    match nearest {
        Some((_, c)) if !looks_like_path => {
            format!("unknown command \"{word}\": did you mean `northstar {c}`?")
        }
        _ if alone && !looks_like_path => format!(
            "\"{word}\" is neither a command nor a file (commands: {})",
            COMMANDS.join(", ")
        ),
        _ => format!("{word}: no such file"),
    }
}

#[cfg(test)]
#[path = "args_tests.rs"]
mod tests;
