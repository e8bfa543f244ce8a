//! The test environment: a temporary folder with its own database and a clean environment.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub struct Env {
    pub dir: tempfile::TempDir,
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    /// An environment with the 2026 term open.
    pub fn with_term() -> Env {
        let env = Env::new();
        env.ok(&["term", "open", "2026"]);
        env
    }

    /// An environment with the 2026 term, one group and one unit with a window (北仑海关).
    pub fn with_org() -> Env {
        let env = Env::with_term();
        env.ok(&["org", "add-group", "北仑单位共建片组", "--kind", "unit"]);
        env.ok(&[
            "org",
            "add-unit",
            "北仑海关",
            "--group",
            "北仑单位共建片组",
            "--has-window",
            "yes",
        ]);
        env
    }

    /// Adds an individual of 北仑海关, sent before the deadline; codes follow in order (P2026-001, …).
    pub fn nominate_individual(&self, name: &str) {
        self.ok(&[
            "nominate",
            "add",
            "--category",
            "individual",
            "--name",
            name,
            "--unit",
            "北仑海关",
            "--deeds",
            "好",
            "--submitted-on",
            "2026-10-09",
        ]);
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("test.sqlite")
    }

    /// The binary, run in the folder with the test database, English, and a known operator.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("pingxuan").expect("the pingxuan binary");
        c.current_dir(self.dir.path())
            .env_remove("PINGXUAN_DB")
            .env_remove("LC_ALL")
            .env_remove("PINGXUAN_LANG")
            .env_remove("COLUMNS")
            .env("LANG", "C")
            .env("USER", "tester")
            .arg("--db")
            .arg(self.db());
        c
    }

    /// The same as `cmd`, as a plain process that can be spawned and killed.
    pub fn process(&self) -> std::process::Command {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_pingxuan"));
        c.current_dir(self.dir.path())
            .env_remove("PINGXUAN_DB")
            .env_remove("LC_ALL")
            .env_remove("PINGXUAN_LANG")
            .env_remove("COLUMNS")
            .env("LANG", "C")
            .env("USER", "tester")
            .arg("--db")
            .arg(self.db());
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out = self.cmd().args(args).output().expect("running pingxuan");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs and requires success; returns stdout.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, 0, "pingxuan {args:?} failed:\n{}\n{}", r.stderr, r.stdout);
        r.stdout
    }

    /// Runs and requires exit code 1; returns stderr.
    #[track_caller]
    pub fn fails(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(
            r.code, 1,
            "pingxuan {args:?} should fail with 1:\n{}\n{}",
            r.stderr, r.stdout
        );
        r.stderr
    }

    /// Writes a UTF-8 file into the folder.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        self.write_bytes(name, text.as_bytes())
    }

    /// Writes a file as Chinese Excel saves "CSV": GBK.
    pub fn write_gbk(&self, name: &str, text: &str) -> PathBuf {
        let (bytes, _, bad) = encoding_rs::GBK.encode(text);
        assert!(!bad, "text not representable in GBK");
        self.write_bytes(name, &bytes)
    }

    /// Writes a file as Excel's "CSV UTF-8": with a byte-order mark.
    pub fn write_bom(&self, name: &str, text: &str) -> PathBuf {
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice(text.as_bytes());
        self.write_bytes(name, &b)
    }

    pub fn write_bytes(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).expect("writing a test file");
        p
    }

    pub fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// One value from the database, read directly.
    pub fn query<T: rusqlite::types::FromSql>(&self, sql: &str) -> T {
        let c = rusqlite::Connection::open(self.db()).expect("open test database");
        c.query_row(sql, [], |r| r.get(0)).expect("query")
    }
}

/// A fixture under tests/fixtures.
pub fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// Parses JSON output.
pub fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}):\n{s}"))
}

/// The record's hash in a rank or notice, which follows the clock of every entry, shown as
/// `<hash>` for a snapshot.
pub fn redact_hash(s: String) -> String {
    s.lines()
        .map(|l| {
            l.split(' ')
                .map(|w| {
                    if w.len() == 64 && w.bytes().all(|b| b.is_ascii_hexdigit()) {
                        "<hash>"
                    } else {
                        w
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if s.ends_with('\n') { "\n" } else { "" }
}

/// The schema version a new database gets, read from one made by `term open`.
pub fn schema_version() -> i64 {
    let env = Env::new();
    env.ok(&["term", "open", "2026"]);
    env.query("PRAGMA user_version")
}
