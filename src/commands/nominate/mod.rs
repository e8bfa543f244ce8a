//! `nominate`: October's nomination forms (推荐表), from import to verification.

mod book;
mod entry;
mod intake;
mod records;
mod show;
mod template;
mod verify;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::Ctx;
use super::common::ImportFile;
use crate::csvin::Encoding;
use crate::store::NominationStatus;
use crate::values::Category;

/// October's nominations (推荐表): import, add, list, show, verify and withdraw them
///
/// Each nomination gets a code at import: W2026-001 for a window, P2026-001 for an individual,
/// counted per category in the order of import and never reused.
///
/// Example:
///   pingxuan nominate template --out 推荐表.csv
///   pingxuan nominate import nominations-beilun.csv
///   pingxuan nominate verify
///   pingxuan nominate list --status rejected
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct NominateArgs {
    #[command(subcommand)]
    pub command: NominateCommand,
}

#[derive(Subcommand, Debug)]
pub enum NominateCommand {
    /// Import a group's nomination forms from a CSV file
    ///
    /// Columns (English or Chinese headers, any order; * required):
    ///   category/类别* (window/窗口, individual/个人), name/名称*, unit/单位*, group/片组*,
    ///   position/职务, staff_no/工号, deeds/主要事迹, contact/联系人, phone/联系电话,
    ///   submitted_on/报送日期 (2026-10-15, 2026/10/15 or 2026年10月15日),
    ///   unit_rank/本单位年终测评排名 (3/120: third of 120).
    /// A serial column 序号/No. is ignored. The unit must belong to the named group, and a
    /// window's unit must have an external window. A nominee already on record adds nothing;
    /// one whose row differs is refused unless --replace. Any bad row: nothing is written.
    ///
    /// Example:
    ///   pingxuan nominate import nominations-beilun.csv --dry-run
    ///   pingxuan nominate import nominations-beilun.csv
    #[command(verbatim_doc_comment)]
    Import {
        /// Update nominees whose row differs from the record (back to pending for verification)
        #[arg(long)]
        replace: bool,
        #[command(flatten)]
        input: ImportFile,
    },
    /// Add one nomination by hand, or correct one with --replace
    ///
    /// Example:
    ///   pingxuan nominate add --category individual --name 袁婷 --unit 北仑海关 \
    ///     --group 北仑单位共建片组 --staff-no 3102826 --deeds "全年零投诉" --submitted-on 2026-10-14
    #[command(verbatim_doc_comment)]
    Add(AddArgs),
    /// List the term's nominations with their status and why
    ///
    /// Example:
    ///   pingxuan nominate list --category window --status rejected
    ///   pingxuan nominate list --group 梅山港区共建片组 --format csv
    #[command(verbatim_doc_comment)]
    List(ListArgs),
    /// Show one nomination: every field, its status and why
    ///
    /// Example:
    ///   pingxuan nominate show W2026-007
    #[command(verbatim_doc_comment)]
    Show {
        /// The nomination's code, e.g. W2026-007
        code: String,
    },
    /// Verify nominations (核对): each is marked verified, or rejected with its reasons
    ///
    /// Rejected: late (sent after the term's deadline; no date counts as the day of import),
    /// left_group (the unit is no longer in the group that sent it), no_window (a window whose
    /// unit has no external window), incomplete (no deeds written). Run it again once corrected.
    /// The rejected ones are listed on stdout.
    ///
    /// Example:
    ///   pingxuan nominate verify
    ///   pingxuan nominate verify W2026-035 P2026-042
    #[command(verbatim_doc_comment)]
    Verify {
        /// Only these codes (default: every nomination of the term not withdrawn)
        codes: Vec<String>,
        /// Check and report, and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Withdraw a nomination, with the reason (it keeps its code; nothing is deleted)
    ///
    /// Example:
    ///   pingxuan nominate withdraw P2026-013 --reason "调离原单位，片组来函撤回"
    #[command(verbatim_doc_comment)]
    Withdraw {
        /// The nomination's code
        code: String,
        /// Why it is withdrawn (kept on the record)
        #[arg(long)]
        reason: String,
    },
    /// Print the blank nomination form (Chinese headers) to send to the groups
    ///
    /// Without --encoding, stdout gets plain UTF-8 and a file (--out) gets UTF-8 with a BOM, as
    /// Excel wants. With --encoding gbk the form is GBK for older Excel; with utf-8 it carries
    /// the BOM wherever it goes.
    ///
    /// Example:
    ///   pingxuan nominate template --out 推荐表.csv
    ///   pingxuan nominate template --encoding gbk --out 推荐表.csv
    #[command(verbatim_doc_comment)]
    Template {
        /// The form's encoding
        #[arg(long, value_enum, value_name = "ENCODING")]
        encoding: Option<Encoding>,
    },
}

#[derive(Args, Debug)]
pub struct AddArgs {
    /// window (窗口) or individual (个人)
    #[arg(long, value_parser = category_flag)]
    pub category: Category,
    /// The window's name or the person's name
    #[arg(long)]
    pub name: String,
    /// The member unit
    #[arg(long)]
    pub unit: String,
    /// The group that sends it (default: the unit's group)
    #[arg(long)]
    pub group: Option<String>,
    /// The person's position (职务)
    #[arg(long)]
    pub position: Option<String>,
    /// The person's staff number (工号)
    #[arg(long, value_name = "NO")]
    pub staff_no: Option<String>,
    /// The main deeds (主要事迹)
    #[arg(long, value_name = "TEXT")]
    pub deeds: Option<String>,
    /// The group's contact person (联系人)
    #[arg(long, value_name = "NAME")]
    pub contact: Option<String>,
    /// The contact's phone (联系电话)
    #[arg(long)]
    pub phone: Option<String>,
    /// The day the group sent it (报送日期)
    #[arg(long, value_name = "DATE")]
    pub submitted_on: Option<String>,
    /// An individual's place in the unit's year-end assessment (本单位年终测评排名), e.g. 3/120
    #[arg(long, value_name = "N/M")]
    pub unit_rank: Option<String>,
    /// Update the nominee if it is on record with other values
    #[arg(long)]
    pub replace: bool,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// Only this category: window or individual
    #[arg(long, value_parser = category_flag)]
    pub category: Option<Category>,
    /// Only the nominations sent by this group
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// Only the nominations of this unit
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// Only this status
    #[arg(long, value_enum)]
    pub status: Option<NominationStatus>,
}

fn category_flag(s: &str) -> std::result::Result<Category, String> {
    Category::parse(s).map_err(|e| e.to_string())
}

pub fn run(ctx: &Ctx, args: NominateArgs) -> Result<()> {
    if let NominateCommand::Template { encoding } = args.command {
        let out = crate::export::take_out();
        if let Some(path) = out
            .as_deref()
            .filter(|p| crate::export::Form::of(p) == Some(crate::export::Form::Xlsx))
        {
            return crate::commands::template::nominations_workbook(ctx, path);
        }
        return template::run(out, encoding);
    }
    match args.command {
        NominateCommand::Import { replace, input } => intake::import(ctx, &input, replace),
        NominateCommand::Add(a) => intake::add(ctx, a),
        NominateCommand::List(a) => show::list(ctx, a),
        NominateCommand::Show { code } => show::show(ctx, &code),
        NominateCommand::Verify { codes, dry_run } => verify::verify(ctx, &codes, dry_run),
        NominateCommand::Withdraw { code, reason } => verify::withdraw(ctx, &code, &reason),
        NominateCommand::Template { .. } => Ok(()),
    }
}
