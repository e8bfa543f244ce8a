//! WordprocessingML in the order its schema gives. The schema (ECMA-376) fixes the order of
//! the children of a paragraph's properties (`w:pPr`), a run's (`w:rPr`), a section's
//! (`w:sectPr`), paragraph borders (`w:pBdr`) and the document settings (`w:settings`); Word
//! refuses or "repairs" a file whose children stand otherwise, while LibreOffice reads it
//! anyway. docx-rs writes some of them in its own order, so the parts are put in order
//! before they are packed. Only the order of siblings changes, never a value; the one element
//! left out is the run properties docx-rs writes into the paragraph properties of a style, of
//! the document defaults and of a numbering level, where the schema allows none (`CT_PPrGeneral`;
//! Office's validator refuses them).

use anyhow::{Context, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// The children of each ordered element, in the schema's order (local names, `w:` namespace).
#[rustfmt::skip]
const ORDERS: &[(&str, &[&str])] = &[
    ("pPr", &[
        "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
        "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
        "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
        "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap",
        "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
        "cnfStyle", "rPr", "sectPr", "pPrChange",
    ]),
    ("rPr", &[
        "ins", "del", "moveFrom", "moveTo", "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps",
        "smallCaps", "strike", "dstrike", "outline", "shadow", "emboss", "imprint", "noProof",
        "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz",
        "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
        "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange",
    ]),
    ("sectPr", &[
        "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
        "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign",
        "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings",
        "sectPrChange",
    ]),
    ("style", &[
        "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
        "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
        "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr",
    ]),
    ("lvl", &[
        "start", "numFmt", "lvlRestart", "pStyle", "isLgl", "suff", "lvlText", "lvlPicBulletId",
        "legacy", "lvlJc", "pPr", "rPr",
    ]),
    ("docDefaults", &[
        "rPrDefault", "pPrDefault",
    ]),
    ("pBdr", &[
        "top", "left", "bottom", "right", "between", "bar",
    ]),
    ("settings", &[
        "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
        "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
        "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
        "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
        "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop",
        "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle", "proofState",
        "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
        "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
        "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
        "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
        "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
        "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
        "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
        "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
        "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
        "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
        "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
        "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter",
        "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml",
        "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml",
        "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
        "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr",
        "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang",
        "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
        "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
        "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
    ]),
];

/// The schema's order of the children of `parent`, if it fixes one.
fn order_of(parent: &[u8]) -> Option<&'static [&'static str]> {
    ORDERS
        .iter()
        .find(|(name, _)| name.as_bytes() == parent)
        .map(|(_, order)| *order)
}

/// Where a child stands in its parent's order: an element the schema does not name there (an
/// extension of a later Word, say) keeps its place after the named ones.
fn rank(order: &[&str], child: &[u8]) -> usize {
    order.iter().position(|n| n.as_bytes() == child).unwrap_or(order.len())
}

/// The local name of an element: `pPr` of `w:pPr`.
fn local(e: &BytesStart<'_>) -> Vec<u8> {
    e.local_name().as_ref().to_vec()
}

/// A node of the document: an element with its children, or anything else as read.
enum Node {
    Element {
        start: BytesStart<'static>,
        children: Vec<Node>,
        /// Written as `<x/>`.
        empty: bool,
    },
    Other(Event<'static>),
}

impl Node {
    fn name(&self) -> Option<Vec<u8>> {
        match self {
            Node::Element { start, .. } => Some(local(start)),
            Node::Other(_) => None,
        }
    }
}

fn parse(xml: &[u8]) -> Result<Vec<Node>> {
    let mut reader = Reader::from_reader(xml);
    let mut stack: Vec<(BytesStart<'static>, Vec<Node>)> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    loop {
        let event = reader.read_event().context("reading the document's XML")?;
        let node = match event {
            Event::Eof => break,
            Event::Start(s) => {
                stack.push((s.into_owned(), Vec::new()));
                continue;
            }
            Event::End(_) => {
                let (start, children) = stack.pop().context("an end tag without its start")?;
                Node::Element {
                    start,
                    children,
                    empty: false,
                }
            }
            Event::Empty(s) => Node::Element {
                start: s.into_owned(),
                children: Vec::new(),
                empty: true,
            },
            other => Node::Other(other.into_owned()),
        };
        match stack.last_mut() {
            Some((_, children)) => children.push(node),
            None => top.push(node),
        }
    }
    anyhow::ensure!(stack.is_empty(), "an element is not closed");
    Ok(top)
}

/// The parents whose paragraph properties are the general kind (`CT_PPrGeneral`), which holds
/// no run properties and no section.
const GENERAL_PPR: &[&str] = &["style", "pPrDefault", "lvl"];

/// Puts the children of every ordered element in the schema's order, keeping equals (and
/// text between them) in the order they came; drops what the general paragraph properties
/// cannot hold.
fn reorder(nodes: &mut [Node], parent: &[u8]) {
    if GENERAL_PPR.iter().any(|p| p.as_bytes() == parent) {
        for node in nodes.iter_mut() {
            if let Node::Element { start, children, .. } = node
                && local(start) == b"pPr"
            {
                children.retain(|c| !matches!(c.name().as_deref(), Some(b"rPr" | b"sectPr")));
            }
        }
    }
    for node in nodes.iter_mut() {
        if let Node::Element { start, children, .. } = node {
            let name = local(start);
            reorder(children, &name);
            if let Some(order) = order_of(&name) {
                children.sort_by_key(|c| c.name().map_or(order.len() + 1, |n| rank(order, &n)));
            }
        }
    }
}

fn write(nodes: Vec<Node>, w: &mut Writer<Vec<u8>>) -> Result<()> {
    for node in nodes {
        match node {
            Node::Element { start, empty: true, .. } => w.write_event(Event::Empty(start))?,
            Node::Element { start, children, .. } => {
                let end = start.to_end().into_owned();
                w.write_event(Event::Start(start))?;
                write(children, w)?;
                w.write_event(Event::End(end))?;
            }
            Node::Other(e) => w.write_event(e)?,
        }
    }
    Ok(())
}

/// One part of the package, its ordered elements' children in the schema's order.
pub fn in_schema_order(xml: &[u8]) -> Result<Vec<u8>> {
    let mut nodes = parse(xml)?;
    reorder(&mut nodes, b"");
    let mut w = Writer::new(Vec::with_capacity(xml.len()));
    write(nodes, &mut w)?;
    Ok(w.into_inner())
}

/// Every place in a part where the children of an ordered element stand out of the schema's
/// order, as "pPr: rPr before jc"; none when the part is in order.
#[cfg(test)]
pub fn out_of_order(xml: &[u8]) -> Result<Vec<String>> {
    fn walk(nodes: &[Node], found: &mut Vec<String>) {
        for node in nodes {
            if let Node::Element { start, children, .. } = node {
                let parent = local(start);
                if GENERAL_PPR.iter().any(|p| p.as_bytes() == parent) {
                    for c in children {
                        if let Node::Element { start, children, .. } = c
                            && local(start) == b"pPr"
                            && children.iter().any(|g| g.name().as_deref() == Some(b"rPr"))
                        {
                            found.push(format!("{}: rPr in pPr", String::from_utf8_lossy(&parent)));
                        }
                    }
                }
                if let Some(order) = order_of(&parent) {
                    let names: Vec<Vec<u8>> = children.iter().filter_map(Node::name).collect();
                    for pair in names.windows(2) {
                        if rank(order, &pair[0]) > rank(order, &pair[1]) {
                            found.push(format!(
                                "{}: {} before {}",
                                String::from_utf8_lossy(&parent),
                                String::from_utf8_lossy(&pair[0]),
                                String::from_utf8_lossy(&pair[1])
                            ));
                        }
                    }
                }
                walk(children, found);
            }
        }
    }
    let mut found = Vec::new();
    walk(&parse(xml)?, &mut found);
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    /// The part put in order, after checking that it had `wrong` faults and has none left.
    fn fixed(xml: &str, wrong: usize) -> String {
        let found = out_of_order(xml.as_bytes()).unwrap();
        assert_eq!(found.len(), wrong, "{found:?}");
        let fixed = String::from_utf8(in_schema_order(xml.as_bytes()).unwrap()).unwrap();
        assert!(out_of_order(fixed.as_bytes()).unwrap().is_empty(), "{fixed}");
        fixed
    }

    #[test]
    fn children_are_put_in_the_schemas_order_and_nothing_else_changes() {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document {W}><w:body>\
             <w:p><w:pPr><w:rPr><w:sz w:val=\"32\" /><w:rFonts w:eastAsia=\"仿宋\" /></w:rPr>\
             <w:jc w:val=\"center\" /><w:ind w:left=\"1280\" /><w:keepNext /></w:pPr>\
             <w:r><w:t xml:space=\"preserve\">A &amp; B 甲</w:t></w:r></w:p>\
             <w:sectPr><w:pgSz w:w=\"11906\" /><w:cols w:space=\"425\" />\
             <w:footerReference w:type=\"default\" r:id=\"rId1\" /></w:sectPr></w:body></w:document>"
        );
        let fixed = fixed(&xml, 5);
        assert!(
            fixed.contains(
                "<w:pPr><w:keepNext /><w:ind w:left=\"1280\" /><w:jc w:val=\"center\" /><w:rPr><w:rFonts w:eastAsia=\"仿宋\" /><w:sz w:val=\"32\" /></w:rPr></w:pPr>"
            ),
            "{fixed}"
        );
        assert!(fixed.contains("<w:sectPr><w:footerReference"), "{fixed}");
        assert!(
            fixed.contains("<w:t xml:space=\"preserve\">A &amp; B 甲</w:t>"),
            "{fixed}"
        );
        assert!(fixed.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"));
        // In order already: unchanged, byte for byte.
        assert_eq!(in_schema_order(fixed.as_bytes()).unwrap(), fixed.as_bytes());
    }

    #[test]
    fn a_styles_paragraph_properties_lose_the_run_properties_the_schema_does_not_allow() {
        let xml = format!(
            "<w:styles {W}><w:docDefaults><w:pPrDefault><w:pPr><w:rPr /></w:pPr></w:pPrDefault>\
             <w:rPrDefault><w:rPr><w:sz w:val=\"32\" /></w:rPr></w:rPrDefault></w:docDefaults>\
             <w:style w:type=\"paragraph\" w:styleId=\"Normal\"><w:name w:val=\"Normal\" />\
             <w:rPr><w:sz w:val=\"32\" /></w:rPr><w:pPr><w:rPr /><w:jc w:val=\"both\" /></w:pPr>\
             <w:qFormat /></w:style></w:styles>"
        );
        let fixed = fixed(&xml, 6);
        assert!(
            fixed.contains(
                "<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"32\" /></w:rPr></w:rPrDefault>\
                 <w:pPrDefault><w:pPr></w:pPr></w:pPrDefault></w:docDefaults>"
            ),
            "{fixed}"
        );
        assert!(
            fixed.contains(
                "<w:name w:val=\"Normal\" /><w:qFormat /><w:pPr><w:jc w:val=\"both\" /></w:pPr>\
                 <w:rPr><w:sz w:val=\"32\" /></w:rPr></w:style>"
            ),
            "{fixed}"
        );
    }

    #[test]
    fn an_element_the_schema_does_not_name_keeps_its_place_after_the_named() {
        let xml = format!("<w:settings {W}><w15:x/><w:compat/><w:zoom/><w:evenAndOddHeaders/></w:settings>");
        let fixed = String::from_utf8(in_schema_order(xml.as_bytes()).unwrap()).unwrap();
        assert_eq!(
            fixed,
            format!("<w:settings {W}><w:zoom/><w:evenAndOddHeaders/><w:compat/><w:x/></w:settings>")
                .replace("<w:x/>", "<w15:x/>")
        );
    }
}
