//! Trouble with the database file.

use super::{Lang, Render, say};
use crate::db::{FileError, FileTrouble};

impl Render for FileError {
    fn render(&self, lang: Lang) -> String {
        let path = self.path.display();
        match self.trouble {
            FileTrouble::Missing => say!(lang;
                en: "no database at {path}: start the year with `pingxuan term open YEAR`, or name the file with --db or PINGXUAN_DB",
                zh: "找不到数据库 {path}：请先用 `pingxuan term open 年份` 开启届期，或用 --db 或 PINGXUAN_DB 指定数据库文件"),
            FileTrouble::Folder => say!(lang;
                en: "{path} is a folder, not a database file",
                zh: "{path} 是文件夹，不是数据库文件"),
            FileTrouble::NotAFile => say!(lang;
                en: "{path} is not a regular file (a device or a pipe), so it cannot be a database; it was left unchanged",
                zh: "{path} 不是普通文件（设备或管道），不能作为数据库；文件未作任何改动"),
            FileTrouble::Empty => say!(lang;
                en: "{path} is an empty file, not a pingxuan database; it was left unchanged",
                zh: "{path} 是空文件，不是评选数据库；文件未作任何改动"),
            FileTrouble::Newer { schema, known } => say!(lang;
                en: "{path} was written by a newer version of pingxuan; upgrade pingxuan to use it (schema {schema}; this version knows up to {known})",
                zh: "{path} 由更新版本的评选程序写入，请升级后再使用（数据库版本 {schema}；本版本支持到 {known}）"),
            FileTrouble::NotOurs => say!(lang;
                en: "{path} is not a pingxuan database; it was left unchanged",
                zh: "{path} 不是评选数据库； 文件未作任何改动"),
            FileTrouble::Damaged => say!(lang;
                en: "{path} is damaged (its contents do not read as a whole database); run `pingxuan db check` on it, and restore the latest backup (`pingxuan db backup` makes one)",
                zh: "{path} 已损坏（内容不完整或被破坏）；请运行 `pingxuan db check` 检查，并恢复最近的备份（备份用 `pingxuan db backup`）"),
            FileTrouble::DiskFull => say!(lang;
                en: "the disk is full while writing {path}; nothing of this command was recorded: free some space and run it again",
                zh: "磁盘已满，无法写入 {path}；本次命令未记录任何内容，请腾出空间后重试"),
            FileTrouble::Busy => say!(lang;
                en: "{path} is busy: another pingxuan (or a program such as sqlite3) holds it; try again when it has finished",
                zh: "{path} 正被占用：另一个评选程序（或 sqlite3 等程序）正在使用，请待其完成后重试"),
            FileTrouble::ReadOnly => say!(lang;
                en: "{path} cannot be written: the file or its folder is read-only",
                zh: "{path} 无法写入：文件或其所在文件夹为只读"),
            FileTrouble::CannotOpen => say!(lang; en: "cannot open {path}", zh: "无法打开 {path}"),
        }
    }
}

super::display_in_the_run_language!(FileError);

#[cfg(test)]
pub fn examples() -> Vec<FileError> {
    use FileTrouble::*;
    let newer = Newer { schema: 9, known: 8 };
    [
        Missing, Folder, NotAFile, Empty, newer, NotOurs, Damaged, DiskFull, Busy, ReadOnly, CannotOpen,
    ]
    .into_iter()
    .map(|trouble| {
        match trouble {
            Missing
            | Folder
            | NotAFile
            | Empty
            | Newer { .. }
            | NotOurs
            | Damaged
            | DiskFull
            | Busy
            | ReadOnly
            | CannotOpen => {}
        }
        FileError {
            path: "port.sqlite".into(),
            trouble,
        }
    })
    .collect()
}
