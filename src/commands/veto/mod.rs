//! `veto`: the one-vote veto (一票否决), against one nomination or against a unit. A veto is
//! never deleted: it is revoked, with who, when and why, and both acts stay on the record.

mod add;
mod list;
mod revoke;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::Ctx;
use crate::core::veto::Ground;

/// Record, list and revoke one-vote vetoes (一票否决)
///
/// Any one of the four grounds disqualifies a nominee for the term, whatever its score:
/// criminal (违法犯罪被追究刑事责任), safety (重大安全责任事故), complaint (不作为、乱作为被投诉查实),
/// discipline (严重违法违纪受到处分). A veto against a unit (--unit) disqualifies all its
/// windows in the term, those nominated later too; with --all, its individuals as well.
///
/// Example:
///   pingxuan veto add P2026-025 --reason criminal \
///     --evidence "因危险驾驶罪被判处拘役二个月，判决已生效" --document "甬口岸〔2026〕36号"
///   pingxuan veto add --unit 北仑海关 --person 王某 --reason criminal --evidence "……"
///   pingxuan veto list --active
///   pingxuan veto revoke 1 --reason "判决已被撤销"
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct VetoArgs {
    #[command(subcommand)]
    pub command: VetoCommand,
}

#[derive(Subcommand, Debug)]
pub enum VetoCommand {
    Add(AddArgs),
    List(ListArgs),
    Revoke(RevokeArgs),
}

/// Record a veto against a nomination, or against a unit, with its ground and the evidence
///
/// A ground is in force against a nomination (or a unit) once: a second veto on a ground
/// already in force is refused, naming the first; revoke that one first if it is wrong.
/// Another ground may be added beside it.
///
/// A veto against a unit (--unit, instead of a code) reaches every window nomination of the
/// unit in the term, present and later; --all reaches its individual nominations too.
/// --person names the member of the unit's staff it concerns.
///
/// Example:
///   pingxuan veto add W2026-015 --reason complaint \
///     --evidence "企业向12345热线投诉，经调查属实" --document "甬口岸〔2026〕31号"
///   pingxuan veto add --unit 北仑海关 --person 王某 --reason criminal \
///     --evidence "职工王某因受贿罪被判处有期徒刑" --document "甬口岸〔2026〕37号"
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct AddArgs {
    /// The nomination code, e.g. P2026-025 (or --unit)
    #[arg(required_unless_present = "unit", conflicts_with_all = ["unit", "all", "person"])]
    pub code: Option<String>,
    /// Veto the unit: all its window nominations in the term, present and later
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// With --unit: its individual nominations too
    #[arg(long, requires = "unit")]
    pub all: bool,
    /// With --unit: the member of the unit's staff concerned
    #[arg(long, value_name = "NAME", requires = "unit")]
    pub person: Option<String>,
    /// The ground of the veto
    #[arg(long, value_enum)]
    pub reason: Ground,
    /// What was found, and by whom (required)
    #[arg(long, value_name = "TEXT")]
    pub evidence: String,
    /// The number of the document that found it, e.g. 甬口岸〔2026〕36号
    #[arg(long, value_name = "NO")]
    pub document: Option<String>,
    /// Check everything and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// List the vetoes of the term, revoked ones too (marked, with who, when and why)
///
/// A veto against a unit is listed once, with the nominations it reaches.
///
/// Example:
///   pingxuan veto list
///   pingxuan veto list --code P2026-025 --format json
///   pingxuan veto list --unit 北仑海关 --all-terms
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct ListArgs {
    /// Only the vetoes of this nomination (its own and its unit's)
    #[arg(long)]
    pub code: Option<String>,
    /// Only the vetoes of this unit's nominations, and against the unit
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// With --unit: the vetoes of every term, not only this one
    #[arg(long, requires = "unit")]
    pub all_terms: bool,
    /// Only vetoes in force
    #[arg(long, conflicts_with = "revoked")]
    pub active: bool,
    /// Only revoked vetoes
    #[arg(long)]
    pub revoked: bool,
}

/// Revoke a veto, saying why; the veto stays listed as revoked
///
/// Revoking a veto against a unit lifts it from every nomination it reached.
///
/// Example:
///   pingxuan veto revoke 3 --reason "复核后投诉不属实（甬口岸〔2026〕40号）"
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct RevokeArgs {
    /// The veto's number, as `veto list` shows it
    pub id: String,
    /// Why the veto is revoked (kept with it and on the audit record)
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// Check everything and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &Ctx, args: VetoArgs) -> Result<()> {
    match args.command {
        VetoCommand::Add(a) => add::run(ctx, a),
        VetoCommand::List(a) => list::run(ctx, a),
        VetoCommand::Revoke(a) => revoke::run(ctx, a),
    }
}
