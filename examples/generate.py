#!/usr/bin/env python3
"""Generate the example data of term 2026 for `pingxuan`.

Run from the repository root:

    python3 examples/generate.py

Standard library only, fixed random seed: every run writes the same bytes into
examples/2026/ and prints the expected shortlists (also saved as
examples/2026/expected-shortlist.txt).  The expected ranking is computed here
with fractions.Fraction, following the default scheme in the domain spec:

    joint       = mean of the evaluators' sheet totals, one highest and one
                  lowest dropped when there are >= 5 sheets
    inspection  = max(0, 100 - sum of deductions)
    total       = 0.2 * self + 0.5 * joint + 0.3 * inspection
    eligible    = verified, not vetoed, self sheet and >= 3 joint sheets,
                  windows need a survey with satisfaction >= 98 %
    order       = total, joint, inspection, satisfaction (all descending)
    quotas      = 10 windows, 20 individuals
"""

import csv
import io
import os
import random
import sys
from fractions import Fraction as F

SEED = 20261015
YEAR = 2026
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, str(YEAR))

QUOTA = {"window": 10, "individual": 20}
WEIGHTS = (F(1, 5), F(1, 2), F(3, 10))  # self, joint, inspection
THRESHOLD = F(98, 100)

rng = random.Random(SEED)

# --------------------------------------------------------------------------
# Organisation: three groups, one of each kind, 26 member units.
# Each unit: (name, type, has_window, windows nominated, individuals nominated,
#             staff-number format, liaison, phone)
# --------------------------------------------------------------------------
GROUPS = [
    ("北仑单位共建片组", "单位", "unit", [
        ("北仑海关", "customs", True,
         ["报关业务受理窗口", "行政审批综合窗口", "查验业务服务窗口"], 7,
         "3102{:03d}", "郑晓岚", "0574-86875210"),
        ("宁波出入境边防检查站北仑执勤队", "border", True,
         ["船舶出入境手续办理窗口", "登轮证件办理窗口"], 6,
         "336{:03d}", "何俊", "0574-86220563"),
        ("宁波海事局北仑海事处", "msa", True,
         ["船舶签证窗口", "船员证书办理窗口", "危险货物申报窗口"], 6,
         "BLHS{:04d}", "俞静", "0574-86882110"),
        ("国家税务总局宁波市北仑区税务局", "tax", True,
         ["出口退税业务窗口", "非居民税收服务窗口"], 5,
         "33020600{:03d}", "蒋文斌", "0574-86781235"),
        ("宁波大港引航有限公司", "pilot", True,
         ["引航调度受理窗口"], 5,
         "YH{:04d}", "傅海军", "0574-27690118"),
        ("宁波市公安局港航分局", "police", True,
         ["港区通行证办理窗口", "户政业务窗口"], 5,
         "09{:04d}", "史立新", "0574-86871101"),
        ("中国宁波外轮代理有限公司", "agency", True,
         ["船舶代理业务窗口", "进口单证服务窗口"], 5,
         "WD{:05d}", "洪亚琴", "13605740312"),
        ("中国宁波外轮理货有限公司", "tally", True,
         ["理货业务受理窗口", "理货单证服务窗口"], 4,
         "LH{:04d}", "竺国平", "0574-86857702"),
        ("宁波北仑第三集装箱码头有限公司", "terminal", True,
         ["客户服务中心窗口", "提箱业务受理窗口", "冷藏箱业务窗口"], 6,
         "BCT{:05d}", "叶婷婷", "0574-86128865"),
        ("北仑区口岸打私办", "office", False, [], 3,
         "BK{:03d}", "林旭东", "0574-86783306"),
        ("宁波海关技术中心", "lab", False, [], 4,
         "JS{:04d}", "毛雪芳", "0574-87022364"),
    ]),
    ("梅山港区共建片组", "港区", "port_area", [
        ("梅山海关", "customs", True,
         ["报关业务受理窗口", "企业管理与稽查服务窗口", "查验业务服务窗口"], 6,
         "3109{:03d}", "应佳琪", "0574-86782601"),
        ("宁波出入境边防检查站梅山执勤队", "border", True,
         ["船舶出入境手续办理窗口", "外籍船员登陆证办理窗口"], 5,
         "337{:03d}", "董振华", "0574-86501130"),
        ("宁波海事局梅山海事处", "msa", True,
         ["船舶签证窗口", "政务服务综合窗口"], 5,
         "MSHS{:04d}", "邵春燕", "0574-86507720"),
        ("宁波梅山岛国际集装箱码头有限公司", "terminal", True,
         ["客户服务中心窗口", "闸口服务窗口", "船舶计划受理窗口"], 6,
         "MSCT{:04d}", "楼嘉豪", "0574-86906012"),
        ("宁波梅东集装箱码头有限公司", "terminal", True,
         ["客户服务中心窗口", "单证业务窗口"], 5,
         "MD{:05d}", "徐燕萍", "0574-86908830"),
        ("宁波市公安局港航分局梅山派出所", "police", True,
         ["港区通行证办理窗口"], 4,
         "09{:04d}", "孙卫国", "0574-86501110"),
        ("中联理货有限公司宁波分公司", "tally", True,
         ["理货业务受理窗口", "理货单证服务窗口"], 4,
         "ZL{:04d}", "鲍丹", "13958213306"),
        ("梅山港区消防救援站", "fire", False, [], 3,
         "XF{:04d}", "屠翔", "0574-86509119"),
    ]),
    ("镇海区域共建片组", "区域", "region", [
        ("镇海海关", "customs", True,
         ["报关业务受理窗口", "危险品检验受理窗口", "行政审批综合窗口"], 6,
         "3105{:03d}", "胡露", "0574-86270951"),
        ("宁波出入境边防检查站镇海执勤队", "border", True,
         ["船舶出入境手续办理窗口", "登轮证件办理窗口"], 5,
         "338{:03d}", "周明辉", "0574-86266017"),
        ("宁波海事局镇海海事处", "msa", True,
         ["船舶签证窗口", "危险货物申报窗口"], 5,
         "ZHHS{:04d}", "朱莉", "0574-86272412"),
        ("宁波舟山港股份有限公司镇海港埠分公司", "port", True,
         ["商务受理窗口", "货运业务窗口"], 5,
         "ZHGB{:04d}", "汪益民", "0574-86263388"),
        ("国家税务总局宁波市镇海区税务局", "tax", True,
         ["出口退税业务窗口", "综合办税窗口"], 4,
         "33021100{:03d}", "吴梦瑶", "0574-86308122"),
        ("中国石化镇海炼化分公司", "refinery", False, [], 4,
         "ZLH{:05d}", "黄斌", "0574-86447561"),
        ("镇海区口岸打私办", "office", False, [], 3,
         "ZK{:03d}", "卢晓峰", "0574-86299013"),
    ]),
]

# --------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------
SURNAMES = ("王陈张李周徐胡林郑应孙俞楼邵毛屠竺鲍史董黄吴杨朱傅叶蒋汪洪卢"
            "方金沈钱施任袁赵顾许江夏戴谢罗曹岑裘舒柴")
GIVEN = ("海波 建军 丽娟 晓燕 志强 伟 敏 静 磊 杰 颖 婷 佳琪 俊杰 雪芳 国平 斌 涛 晨 宇航 "
         "梦瑶 一帆 凯 莉 燕萍 海燕 立新 文斌 益 旭东 浩 露 思远 明辉 亚琴 春燕 雅芬 建伟 "
         "振华 嘉豪 晓峰 慧敏 骏 琳 瑜 博文 晶晶 丹 翔 鑫 帆 蓉 卫国 国庆 海军 力 晓东 "
         "立峰 健 秋霞 剑锋 超 琦 芳芳 辉 亮 军 红梅 思琪 子豪 晓军 永刚 华 玲 欣怡 "
         "雨涵 宏伟 建华 丽萍 海峰 俊 利民 文静 家乐 佳慧 逸飞 天宇 少华 晓红 志华 鹏").split()

PANEL = ["陈国良", "王丽萍", "张立群", "李海涛", "周建平", "徐慧娟", "胡一鸣"]
PANEL_LENIENCY = [-0.6, 0.4, -1.4, 0.8, 0.0, -0.3, 1.1]
# The panel's own units and roles (panel.csv): none is a member unit, so no one recuses.
PANEL_UNITS = {
    "陈国良": ("宁波市口岸办", "组长"), "王丽萍": ("宁波市总工会", "组员"),
    "张立群": ("宁波市口岸办", "副组长"), "李海涛": ("宁波市文明办", "组员"),
    "周建平": ("宁波市口岸协会", "组员"), "徐慧娟": ("宁波市口岸办", "组员"),
    "胡一鸣": ("宁波市交通运输局", "组员"),
}
INSPECTORS = ["林卫东", "郑雅琴", "应建华", "邵敏", "市口岸办暗访组"]

reserved = set(PANEL) | set(INSPECTORS)
for _g in GROUPS:
    for _u in _g[3]:
        reserved.add(_u[6])
used_names = []


def person_name():
    while True:
        n = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if n not in reserved and n not in used_names:
            used_names.append(n)
            return n


POSITIONS = {
    "customs": ["科员", "一级主任科员", "四级主任科员", "副科长", "科长", "窗口负责人"],
    "border": ["民警", "一级警长", "二级警长", "执勤队副队长", "窗口主任"],
    "msa": ["科员", "四级主任科员", "副科长", "船舶签证员", "窗口负责人"],
    "tax": ["科员", "一级主办", "副科长", "办税服务厅副主任", "窗口主任"],
    "pilot": ["引航员", "高级引航员", "调度员", "调度室主任"],
    "police": ["民警", "辅警", "二级警长", "一级警长", "副所长"],
    "agency": ["船务代理员", "单证主管", "客服专员", "业务部副经理"],
    "tally": ["理货员", "理货组长", "单证员", "值班主任"],
    "terminal": ["桥吊司机", "班组长", "闸口操作员", "客服中心主管", "调度员", "安全员"],
    "port": ["门机司机", "班组长", "商务员", "调度员", "安全员"],
    "office": ["科员", "综合科科长", "副主任"],
    "lab": ["检测员", "工程师", "实验室副主任"],
    "fire": ["消防员", "班长", "副站长"],
    "refinery": ["码头调度员", "班长", "安全环保科科员", "外操员"],
}

# --------------------------------------------------------------------------
# Deeds.  {n} placeholders are filled with realistic numbers.  Some use an
# ASCII thousands separator and ASCII double quotes, as clerks type them.
# --------------------------------------------------------------------------
WINDOW_DEEDS = {
    "customs": [
        "全年受理报关单{big}票，业务量居全关前列，申报差错率控制在0.1%以内。",
        "深入推进\"提前申报\"\"两步申报\"改革，进口货物平均通关时间压缩至{h}小时。",
        "设立“关企直通车”，上门走访企业{m}家，现场解决通关难题{k2}个。",
        "窗口实行首问负责制和一次性告知制，全年未发生有效投诉。",
    ],
    "border": [
        "全年办理船舶出入境手续{big}艘次，实现“零差错、零投诉、零延误”。",
        "推出登轮证件“网上办、掌上办”，平均办理时间由1个工作日缩短至{hh}小时。",
        "为外籍船员提供“一站式”服务，协助{n}名船员紧急就医、换班回国。",
    ],
    "msa": [
        "全年办理船舶进出港签证{big}艘次，业务办结率100%。",
        "推行船员证书“不见面审批”，办理船员证书{n}本，群众满意率持续保持高位。",
        "开展\"海事服务进码头\"活动{m}次，帮助企业整改安全隐患{m2}项。",
    ],
    "tax": [
        "全年办理出口退税{n}户次，退税额{yi}亿元，正常退税平均办理时间压缩至{d}个工作日。",
        "为航运企业开通非居民税收“绿色通道”，办理对外支付备案{n}笔。",
        "窗口推行“延时服务”“预约服务”，节假日累计服务纳税人{m}人次。",
    ],
    "pilot": [
        "全年调度引航作业{big}艘次，安全引领超大型集装箱船{n}艘次。",
        "台风期间24小时值守，协调{m}艘船舶安全离泊避风，无一责任事故。",
    ],
    "police": [
        "全年办理港区通行证{big}张，推行“即来即办”，平均办理时间10分钟。",
        "主动上门为码头企业集中办证{m}次，群众赠送锦旗{k}面。",
    ],
    "agency": [
        "全年代理国际航行船舶{big}艘次，单证差错率为零。",
        "推行\"一票到底\"代理服务，为船公司节约在港时间{h}小时以上。",
        "疏港高峰期间组织专班，协调解决船舶靠离泊、船员换班等问题{m}件。",
    ],
    "tally": [
        "全年完成理货{big}标准箱，理货准确率99.98%。",
        "推广电子理货单证，企业办事“最多跑一次”，收到客户表扬信{k}封。",
    ],
    "terminal": [
        "全年受理集卡预约{big}单，设立“司机之家”，平均提箱时间缩短{h}分钟。",
        "推出\"一次申报、一次查验、一次放行\"衔接服务，协助口岸单位完成查验{n}箱次。",
        "客户服务中心实行7×24小时值班，全年处理客户诉求{m}件，办结率100%。",
    ],
    "port": [
        "全年受理散杂货作业委托{big}票，货运质量事故为零。",
        "开展“港口开放日”活动，为货主企业上门服务{m}次。",
    ],
    "general": [
        "窗口内部团结协作，保洁制度落实到位，办公区域整洁有序。",
        "积极参与口岸志愿服务和“文明和谐口岸”创建活动，全年开展主题活动{k}次。",
        "窗口获评市级\"青年文明号\"，服务对象满意率保持在99%以上。",
    ],
}

INDIVIDUAL_DEEDS = [
    "扎根一线岗位{y}年，累计经办业务{big}件，无一差错。",
    "在本单位年终考核中连续{k}年被评为“优秀”等次，考核积分名列前茅。",
    "主动为企业提供政策咨询和上门服务，收到锦旗{k}面、感谢信{k2}封。",
    "台风期间连续坚守岗位{h}小时，保障{m}艘船舶安全作业。",
    "积极参加口岸志愿服务和义务劳动，累计志愿服务时长{h}小时。",
    "牵头编写岗位操作手册，带教新进员工{k2}名，其中{k}人已成长为业务骨干。",
    "工作中坚持原则、廉洁自律，多次婉拒服务对象的宴请和礼品。",
    "被评为\"宁波口岸服务之星\"，事迹被《宁波日报》报道。",
    "接待咨询热情耐心，坚持“首问负责、一次告知”，全年零投诉。",
    "参与“智慧口岸”系统建设，提出改进建议{m}条，被采纳{k}条。",
]

SELF_NOTES = ["", "", "", "", "", "", "经单位党组审核", "片组已初审", "经单位党委审核"]
JOINT_NOTES = ["", "", "", "", "", "", "", "", "", "", "", "",
               "台账资料齐全", "现场答辩表现突出", "建议加强一次性告知", "创建特色不够鲜明",
               "群众口碑好", "材料数据需核实"]


INDIVIDUAL_DEEDS_BY_TYPE = {
    "customs": ["在查验一线查获侵权、夹藏货物{k}批，守护国门安全。"],
    "border": ["在船舶检查中查获持用伪假证件人员{k}名，连续多年无执勤差错。"],
    "msa": ["参与海上搜救行动{k}次，协助救助遇险人员{k2}名。"],
    "tax": ["为企业开展出口退税政策辅导{m}场，帮助企业加快退税资金回笼。"],
    "pilot": ["全年安全引领大型船舶{n}艘次，无一责任事故。"],
    "police": ["帮助外地集卡司机找回遗失财物{k}次，收到群众感谢信{k2}封。"],
    "agency": ["协调办理船员换班、就医等事务{m}件，获船公司书面表扬。"],
    "tally": ["坚持“理一票、清一票”，全年理货差错为零。"],
    "terminal": ["单机作业效率达每小时{n2}自然箱，多次在港区技能比武中获奖。"],
    "port": ["所在班组全年安全作业无事故，带领班组获评“工人先锋号”。"],
    "office": ["承办口岸联席会议和企业座谈会{k2}次，协调解决企业通关难题{m}件。"],
    "lab": ["全年完成进出口商品检测样品{big}批次，检测报告差错率为零。"],
    "fire": ["参与港区火灾扑救和危化品泄漏处置{k2}次，处置及时无人员伤亡。"],
    "refinery": ["负责液体化工码头装卸调度，全年协调靠泊油轮{n}艘次，无安全事故。"],
}


def fill(s):
    return s.format(
        big="{:,}".format(rng.randrange(3000, 90000)),
        h=rng.randrange(6, 60), n=rng.randrange(20, 400), m=rng.randrange(3, 40),
        hh=rng.randrange(2, 6), k2=rng.randrange(4, 12), m2=rng.randrange(20, 90),
        n2=rng.randrange(32, 46),
        k=rng.randrange(2, 6), y=rng.randrange(6, 25), d=rng.randrange(2, 5),
        yi="{:.1f}".format(rng.uniform(1.5, 48.0)))


def deeds_for(category, utype, multiline):
    if category == "window":
        pool = WINDOW_DEEDS[utype]
        k = rng.choice([1, 2, 2, 3])
        picks = rng.sample(pool, min(k, len(pool)))
        if k >= 2 or rng.random() < 0.4:
            picks.append(rng.choice(WINDOW_DEEDS["general"]))
        picks = picks[:3]
    else:
        picks = rng.sample(INDIVIDUAL_DEEDS, rng.choice([1, 2, 2, 3]))
        if rng.random() < 0.45:
            picks[0] = INDIVIDUAL_DEEDS_BY_TYPE[utype][0]
    parts = [fill(p) for p in picks]
    if multiline and len(parts) < 2:
        parts.append(fill(rng.choice(INDIVIDUAL_DEEDS if category == "individual"
                                     else WINDOW_DEEDS["general"])))
    if multiline:
        return "\n".join("{}、{}".format(i + 1, p) for i, p in enumerate(parts))
    return "".join(parts)


def fmt_date(d, style):
    y, m, dd = d
    if style == 0:
        return "{:04d}-{:02d}-{:02d}".format(y, m, dd)
    if style == 1:
        return "{}/{}/{}".format(y, m, dd)
    return "{}年{}月{}日".format(y, m, dd)


def half(x):
    """Round a float to the nearest half point."""
    return F(round(x * 2), 2)


def fmt_mark(v):
    v = F(v)
    if v.denominator == 1:
        return str(v.numerator)
    return "{}.5".format(v.numerator // 2)


def split_marks(total):
    """Split a sheet total (multiple of 0.5, 0..100) into five marks 0..20 in halves."""
    units = int(total * 2)
    assert 0 <= units <= 200
    marks = [units // 5] * 5
    for i in range(units - sum(marks)):
        marks[i] += 1
    for _ in range(8):
        i, j = rng.randrange(5), rng.randrange(5)
        if i != j and marks[i] > 0 and marks[j] < 40:
            marks[i] -= 1
            marks[j] += 1
    rng.shuffle(marks)
    assert sum(marks) == units and all(0 <= m <= 40 for m in marks)
    return [F(m, 2) for m in marks]


# --------------------------------------------------------------------------
# Nominations
# --------------------------------------------------------------------------
class Nominee:
    pass


nominees = []          # in import order
counter = {"window": 0, "individual": 0}
LATE = ("梅山港区共建片组", "中联理货有限公司宁波分公司", "window", 1)   # 2nd window of that unit
EMPTY = ("北仑单位共建片组", "中国宁波外轮理货有限公司", "individual", 2)  # 3rd individual
MULTILINE_PER_GROUP = 3
DUP_NAME_UNITS = ("宁波海事局北仑海事处", "镇海海关")  # one person name occurs in both

dup_name = None
for gname, gkind_zh, gkind, units in GROUPS:
    gi = [g[0] for g in GROUPS].index(gname)
    multiline_left = MULTILINE_PER_GROUP
    for (uname, utype, has_window, windows, n_ind, staff_fmt, liaison, phone) in units:
        # the unit's liaison sends the forms to the group during October
        day = rng.randrange(8, 29)
        rows = [("window", w) for w in windows] + [("individual", None)] * n_ind
        staff_used = []
        for idx_in_cat, (cat, wname) in enumerate(
                [(c, w) for c, w in rows if c == "window"]
                + [(c, w) for c, w in rows if c == "individual"]):
            nm = Nominee()
            nm.category, nm.group, nm.group_kind, nm.unit, nm.utype = cat, gname, gkind, uname, utype
            nm.group_index = gi
            pos_in_cat = idx_in_cat if cat == "window" else idx_in_cat - len(windows)
            if cat == "window":
                nm.name, nm.position, nm.staff_no = wname, "", ""
            else:
                if uname == DUP_NAME_UNITS[1] and pos_in_cat == 1 and dup_name:
                    nm.name = dup_name
                else:
                    nm.name = person_name()
                if uname == DUP_NAME_UNITS[0] and pos_in_cat == 0:
                    dup_name = nm.name
                nm.position = rng.choice(POSITIONS[utype])
                while True:
                    width = int(staff_fmt.split("{:0")[1][0])
                    s = staff_fmt.format(rng.randrange(1, 10 ** width))
                    if s not in staff_used:
                        staff_used.append(s)
                        break
                nm.staff_no = s
            multiline = multiline_left > 0 and rng.random() < 0.12
            if multiline:
                multiline_left -= 1
            nm.deeds = deeds_for(cat, utype, multiline)
            nm.contact, nm.phone = liaison, phone
            d = min(31, day + rng.choice([0, 0, 0, 1, 2]))
            nm.submitted = fmt_date((YEAR, 10, d), rng.choice([0, 0, 1, 1, 2]))
            nm.rejected = None
            key = (gname, uname, cat, pos_in_cat)
            if key == LATE:
                nm.submitted, nm.rejected = "2026-11-03", "late"
            if key == EMPTY:
                nm.deeds, nm.rejected = "", "no deeds"
            counter[cat] += 1
            nm.code = "{}{}-{:03d}".format("W" if cat == "window" else "P", YEAR, counter[cat])
            nominees.append(nm)
    # make sure every file has multi-line deeds: force onto the first long rows left
    if multiline_left == MULTILINE_PER_GROUP:
        for nm in nominees:
            if nm.group == gname and not nm.rejected and "\n" not in nm.deeds:
                nm.deeds = deeds_for(nm.category, nm.utype, True)
                break

assert dup_name and sum(1 for n in nominees if n.name == dup_name) == 2
assert sum(1 for n in nominees if n.rejected == "late") == 1
assert sum(1 for n in nominees if n.rejected == "no deeds") == 1
valid = [n for n in nominees if not n.rejected]

# --------------------------------------------------------------------------
# Scores, inspections, surveys
# --------------------------------------------------------------------------
for nm in valid:
    q = min(96.0, max(76.0, rng.gauss(87.5, 3.6)))
    nm.q = q
    nm.self_total = min(F(99), half(q + rng.uniform(0.5, 4.0)))
    k = rng.choice([5, 6, 6, 7])
    evs = sorted(rng.sample(range(len(PANEL)), k))
    nm.joint = [(PANEL[e], min(F(199, 2), half(q + PANEL_LENIENCY[e] + rng.gauss(0, 1.7))))
                for e in evs]
    # findings
    nm.findings = []
    nf = rng.choices([0, 1, 2, 3], weights=[46, 34, 16, 4])[0]
    for _ in range(nf):
        nm.findings.append(None)  # filled in below
    nm.survey = None

FINDINGS_WINDOW = [
    ("窗口人员未佩戴工作牌", 1, 2), ("业务受理超时，群众等候时间较长", 2, 4),
    ("台面卫生不整洁，办公用品摆放杂乱", 1, 3), ("窗口人员上班时间使用手机处理私事", 2, 4),
    ("首问责任制落实不到位，咨询被推诿", 4, 6), ("办事指南未及时更新，与现行规定不一致", 2, 2),
    ("暂离岗位未放置“暂停服务”提示牌", 1, 2), ("服务评价器故障未及时报修", 1, 1),
    ("窗口人员着装不规范", 1, 2), ("对服务对象解答不耐心，语气生硬", 4, 6),
    ("一次性告知不到位，企业往返补交材料", 4, 6), ("咨询电话多次无人接听", 2, 3),
]
FINDINGS_INDIVIDUAL = [
    ("未按规定着装", 1, 2), ("未佩戴工作证件", 1, 1), ("接听电话未使用规范用语", 1, 2),
    ("包干区保洁不到位", 1, 2), ("暗访咨询时解答不够耐心", 2, 4), ("上班迟到", 2, 2),
    ("工作时间玩手机", 2, 4),
]


def random_date(m_from, d_from, m_to, d_to):
    import datetime
    a = datetime.date(YEAR, m_from, d_from).toordinal()
    b = datetime.date(YEAR, m_to, d_to).toordinal()
    d = datetime.date.fromordinal(rng.randrange(a, b + 1))
    return (d.year, d.month, d.day)


def make_finding(nm, text=None, ded=None):
    pool = FINDINGS_WINDOW if nm.category == "window" else FINDINGS_INDIVIDUAL
    if text is None:
        text, lo, hi = rng.choice(pool)
        ded = F(rng.randrange(lo, hi + 1), 2)
    kind = rng.choice(["明查", "暗访"])
    inspector = rng.choice(INSPECTORS[:4]) + "、" + rng.choice(INSPECTORS[:4]) \
        if kind == "明查" else rng.choice(INSPECTORS)
    if kind == "明查" and inspector.split("、")[0] == inspector.split("、")[1]:
        inspector = inspector.split("、")[0]
    return {"kind": kind, "date": random_date(3, 2, 11, 20), "inspector": inspector,
            "text": text, "ded": ded}


for nm in valid:
    nm.findings = [make_finding(nm) for _ in nm.findings]

# the one window with a bad year: several findings, about 12 points in all
bad = [n for n in valid if n.category == "window"][17]
bad.findings = [
    make_finding(bad, "超时限办结业务1件，企业投诉后方才补办", F(9, 2)),
    make_finding(bad, "对服务对象解答不耐心，语气生硬", F(3)),
    make_finding(bad, "一次性告知不到位，企业往返补交材料", F(5, 2)),
    make_finding(bad, "台面卫生不整洁，办公用品摆放杂乱", F(3, 2)),
]
bad.findings[0]["kind"] = "暗访"
bad.findings[0]["inspector"] = "市口岸办暗访组"

SURVEY_SIZES = [50, 50, 60, 80, 100, 100]
for nm in valid:
    if nm.category == "window":
        total = rng.choice(SURVEY_SIZES)
        if total == 50:
            sat = 50
        elif total == 100:
            sat = rng.choice([99, 100, 100])   # never 98/100: 49/50 stays the single 98 % case
        else:
            sat = rng.choice([total - 1, total])
        nm.survey = (sat, total, random_date(11, 2, 11, 20))


# --------------------------------------------------------------------------
# Ranking (exact)
# --------------------------------------------------------------------------
def sheet_total(marks):
    return sum(marks, F(0))


def evaluate(nm):
    nm.self_marks_total = nm.self_total
    totals = sorted(t for _, t in nm.joint)
    if len(totals) >= 5:
        totals = totals[1:-1]
    nm.joint_score = sum(totals, F(0)) / len(totals) if totals else None
    nm.insp_score = max(F(0), 100 - sum((f["ded"] for f in nm.findings), F(0)))
    nm.sat = F(nm.survey[0], nm.survey[1]) if nm.survey else None
    nm.total = WEIGHTS[0] * nm.self_total + WEIGHTS[1] * nm.joint_score + WEIGHTS[2] * nm.insp_score
    reasons = []
    if getattr(nm, "veto", None) or getattr(nm, "unit_veto", None):
        reasons.append("vetoed")
    if len(nm.joint) < 3:
        reasons.append("incomplete")
    if nm.category == "window" and (nm.sat is None or nm.sat < THRESHOLD):
        reasons.append("below_threshold")
    nm.status = reasons[0] if reasons else "eligible"


def sort_key(nm):
    return (nm.total, nm.joint_score, nm.insp_score, nm.sat if nm.sat is not None else F(-1))


def ranking(cat, only_eligible=True):
    for nm in valid:
        evaluate(nm)
    xs = [n for n in valid if n.category == cat and (n.status == "eligible" or not only_eligible)]
    xs.sort(key=sort_key, reverse=True)
    ranks = []
    for i, n in enumerate(xs):
        if i > 0 and sort_key(n) == sort_key(xs[i - 1]):
            ranks.append(ranks[-1])
        else:
            ranks.append(i + 1)
    return list(zip(ranks, xs))


# special cases, picked from the ranking before any of them applies
pre_w = [n for _, n in ranking("window")]
pre_p = [n for _, n in ranking("individual")]

veto_w = pre_w[1]
veto_w.veto = ("complaint",
               "2026年9月，该窗口工作人员对企业提交的业务申请材料不予受理，且未一次性告知所需补正材料，"
               "致企业多次往返，企业向12345政务服务热线投诉，经市口岸打私办调查核实，投诉属实",
               "甬口岸〔2026〕31号")
veto_p1 = pre_p[0]
veto_p1.veto = ("discipline",
                "2026年10月，因违规接受服务对象宴请并收受购物卡，受到所在单位党内警告处分"
                "（处分决定已送达本人）",
                "甬口岸〔2026〕35号")
veto_p2 = pre_p[9]
veto_p2.veto = ("criminal",
                "2026年8月因醉酒驾驶机动车，被人民法院以危险驾驶罪判处拘役二个月、并处罚金，"
                "判决已生效",
                "甬口岸〔2026〕36号")

below_a, below_b = pre_w[3], pre_w[12]
below_a.survey = (47, 50, below_a.survey[2])
below_b.survey = (95, 100, below_b.survey[2])
edge = pre_w[6]
edge.survey = (49, 50, edge.survey[2])

incomplete = [pre_p[2], pre_p[30]]
for nm in incomplete:
    nm.joint = nm.joint[:2]

# one exact tie well inside the individual shortlist: B copies A's numbers
# (self total, the multiset of joint totals, the sum of deductions) with
# different marks, evaluators and findings.
fin_p = [n for _, n in ranking("individual")]
tie_a, tie_b = fin_p[4], fin_p[6]
tie_b.self_total = tie_a.self_total
totals_a = [t for _, t in tie_a.joint]
rng.shuffle(totals_a)
evs = sorted(rng.sample(range(len(PANEL)), len(totals_a)))
tie_b.joint = [(PANEL[e], t) for e, t in zip(evs, totals_a)]
ded_a = sum((f["ded"] for f in tie_a.findings), F(0))
if ded_a == 0:
    tie_b.findings = []
elif ded_a <= 2:
    tie_b.findings = [make_finding(tie_b, "暗访咨询时解答不够耐心", ded_a)]
else:
    tie_b.findings = [make_finding(tie_b, "工作时间玩手机", F(1)),
                      make_finding(tie_b, "暗访咨询时解答不够耐心", ded_a - 1)]


def bump(nm, up):
    """Move a self total by half a point (repairs unwanted exact ties)."""
    nm.self_total += F(1, 2) if up and nm.self_total < 100 else F(-1, 2)


# repair: the only full-key tie must be tie_a/tie_b; no tie on the total across
# a quota boundary.
for _ in range(200):
    changed = False
    for cat in ("window", "individual"):
        r = ranking(cat)
        xs = [n for _, n in r]
        for i in range(1, len(xs)):
            a, b = xs[i - 1], xs[i]
            if {a, b} == {tie_a, tie_b}:
                continue
            if sort_key(a) == sort_key(b):
                bump(b if b not in (tie_a, tie_b) else a, b in (tie_a, tie_b))
                changed = True
                break
        q = QUOTA[cat]
        if len(xs) > q and xs[q - 1].total == xs[q].total:
            bump(xs[q], False)
            changed = True
    if not changed:
        break
else:
    sys.exit("could not remove unwanted ties")

# now produce the marks of every sheet
for nm in valid:
    nm.self_marks = split_marks(nm.self_total)
    nm.joint_sheets = [(ev, split_marks(t), rng.choice(JOINT_NOTES)) for ev, t in nm.joint]
    nm.self_note = rng.choice(SELF_NOTES)
    assert sheet_total(nm.self_marks) == nm.self_total
    for (_, marks, _), (_, t) in zip(nm.joint_sheets, nm.joint):
        assert sheet_total(marks) == t

final = {c: ranking(c) for c in ("window", "individual")}
ra = dict((n.code, r) for r, n in final["individual"])
assert ra[tie_a.code] == ra[tie_b.code] and 3 <= ra[tie_a.code] <= 12, ra[tie_a.code]
for cat in final:
    keys = [sort_key(n) for _, n in final[cat]]
    dupl = [k for i, k in enumerate(keys) if i and k == keys[i - 1]]
    assert len(dupl) == (1 if cat == "individual" else 0), (cat, dupl)
    q = QUOTA[cat]
    assert final[cat][q - 1][1].total != final[cat][q][1].total
assert edge in [n for _, n in final["window"]][:10], "the 49/50 window should be shortlisted"

# a veto against a unit (the rules' ground 1: a crime by a member of its staff): every
# window of the unit is out, whatever its score. The unit is the first, in ranking order,
# with a shortlisted window that is not the 49/50 edge and whose windows can go without a
# tie on the total across the quota line. No random numbers are drawn here, so every other
# file stays as it was.
UNIT_VETO = ("王某", "criminal",
             "该单位职工王某因受贿罪被人民法院判处有期徒刑一年六个月，判决已生效",
             "甬口岸〔2026〕37号")


def quota_clean(cat):
    r = ranking(cat)
    q = QUOTA[cat]
    return len(r) <= q or r[q - 1][1].total != r[q][1].total


for _, cand in final["window"][:QUOTA["window"]]:
    veto_unit = cand.unit
    if veto_unit == edge.unit:
        continue
    unit_vetoed = [n for n in valid if n.category == "window" and n.unit == veto_unit]
    for n in unit_vetoed:
        n.unit_veto = UNIT_VETO
    if quota_clean("window") and edge in [n for _, n in ranking("window")][:10]:
        break
    for n in unit_vetoed:
        del n.unit_veto
else:
    sys.exit("no unit can be vetoed without a tie at the quota line")
final = {c: ranking(c) for c in ("window", "individual")}

# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------
os.makedirs(OUT, exist_ok=True)


def write_csv(fname, header, rows, encoding="utf-8", bom=False, newline="\r\n"):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline)
    w.writerow(header)
    w.writerows(rows)
    data = buf.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(OUT, fname), "wb") as f:
        f.write(data)
    return fname


written = []
CAT_ZH = {"window": "窗口", "individual": "个人"}

# units.csv
rows, i = [], 0
for gname, gkind_zh, gkind, units in GROUPS:
    for u in units:
        i += 1
        rows.append([i, gname, gkind_zh, u[0], "是" if u[2] else "否"])
written.append(write_csv("units.csv", ["序号", "片组", "片组类型", "单位", "对外窗口"], rows, bom=True))

# nominations
ZH_HEAD = ["序号", "类别", "名称", "单位", "片组", "职务", "工号", "主要事迹", "联系人", "联系电话", "报送日期"]
EN_ORDER = ["No.", "name", "category", "group", "unit", "position", "staff_no",
            "submitted_on", "contact", "phone", "deeds"]


def nom_row(i, n, english=False):
    d = {"No.": i, "category": n.category if english else CAT_ZH[n.category],
         "name": n.name, "unit": n.unit, "group": n.group, "position": n.position,
         "staff_no": n.staff_no, "deeds": n.deeds, "contact": n.contact,
         "phone": n.phone, "submitted_on": n.submitted}
    if english:
        return [d[k] for k in EN_ORDER]
    return [d[k] for k in ["No.", "category", "name", "unit", "group", "position", "staff_no",
                           "deeds", "contact", "phone", "submitted_on"]]


NOM_FILES = ["nominations-beilun.csv", "nominations-meishan.csv", "nominations-zhenhai.csv"]
for gi, (gname, _, _, _) in enumerate(GROUPS):
    ns = [n for n in nominees if n.group == gname]
    if gi == 0:
        written.append(write_csv(NOM_FILES[0], ZH_HEAD,
                                 [nom_row(i + 1, n) for i, n in enumerate(ns)], encoding="gbk"))
    elif gi == 1:
        written.append(write_csv(NOM_FILES[1], ZH_HEAD,
                                 [nom_row(i + 1, n) for i, n in enumerate(ns)], bom=True))
    else:
        written.append(write_csv(NOM_FILES[2], EN_ORDER,
                                 [nom_row(i + 1, n, True) for i, n in enumerate(ns)], newline="\n"))

# self-scores.csv (GBK, by category + unit + name)
rows = [[CAT_ZH[n.category], n.unit, n.name] + [fmt_mark(m) for m in n.self_marks] + [n.self_note]
        for n in valid]
written.append(write_csv("self-scores.csv",
                         ["类别", "单位", "名称", "指标1", "指标2", "指标3", "指标4", "指标5", "备注"],
                         rows, encoding="gbk"))

# joint-scores.csv (by code; the panel's sheets, evaluator by evaluator)
rows = []
for ev in PANEL:
    for n in valid:
        for e, marks, note in n.joint_sheets:
            if e == ev:
                rows.append([n.code, e] + [fmt_mark(m) for m in marks] + [note])
written.append(write_csv("joint-scores.csv",
                         ["编号", "评分人", "指标1", "指标2", "指标3", "指标4", "指标5", "备注"],
                         rows, bom=True))

# inspections.csv, in date order as the office logs them
frows = []
for n in valid:
    for f in n.findings:
        frows.append((f["date"], n.code, f))
frows.sort(key=lambda x: (x[0], x[1]))
rows = [[code, f["kind"], fmt_date(d, rng.choice([0, 1])), f["inspector"], f["text"], fmt_mark(f["ded"])]
        for d, code, f in frows]
written.append(write_csv("inspections.csv", ["编号", "方式", "日期", "检查人", "发现问题", "扣分"],
                         rows, bom=True))

# surveys.csv
rows = [[n.code, fmt_date(n.survey[2], 0), n.survey[0], n.survey[1]]
        for n in valid if n.category == "window"]
written.append(write_csv("surveys.csv", ["编号", "日期", "满意人数", "调查人数"], rows, bom=True))

# vetoes.txt
vetoed = [n for n in nominees if getattr(n, "veto", None)]
with open(os.path.join(OUT, "vetoes.txt"), "w", encoding="utf-8", newline="\n") as f:
    for n in sorted(vetoed, key=lambda n: n.code):
        assert "|" not in n.veto[1]
        f.write("{}|{}|{}|{}\n".format(n.code, *n.veto))
written.append("vetoes.txt")

# panel.csv: the joint-evaluation panel, in the order of the sheets' first appearance
order = ["陈国良", "张立群", "李海涛", "王丽萍", "周建平", "徐慧娟", "胡一鸣"]
assert sorted(order) == sorted(PANEL)
with open(os.path.join(OUT, "panel.csv"), "w", encoding="utf-8", newline="\n") as f:
    f.write("姓名,单位,职务\n")
    for name in order:
        f.write("{},{},{}\n".format(name, *PANEL_UNITS[name]))
written.append("panel.csv")

# unit-vetoes.txt: UNIT|person|reason|evidence|document, for `veto add --unit`
with open(os.path.join(OUT, "unit-vetoes.txt"), "w", encoding="utf-8", newline="\n") as f:
    f.write("{}|{}|{}|{}|{}\n".format(veto_unit, *UNIT_VETO))
written.append("unit-vetoes.txt")


# --------------------------------------------------------------------------
# Expected shortlists
# --------------------------------------------------------------------------
def dec(x, places=4):
    q = round(x * 10 ** places)
    s = "{:d}".format(abs(q)).rjust(places + 1, "0")
    return ("-" if q < 0 else "") + s[:-places] + "." + s[-places:]


def frac(x):
    return str(x.numerator) if x.denominator == 1 else "{}/{}".format(x.numerator, x.denominator)


out = []
p = out.append
n_sheets_joint = sum(len(n.joint) for n in valid)
n_find = sum(len(n.findings) for n in valid)
p("pingxuan example data, term {} (generated by examples/generate.py, seed {})".format(YEAR, SEED))
p("")
p("groups {}, units {}, windows {}, individuals {}".format(
    len(GROUPS), sum(len(g[3]) for g in GROUPS),
    sum(1 for n in nominees if n.category == "window"),
    sum(1 for n in nominees if n.category == "individual")))
p("self sheets {}, joint sheets {}, findings {}, surveys {}, vetoes {}".format(
    len(valid), n_sheets_joint, n_find, sum(1 for n in valid if n.survey), len(vetoed)))
p("")
for n in nominees:
    if n.rejected:
        p("rejected by verify:  {}  {} / {} ({})".format(n.code, n.unit, n.name,
                                                         "submitted 2026-11-03, late" if n.rejected == "late"
                                                         else "主要事迹 empty"))
for n in sorted(vetoed, key=lambda n: n.code):
    p("vetoed:              {}  {} / {} ({}, {})".format(n.code, n.unit, n.name, n.veto[0], n.veto[2]))
for n in sorted(unit_vetoed, key=lambda n: n.code):
    p("vetoed (its unit):   {}  {} / {} ({}, {}; a veto against {})".format(
        n.code, n.unit, n.name, UNIT_VETO[1], UNIT_VETO[3], veto_unit))
for n in incomplete:
    p("incomplete:          {}  {} / {} (only {} joint sheets)".format(n.code, n.unit, n.name, len(n.joint)))
for n in (below_a, below_b):
    p("below threshold:     {}  {} / {} (satisfied {}/{})".format(n.code, n.unit, n.name, *n.survey[:2]))
p("at threshold, passes: {}  {} / {} (satisfied {}/{} = 98%)".format(edge.code, edge.unit, edge.name,
                                                                      *edge.survey[:2]))
p("exact tie:           {} and {} share rank {} among individuals".format(
    tie_a.code, tie_b.code, ra[tie_a.code]))
p("")
p("total = 1/5*self + 1/2*joint + 3/10*inspection; joint drops the highest and lowest sheet when >= 5.")
for cat, title in (("window", "Model Windows 文明和谐口岸示范窗口"),
                   ("individual", "Service Pacesetters 文明和谐口岸服务标兵")):
    q = QUOTA[cat]
    r = final[cat]
    p("")
    p("== {} — quota {}, {} eligible ==".format(title, q, len(r)))
    p("rank  code       total (exact)  total      self   joint     insp   satisf  name / unit")
    for i, (rank, n) in enumerate(r):
        if i == q:
            p("---- quota line: the ones below are not shortlisted ----")
        if i >= q + 3:
            break
        sat = "{}/{}".format(*n.survey[:2]) if n.survey else "-"
        p("{:>4}  {}  {:>13}  {:>9}  {:>5}  {:>8}  {:>5}  {:>6}  {} / {}".format(
            rank, n.code, frac(n.total), dec(n.total), dec(n.self_total, 1), dec(n.joint_score),
            dec(n.insp_score, 1), sat, n.name, n.unit))
text = "\n".join(out) + "\n"
with open(os.path.join(OUT, "expected-shortlist.txt"), "w", encoding="utf-8", newline="\n") as f:
    f.write(text)
written.append("expected-shortlist.txt")
sys.stdout.write(text)
sys.stderr.write("wrote {} files into {}\n".format(len(written), os.path.relpath(OUT)))
