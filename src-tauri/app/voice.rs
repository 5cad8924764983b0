//! The Voice of the customer view: themes and sentiment of the comments of the view's period and
//! segment, the comments of one theme, and the user's theme edits (stored, applied next time).

use super::data::{request, settings, ViewArgs};
use super::error::AppError;
use super::state::{Session, StoreState};
use super::whatif::with_store;
use crate::app_json::ThemeComments;
use crate::store::themes::ThemeEdit;
use crate::voice::{CommentOut, ThemeEdits, Voice};
use tauri::State;

/// The comments a theme opens on: the first this many (the count says how many there are).
const SHOWN: usize = 500;

fn edits(store: &StoreState) -> ThemeEdits {
    match &*store.0.lock().unwrap_or_else(|e| e.into_inner()) {
        Ok(s) => s.theme_edits().unwrap_or_default(),
        Err(_) => ThemeEdits::default(),
    }
}

fn run(args: &ViewArgs, session: &Session, store: &StoreState) -> Result<Voice, AppError> {
    let settings = settings(store);
    let edits = edits(store);
    session.with(|loaded| {
        let req = request(args, loaded, &settings)?;
        let d = &loaded.dataset;
        crate::voice::of_view(d, req.from, req.to, req.segment.as_ref(), &settings, &edits)
            .ok_or(AppError::NoData)
    })
}

/// The view: every theme with its figures, without the comments themselves (a theme opens them).
#[tauri::command]
pub async fn voice_view(
    args: ViewArgs,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<Voice, AppError> {
    let mut v = run(&args, &session, &store)?;
    v.per_comment.clear();
    for t in &mut v.themes {
        t.rows.clear();
    }
    Ok(v)
}

/// The comments of a theme (by key), of no theme (`""`), or all (None), most negative first.
#[tauri::command]
pub async fn voice_comments(
    args: ViewArgs,
    theme: Option<String>,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<ThemeComments, AppError> {
    let v = run(&args, &session, &store)?;
    let members: Option<Vec<u32>> = match theme.as_deref() {
        None => None,
        Some("") => Some(
            (0..v.per_comment.len() as u32)
                .filter(|i| v.per_comment[*i as usize].themes.is_empty())
                .collect(),
        ),
        // A theme by its key, or by the key of a theme merged into it; a hidden one opens too.
        Some(key) => Some(
            v.themes
                .iter()
                .find(|t| t.key == key || t.merged.iter().any(|m| m.key == key))
                .map(|t| t.members.clone())
                .or_else(|| v.hidden.iter().find(|h| h.key == key).map(|h| h.members.clone()))
                .ok_or_else(|| AppError::NoTheme(key.to_string()))?,
        ),
    };
    let mut picked: Vec<CommentOut> = match members {
        Some(m) => m.iter().map(|i| v.per_comment[*i as usize].clone()).collect(),
        None => v.per_comment,
    };
    // Scored comments from most negative to most positive, then the unscored ones.
    picked.sort_by(|a, b| match (a.sentiment, b.sentiment) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let total = picked.len();
    picked.truncate(SHOWN);
    Ok(ThemeComments { total, comments: picked })
}

/// Renames, merges or hides a theme; the edits are stored and apply to every later view.
#[tauri::command]
pub fn edit_theme(edit: ThemeEdit, store: State<'_, StoreState>) -> Result<ThemeEdits, AppError> {
    with_store(&store, |s| s.edit_theme(&edit))
}
