//! An output file is written whole or not at all: into a temporary file beside it, which is then
//! renamed into place, so a failed or interrupted command never leaves half a notice behind.
//!
//! Windows refuses to rename over a file that another program holds open. A program that opened
//! it allowing deletion (an editor, a viewer, a virus scanner) still lets the old file be renamed
//! aside, and then the new one takes its name; one that did not (Excel) keeps it until it is
//! closed, and the clerk is told so. A scanner's hold is brief, so a refusal is tried again for
//! a moment first.

use std::fs;
#[cfg(test)]
use std::fs::File;
use std::io;
#[cfg(test)]
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;

use crate::i18n::tr;

/// Writes `bytes` to `path` through a temporary file in the same folder (the program writes
/// through `output::write_file`, which also keeps outputs off the database; this is the bare
/// mechanism, tested here).
#[cfg(test)]
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = beside(path, "tmp");
    let written = File::create_new(&tmp).and_then(|mut f| f.write_all(bytes).and_then(|_| f.sync_all()));
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e.into());
    }
    put(&tmp, path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

/// Puts the whole file `tmp` in the place of `dest`, saying what to do when Windows refuses.
pub fn put(tmp: &Path, dest: &Path) -> Result<()> {
    replace(tmp, dest).map_err(|e| {
        let hint = tr(
            "the file is open in another program (Excel, a browser, an editor): close it and run the command again; the old file is unchanged",
            "该文件正被其他程序（Excel、浏览器、编辑器等）打开：请关闭后重新运行命令；原文件未改动",
        );
        if refused(&e) { anyhow::Error::from(e).context(hint) } else { anyhow::Error::from(e) }
    })
}

/// `.NAME.PID.SUFFIX` in the folder of `path`.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.{suffix}", std::process::id()))
}

/// Renames `tmp` over `dest`, moving an old `dest` that cannot be replaced aside first.
fn replace(tmp: &Path, dest: &Path) -> io::Result<()> {
    let mut refusal = None;
    for wait in [0, 50, 100, 200, 400, 800] {
        std::thread::sleep(Duration::from_millis(wait));
        match fs::rename(tmp, dest) {
            Ok(()) => return Ok(()),
            Err(e) if refused(&e) && dest.exists() => refusal = Some(e),
            Err(e) => return Err(e),
        }
        let aside = beside(dest, "old");
        if fs::rename(dest, &aside).is_ok() {
            match fs::rename(tmp, dest) {
                Ok(()) => {
                    // Still open elsewhere, it goes when that program closes it.
                    let _ = fs::remove_file(&aside);
                    return Ok(());
                }
                Err(e) => {
                    let _ = fs::rename(&aside, dest);
                    refusal = Some(e);
                }
            }
        }
    }
    Err(refusal.unwrap_or_else(|| io::Error::other("rename refused")))
}

/// Whether Windows refused the rename because of another program's open handle: access denied
/// (5), a sharing violation (32) or a lock violation (33). Elsewhere a refusal is final.
fn refused(e: &io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_and_replaces_an_old_file_leaving_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("通报.html");
        write(&path, "旧".as_bytes()).unwrap();
        write(&path, "新的通报".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "新的通报");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("通报.html")]);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // The destination is a folder: the rename fails, and the temporary file goes again.
        let path = dir.path().join("证书");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("keep.txt"), "x").unwrap();
        assert!(write(&path, b"new").is_err());
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("证书")]);
        assert_eq!(fs::read_to_string(path.join("keep.txt")).unwrap(), "x");
    }
}
