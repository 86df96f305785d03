//! Diagnostics: every problem found in `content/`, located as `path:line:column`.

use std::fmt;

/// One problem in a content file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

/// A source file being checked: its path (as shown in messages) and text.
#[derive(Clone, Debug)]
pub struct Source {
    pub path: String,
    pub text: String,
}

impl Source {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            path: path.into(),
            text: text.into(),
        }
    }

    /// A diagnostic at byte `offset` of this file.
    pub fn at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Diagnostic {
            path: self.path.clone(),
            line,
            column,
            message: message.into(),
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Collects diagnostics; the pipeline keeps going after a problem so that an editor
/// sees every problem at once.
#[derive(Default, Debug)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorted by file and position, as they are printed.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
        });
        self.0.dedup();
        self.0
    }
}

/// The report printed when the content does not validate: a numbered list.
pub fn report(diagnostics: &[Diagnostic]) -> String {
    let mut out = format!(
        "content/ has {} problem{}:\n",
        diagnostics.len(),
        if diagnostics.len() == 1 { "" } else { "s" }
    );
    for (i, d) in diagnostics.iter().enumerate() {
        out.push_str(&format!("{:>3}. {d}\n", i + 1));
    }
    out
}
