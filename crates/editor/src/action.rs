//! Every change of the document is an [`Action`], applied by one function that returns
//! the action that undoes it.

use scalelab_model::{ComponentId, Document, Point, parse_users};

/// A change of the document. View state (camera, selection) is never an action.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Put components at new positions (world units).
    MoveComponents(Vec<(ComponentId, Point)>),
    /// Set the number of monthly active users.
    SetUsers(f64),
}

/// Why an action could not be applied. The document is unchanged when this is returned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("there is no component \"{0}\"")]
    NoSuchComponent(ComponentId),
    #[error("a position must be a finite number")]
    BadPosition,
    #[error("{0}")]
    BadUsers(String),
}

/// Applies `action` to `doc` and returns its inverse. On error nothing changed.
pub fn apply(doc: &mut Document, action: &Action) -> Result<Action, EditError> {
    match action {
        Action::MoveComponents(moves) => move_components(doc, moves),
        Action::SetUsers(users) => set_users(doc, *users),
    }
}

fn move_components(doc: &mut Document, moves: &[(ComponentId, Point)]) -> Result<Action, EditError> {
    // Check everything first so a failed action leaves the document untouched.
    for (id, to) in moves {
        if doc.component(id).is_none() {
            return Err(EditError::NoSuchComponent(id.clone()));
        }
        if !to.x.is_finite() || !to.y.is_finite() {
            return Err(EditError::BadPosition);
        }
    }
    let mut inverse = Vec::with_capacity(moves.len());
    for (id, to) in moves {
        if let Some(component) = doc.component_mut(id) {
            inverse.push((id.clone(), component.pos_world));
            component.pos_world = *to;
        }
    }
    inverse.reverse();
    Ok(Action::MoveComponents(inverse))
}

fn set_users(doc: &mut Document, users: f64) -> Result<Action, EditError> {
    // Reuse the parser's range check so the editor and typed input agree on the limits.
    parse_users(&users.to_string()).map_err(|e| EditError::BadUsers(e.to_string()))?;
    let previous = doc.traffic.users;
    doc.traffic.users = users;
    Ok(Action::SetUsers(previous))
}
