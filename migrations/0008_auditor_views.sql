-- Migration: views for an auditor who opens the file with sqlite3 or DB Browser.
--
-- The tables keep points in hundredths and codes in English, as the program needs them; these
-- views show the same records as a reader expects them: real points (17.5, not 1750), Chinese
-- labels (窗口, 联评, 已撤回) and column names, totals as decimals beside their exact value.
-- Views hold no rows, so they are not part of the hash-chained record. Each lists every
-- record, withdrawn and replaced ones too, with a 状态 column saying which still count.
--
--   sqlite3 -header -column 口岸评选.sqlite "SELECT * FROM v_awards"

CREATE VIEW v_terms AS
SELECT t.year     AS 年度,
       t.title    AS 名称,
       t.deadline AS 报送截止,
       CASE t.state WHEN 'open' THEN '进行中' WHEN 'awarded' THEN '已授奖' WHEN 'closed' THEN '已结束' END AS 状态,
       t.opened_at AS 开启时间,
       t.opened_by AS 开启人
FROM term t;

CREATE VIEW v_scheme AS
SELECT s.term AS 年度,
       s.weight_self       AS 自评权重百分比,
       s.weight_joint      AS 联评权重百分比,
       s.weight_inspection AS 检查权重百分比,
       s.step / 100.0            AS 评分步长,
       s.min_joint               AS 联评至少人数,
       s.trim_from               AS 去掉最高最低分的人数下限,
       s.inspection_base / 100.0 AS 检查基础分,
       (SELECT quota FROM scheme_category WHERE term = s.term AND category = 'window')     AS 窗口名额,
       (SELECT quota FROM scheme_category WHERE term = s.term AND category = 'individual') AS 个人名额,
       (SELECT threshold / 100.0 FROM scheme_category WHERE term = s.term AND category = 'window') AS 窗口满意度下限百分比
FROM scheme s;

CREATE VIEW v_criteria AS
SELECT c.term AS 年度,
       CASE c.category WHEN 'window' THEN '窗口' ELSE '个人' END AS 类别,
       c.idx       AS 序号,
       c.name_zh   AS 指标,
       c.max / 100.0 AS 满分
FROM criterion c;

CREATE VIEW v_units AS
SELECT g.name AS 片组,
       CASE g.kind WHEN 'unit' THEN '单位' WHEN 'port_area' THEN '港区' WHEN 'region' THEN '区域' END AS 片组类型,
       u.name AS 单位,
       CASE u.has_window WHEN 1 THEN '是' ELSE '否' END AS 对外窗口
FROM unit u JOIN org_group g ON g.id = u.group_id;

CREATE VIEW v_nominations AS
SELECT n.term AS 年度,
       n.code AS 编号,
       CASE n.category WHEN 'window' THEN '窗口' ELSE '个人' END AS 类别,
       n.name AS 名称,
       u.name AS 单位,
       g.name AS 片组,
       n.position AS 职务,
       n.staff_no AS 工号,
       n.submitted_on AS 报送日期,
       CASE n.status WHEN 'pending' THEN '待核对' WHEN 'verified' THEN '已核对'
                     WHEN 'rejected' THEN '核对未通过' WHEN 'withdrawn' THEN '已撤回' END AS 状态,
       replace(replace(replace(replace(replace(replace(n.reasons,
           'out_of_scope', '不在评比范围'), 'left_group', '单位已不属于该片组'),
           'no_window', '单位无对外窗口'), 'incomplete', '未填写主要事迹'),
           'late', '逾期报送'), ',', '、') AS 未通过原因,
       n.withdrawn_reason AS 撤回原因,
       n.deeds AS 主要事迹
FROM nomination n
JOIN unit u ON u.id = n.unit_id
JOIN org_group g ON g.id = n.group_id;

CREATE VIEW v_sheets AS
SELECT n.term AS 年度,
       n.code AS 编号,
       n.name AS 名称,
       CASE s.source WHEN 'self' THEN '自评' ELSE '联评' END AS 来源,
       s.evaluator AS 评分人,
       s.c1 / 100.0 AS 指标1,
       s.c2 / 100.0 AS 指标2,
       s.c3 / 100.0 AS 指标3,
       s.c4 / 100.0 AS 指标4,
       s.c5 / 100.0 AS 指标5,
       (s.c1 + s.c2 + s.c3 + s.c4 + s.c5) / 100.0 AS 合计,
       s.note AS 备注,
       CASE WHEN s.replaced_at IS NULL THEN '有效' ELSE '已替换' END AS 状态,
       s.recorded_at AS 录入时间,
       s.recorded_by AS 录入人
FROM sheet s JOIN nomination n ON n.id = s.nomination;

CREATE VIEW v_findings AS
SELECT f.id AS 记录号,
       n.term AS 年度,
       n.code AS 编号,
       n.name AS 名称,
       CASE f.kind WHEN 'open' THEN '明查' ELSE '暗访' END AS 方式,
       f.date AS 日期,
       f.inspector AS 检查人,
       f.finding AS 发现问题,
       f.deduction / 100.0 AS 扣分,
       CASE WHEN f.withdrawn_at IS NULL THEN '有效' ELSE '已撤回' END AS 状态,
       f.withdraw_reason AS 撤回原因
FROM finding f JOIN nomination n ON n.id = f.nomination;

CREATE VIEW v_surveys AS
SELECT s.id AS 记录号,
       n.term AS 年度,
       n.code AS 编号,
       n.name AS 名称,
       s.date AS 日期,
       s.satisfied AS 满意人数,
       s.total AS 调查人数,
       round(100.0 * s.satisfied / s.total, 2) AS 满意度百分比,
       CASE WHEN s.withdrawn_at IS NULL THEN '有效' ELSE '已撤回' END AS 状态,
       s.withdraw_reason AS 撤回原因
FROM survey s JOIN nomination n ON n.id = s.nomination;

CREATE VIEW v_vetoes AS
SELECT v.id AS 记录号,
       n.term AS 年度,
       n.code AS 编号,
       n.name AS 名称,
       CASE v.reason WHEN 'criminal' THEN '违法犯罪被追究刑事责任'
                     WHEN 'safety' THEN '发生重大安全责任事故'
                     WHEN 'complaint' THEN '不作为、乱作为被投诉查实'
                     WHEN 'discipline' THEN '严重违法违纪受到处分' END AS 否决事由,
       v.evidence AS 依据,
       v.document AS 文号,
       CASE WHEN v.revoked_at IS NULL THEN '有效' ELSE '已撤销' END AS 状态,
       v.revoke_reason AS 撤销原因,
       v.added_at AS 录入时间,
       v.added_by AS 录入人
FROM veto v JOIN nomination n ON n.id = v.nomination;

-- The total is stored exactly, as a fraction of points ("2833/30"); 总分 is its decimal
-- to four places, 总分精确值 the fraction itself.
CREATE VIEW v_awards AS
SELECT a.term AS 年度,
       a.certificate AS 证书编号,
       n.code AS 编号,
       CASE a.category WHEN 'window' THEN '窗口' ELSE '个人' END AS 类别,
       n.name AS 名称,
       u.name AS 单位,
       g.name AS 片组,
       a.rank AS 名次,
       round(CASE instr(a.total, '/')
                 WHEN 0 THEN CAST(a.total AS REAL)
                 ELSE CAST(substr(a.total, 1, instr(a.total, '/') - 1) AS REAL)
                      / CAST(substr(a.total, instr(a.total, '/') + 1) AS REAL)
             END, 4) AS 总分,
       a.total AS 总分精确值,
       CASE a.decision WHEN 'shortlisted' THEN '名额内入围'
                       WHEN 'included by the committee' THEN '评委会决定纳入'
                       ELSE a.decision END AS 授奖依据,
       CASE WHEN a.revoked_at IS NULL THEN '有效' ELSE '已撤销' END AS 状态,
       a.revoke_reason AS 撤销原因,
       a.granted_at AS 授奖时间
FROM award a
JOIN nomination n ON n.id = a.nomination
JOIN unit u ON u.id = n.unit_id
JOIN org_group g ON g.id = n.group_id;

CREATE VIEW v_audit AS
SELECT a.id AS 序号,
       a.at AS 时间,
       a.operator AS 操作人,
       a.term AS 年度,
       a.action AS 操作,
       a.target AS 对象,
       a.detail AS 详情,
       a.hash AS 哈希
FROM audit a;
