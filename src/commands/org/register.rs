//! The groups and units as stored, and every change to them.

use std::collections::HashMap;

use anyhow::{Context, Result};
use rusqlite::{Connection, params};

use crate::change::Change;
use serde_json::json;

use super::GroupKind;
use crate::i18n::{Lang, lang};
use crate::messages::say;
use crate::output::say;

/// The organisation as stored: groups and units by name. Changes go through it, each on the
/// audit record with the file it came from.
pub struct Org<'a> {
    conn: &'a Change<'a>,
    source: String,
    pub groups: Groups,
    pub units: HashMap<String, UnitRec>,
}

/// The groups by name: id and kind.
pub type Groups = HashMap<String, (i64, GroupKind)>;

pub fn groups(conn: &Connection) -> Result<Groups> {
    let mut groups = HashMap::new();
    let mut st = conn.prepare("SELECT id, name, kind FROM org_group")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))?;
    for r in rows {
        let (id, name, kind): (i64, String, String) = r?;
        groups.insert(name, (id, GroupKind::from_code(&kind).unwrap_or(GroupKind::Unit)));
    }
    Ok(groups)
}

#[derive(Clone)]
pub struct UnitRec {
    pub id: i64,
    pub group_id: i64,
    pub has_window: bool,
}

impl<'a> Org<'a> {
    pub fn load(conn: &'a Change<'a>, source: &str) -> Result<Org<'a>> {
        let groups = groups(conn)?;
        let mut units = HashMap::new();
        let mut st = conn.prepare("SELECT name, id, group_id, has_window FROM unit")?;
        let rows = st.query_map([], |r| {
            let rec = UnitRec {
                id: r.get(1)?,
                group_id: r.get(2)?,
                has_window: r.get(3)?,
            };
            Ok((r.get::<_, String>(0)?, rec))
        })?;
        for r in rows {
            let (name, rec) = r?;
            units.insert(name, rec);
        }
        let source = source.to_string();
        Ok(Org {
            conn,
            source,
            groups,
            units,
        })
    }

    pub fn group_name(&self, id: i64) -> &str {
        self.groups
            .iter()
            .find(|(_, (gid, _))| *gid == id)
            .map(|(n, _)| n.as_str())
            .unwrap_or("?")
    }

    fn audit(&self, action: &str, target: &str, mut detail: serde_json::Value) -> Result<()> {
        if !self.source.is_empty() {
            detail["file"] = json!(self.source);
        }
        self.conn.record(None, action, target, detail)
    }

    pub fn add_group(&mut self, name: &str, kind: GroupKind) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO org_group (name, kind) VALUES (?1, ?2)",
                params![name, kind.code()],
            )
            .with_context(|| say!(en("adding the group {name}"), zh("添加片组 {name}")))?;
        self.groups
            .insert(name.to_string(), (self.conn.last_insert_rowid(), kind));
        self.audit("org.group.add", name, json!({ "kind": kind.code() }))
    }

    pub fn set_kind(&mut self, name: &str, kind: GroupKind) -> Result<()> {
        let (id, old) = self.groups[name];
        self.conn
            .execute("UPDATE org_group SET kind = ?1 WHERE id = ?2", params![kind.code(), id])
            .with_context(|| {
                say!(
                    en("changing the kind of the group {name}"),
                    zh("更改片组 {name} 的类型")
                )
            })?;
        self.groups.insert(name.to_string(), (id, kind));
        self.audit("org.group.kind", name, json!({ "from": old.code(), "to": kind.code() }))
    }

    pub fn add_unit(&mut self, name: &str, group: &str, has_window: bool) -> Result<()> {
        let group_id = self.groups[group].0;
        self.conn
            .execute(
                "INSERT INTO unit (name, group_id, has_window) VALUES (?1, ?2, ?3)",
                params![name, group_id, has_window],
            )
            .with_context(|| say!(en("adding the unit {name}"), zh("添加单位 {name}")))?;
        let id = self.conn.last_insert_rowid();
        self.units.insert(
            name.to_string(),
            UnitRec {
                id,
                group_id,
                has_window,
            },
        );
        self.audit(
            "org.unit.add",
            name,
            json!({ "group": group, "has_window": has_window }),
        )
    }

    /// Moves a unit and/or sets its window; each change goes on the audit record.
    pub fn change_unit(&mut self, name: &str, group: &str, has_window: bool) -> Result<()> {
        let old = self.units[name].clone();
        let group_id = self.groups[group].0;
        self.conn
            .execute(
                "UPDATE unit SET group_id = ?1, has_window = ?2 WHERE id = ?3",
                params![group_id, has_window, old.id],
            )
            .with_context(|| say!(en("changing the unit {name}"), zh("更改单位 {name}")))?;
        if old.group_id != group_id {
            let from = self.group_name(old.group_id).to_string();
            self.audit("org.unit.move", name, json!({ "from": from, "to": group }))?;
            note_moved_nominations(self.conn, name, old.group_id)?;
        }
        if old.has_window != has_window {
            self.audit(
                "org.unit.window",
                name,
                json!({ "from": old.has_window, "to": has_window }),
            )?;
        }
        let rec = UnitRec {
            group_id,
            has_window,
            ..old
        };
        self.units.insert(name.to_string(), rec);
        Ok(())
    }
}

/// A moved unit's open nominations keep the group that sent them; verify will see it.
fn note_moved_nominations(tx: &Connection, unit: &str, old_group: i64) -> Result<()> {
    let n: i64 = tx.query_row(
        "SELECT count(*) FROM nomination n JOIN term t ON t.year = n.term JOIN unit u ON u.id = n.unit_id
         WHERE u.name = ?1 AND n.group_id = ?2 AND t.state = 'open' AND n.status <> 'withdrawn'",
        params![unit, old_group],
        |r| r.get(0),
    )?;
    if n > 0 {
        say(&match lang() {
            Lang::En => format!(
                "note: {n} nominations of {unit} in an open term were sent by its former group; `nominate verify` will reject them (left_group)"
            ),
            Lang::Zh => {
                format!(
                    "提示：{unit} 在进行中的届期有 {n} 项推荐由原片组报送，`nominate verify` 将判为“单位已不属于该片组”"
                )
            }
        });
    }
    Ok(())
}
