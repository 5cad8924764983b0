//! The app layer's error, serialised to the UI as `{kind, message}` so the UI branches on kinds.

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A file could not be imported; the previous data stays loaded.
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    /// No table yields a usable row: every row was refused (the message names each table with its
    /// commonest reasons); the previous data stays loaded.
    #[error("{0}")]
    NothingUsable(String),
    /// The report could not be computed (no dated rows, reversed period).
    #[error(transparent)]
    Kpi(#[from] crate::kpi::KpiError),
    /// Local storage failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// A report was asked for before any data was loaded.
    #[error("no data is loaded yet")]
    NoData,
    /// A month in a request is not YYYY-MM.
    #[error("{0} is not a month (YYYY-MM)")]
    BadMonth(String),
    /// A what-if input is missing or out of range.
    #[error(transparent)]
    Scenario(#[from] crate::forecast::ScenarioError),
    /// Predictive CLV could not be computed (no orders, too few repeat customers, no convergence).
    #[error(transparent)]
    Clv(#[from] crate::clv::ClvError),
    /// A number in a request is not usable.
    #[error("{0} is not a usable number")]
    BadNumber(String),
    /// A setting is out of range.
    #[error("{0}")]
    Settings(String),
    /// The local database could not be opened at start.
    #[error("saving is unavailable: {0}")]
    NoStore(String),
    /// A bug stopped the command (a caught panic); it is in the log.
    #[error("something went wrong inside Northstar, so this was not done; nothing was changed, and the details were written to northstar.log in the app-data folder")]
    Internal,
    /// The UI asked to open a file the user did not choose.
    #[error(
        "{0} was not chosen in Northstar; open it with \"Open workbook…\" or drop it on the window"
    )]
    NotChosen(String),
    /// An export could not be written.
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
    /// A template was asked for a table kind that does not exist.
    #[error("{0} is not a table kind")]
    UnknownKind(String),
    /// A target names no KPI or has bounds that cannot hold.
    #[error(transparent)]
    Target(#[from] crate::targets::TargetError),
    /// The board pack could not be made or written.
    #[error(transparent)]
    Pack(#[from] crate::pack::PackError),
    /// The health backtest needs more revenue history than the data has.
    #[error(transparent)]
    Health(#[from] crate::health::HealthError),
    /// Forecast ranges need more observed months, or fewer paths.
    #[error(transparent)]
    Bands(#[from] crate::forecast::bands::BandsError),
    /// The forecast backtest needs more revenue history.
    #[error(transparent)]
    Backtest(#[from] crate::forecast::backtest::BacktestError),
    /// The view asked for a theme the comments no longer give (the data changed meanwhile).
    #[error("no theme \"{0}\" in the comments of this view")]
    NoTheme(String),
}

impl AppError {
    pub fn kind(&self) -> String {
        match self {
            AppError::Import(e) => format!("import.{}", e.kind()),
            AppError::NothingUsable(_) => "import.refused".into(),
            AppError::Kpi(_) => "kpi".into(),
            AppError::Store(e) => format!("store.{}", e.kind()),
            AppError::NoData => "no_data".into(),
            AppError::BadMonth(_) => "bad_month".into(),
            AppError::Scenario(_) => "scenario".into(),
            AppError::Clv(_) => "clv".into(),
            AppError::BadNumber(_) => "bad_number".into(),
            AppError::Settings(_) => "settings".into(),
            AppError::NoStore(_) => "no_store".into(),
            AppError::Export(_) => "export".into(),
            AppError::UnknownKind(_) => "unknown_kind".into(),
            AppError::NotChosen(_) => "not_chosen".into(),
            AppError::Target(_) => "target".into(),
            AppError::Pack(_) => "pack".into(),
            AppError::Health(_) => "health".into(),
            AppError::Bands(_) => "bands".into(),
            AppError::Backtest(_) => "backtest".into(),
            AppError::NoTheme(_) => "no_theme".into(),
            AppError::Internal => "internal".into(),
        }
    }
}

/// Runs a command's work so that a panic becomes `AppError::Internal` instead of ending the app, and
/// logs what failed (the error's kind, never its data).
pub(crate) fn contained<T>(
    what: &str,
    f: impl FnOnce() -> Result<T, AppError>,
) -> Result<T, AppError> {
    let r = crate::log::contain(f).unwrap_or(Err(AppError::Internal));
    if let Err(e) = &r {
        crate::log::record(&format!("{what}: error {}", e.kind()));
    }
    r
}

impl serde::Serialize for AppError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The shape the TypeScript `AppError` is generated from.
        crate::app_json::ErrorJson { kind: self.kind(), message: self.to_string() }.serialize(s)
    }
}
