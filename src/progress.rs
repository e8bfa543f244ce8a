//! Progress of a long import on stderr: shown only when stderr is a terminal, and only once the
//! import has taken more than a second, so that scripts and quick imports see nothing.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use crate::i18n::{Lang, lang};

/// How long an import runs before its progress is shown.
const QUIET_FOR: Duration = Duration::from_secs(1);
/// How often the line is redrawn.
const EVERY: Duration = Duration::from_millis(200);

pub struct Progress {
    total: usize,
    done: usize,
    start: Instant,
    last: Option<Instant>,
    terminal: bool,
}

impl Progress {
    /// Progress over `total` rows.
    pub fn new(total: usize) -> Progress {
        Progress {
            total,
            done: 0,
            start: Instant::now(),
            last: None,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// One more row done.
    pub fn tick(&mut self) {
        self.done += 1;
        // The clock is read once every 256 rows: a row costs microseconds.
        if !self.terminal || !self.done.is_multiple_of(256) {
            return;
        }
        let now = Instant::now();
        if !due(now - self.start, self.last.map(|l| now - l)) {
            return;
        }
        self.last = Some(now);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{}", line(lang(), self.done, self.total));
        let _ = err.flush();
    }
}

impl Drop for Progress {
    /// Clears the line, so that what is said next starts on a clean one.
    fn drop(&mut self) {
        if self.last.is_some() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}

/// Whether to draw now: after the first second, then every `EVERY`.
fn due(elapsed: Duration, since_drawn: Option<Duration>) -> bool {
    elapsed >= QUIET_FOR && since_drawn.is_none_or(|d| d >= EVERY)
}

/// "rows 12000 of 600000 (2%)"
fn line(lang: Lang, done: usize, total: usize) -> String {
    let pct = (done * 100).checked_div(total).unwrap_or(100).min(100);
    match lang {
        Lang::En => format!("rows {done} of {total} ({pct}%)"),
        Lang::Zh => format!("已处理 {done}/{total} 行（{pct}%）"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_for_the_first_second_then_every_fifth_of_one() {
        let ms = Duration::from_millis;
        assert!(!due(ms(999), None));
        assert!(due(ms(1000), None));
        assert!(!due(ms(1100), Some(ms(100))));
        assert!(due(ms(1300), Some(ms(200))));
    }

    #[test]
    fn the_line_counts_rows() {
        assert_eq!(line(Lang::En, 12_000, 600_000), "rows 12000 of 600000 (2%)");
        assert_eq!(line(Lang::En, 5, 0), "rows 5 of 0 (100%)");
        assert_eq!(line(Lang::Zh, 3, 4), "已处理 3/4 行（75%）");
    }
}
