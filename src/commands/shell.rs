//! `completions` and `man`: shell completions and manual pages, generated from the same clap
//! definitions that parse the command line, so they never fall behind it.

use anyhow::{Context, Result};
use clap::Args;
use clap_complete::Shell;

use super::Ctx;
use crate::i18n::tr;
use crate::messages::say;
use crate::output::{out, say, write_file};

/// Print the completion script for a shell
///
/// Example:
///   pingxuan completions bash > /etc/bash_completion.d/pingxuan
///   pingxuan completions zsh > "${fpath[1]}/_pingxuan"
///   pingxuan completions fish > ~/.config/fish/completions/pingxuan.fish
///   pingxuan completions powershell >> $PROFILE
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell (or elvish)
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Print the manual page, or write one page per command into a folder
///
/// Example:
///   pingxuan man | man -l -
///   pingxuan man --out /usr/local/share/man/man1
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct ManArgs {}

pub fn completions(ctx: &Ctx, args: CompletionsArgs) -> Result<()> {
    // The descriptions beside the completions in the language of the help.
    let mut cmd = (ctx.tree)(crate::i18n::lang(), true);
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "pingxuan", &mut buf);
    out(&String::from_utf8(buf).context("the completion script")?)
}

pub fn man(ctx: &Ctx, _args: ManArgs) -> Result<()> {
    // Under Chinese the pages carry the Chinese help and headings.
    let mut cmd = (ctx.tree)(crate::i18n::lang(), false);
    cmd.build();
    // The global --out names a folder for pingxuan.1 and a page for every command
    // (pingxuan-term-open.1, …).
    let Some(dir) = crate::export::take_out() else {
        return out(&render(&cmd)?);
    };
    let mut pages = Vec::new();
    collect(&cmd, &mut pages);
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("{} {}", tr("cannot make the folder", "无法创建文件夹"), dir.display()))?;
    for page in &pages {
        let man = clap_mangen::Man::new(page.clone());
        write_file(&dir.join(man.get_filename()), render(page)?.as_bytes())?;
    }
    say(&say!(
        en("wrote {} manual pages to {}", pages.len(), dir.display()),
        zh("已将 {} 个手册页写入 {}", pages.len(), dir.display())
    ));
    Ok(())
}

fn collect(cmd: &clap::Command, pages: &mut Vec<clap::Command>) {
    pages.push(cmd.clone());
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, pages);
    }
}

fn render(cmd: &clap::Command) -> Result<String> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut buf)
        .context("rendering the manual page")?;
    let page = String::from_utf8(buf).context("the manual page")?;
    // clap_mangen's own headings (NAME, SYNOPSIS …) in the language of the help.
    Ok(match crate::i18n::help::catalogue() {
        Some(cat) if crate::i18n::lang() == crate::i18n::Lang::Zh => crate::i18n::help::man_headings(&page, &cat.man),
        _ => page,
    })
}
