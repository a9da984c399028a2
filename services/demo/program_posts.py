"""Wording of the two 2020 programs' posts: public-welfare （六） and graduate trainee （七）.

Data only, read by corpus.py. The requirement lines repeat the seed's eligibility in the
words a township office would post them, so a reader of the demo sees who may apply.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ProgramPostTemplate:
    title: str
    duties: tuple[str, ...]
    education: tuple[str, ...]  # education_min choices, repeated to weight
    requirements: tuple[str, ...] = ()
    trade: str = ""  # trainee posts: trades.TRADES key whose majors the post asks for


PUBLIC_WELFARE_POSTS: tuple[ProgramPostTemplate, ...] = (
    ProgramPostTemplate(
        "消杀防疫员",
        (
            "按要求对农贸市场、公共厕所等重点场所进行消毒消杀",
            "做好消杀记录和药品领用登记",
            "配合开展病媒生物防制",
            "检查防疫物资储备情况",
        ),
        ("none", "junior_high"),
        ("会使用喷雾器等消杀器械者优先", "服从防疫工作安排"),
    ),
    ProgramPostTemplate(
        "保洁员",
        (
            "负责村居公共区域的日常清扫",
            "清理卫生死角和乱堆乱放",
            "做好公共设施的擦拭消毒",
            "协助垃圾分类宣传",
        ),
        ("none",),
        ("吃苦耐劳", "就近居住"),
    ),
    ProgramPostTemplate(
        "环卫工",
        (
            "负责集镇主街道和农贸市场周边的清扫",
            "清运垃圾收集点的生活垃圾",
            "清理河道岸边漂浮垃圾",
            "配合开展爱国卫生运动",
        ),
        ("none",),
        ("能早起上班", "身体健康，能从事户外作业"),
    ),
    ProgramPostTemplate(
        "社区网格员",
        (
            "负责网格内人口、房屋等基础信息采集更新",
            "排查矛盾纠纷和安全隐患并及时上报",
            "入户宣传防疫和就业政策",
            "协助做好重点人员健康监测",
        ),
        ("junior_high", "high_school"),
        ("会使用智能手机和网格化管理APP", "熟悉本社区情况，会讲长乐话"),
    ),
    ProgramPostTemplate(
        "防疫卡口值守员",
        (
            "在高速路口、村居出入口值守，查验健康码和行程卡",
            "为进出人员测量体温并登记",
            "发现异常情况立即报告",
            "维护卡口秩序",
        ),
        ("none", "junior_high"),
        ("能适应轮班值守", "责任心强"),
    ),
    ProgramPostTemplate(
        "公共卫生协管员",
        (
            "协助卫生院开展健康档案建立和随访",
            "协助组织老年人体检和疫苗接种",
            "开展健康知识宣传",
            "协助做好居家隔离人员的服务保障",
        ),
        ("junior_high", "high_school"),
        ("会使用电脑录入信息", "有耐心，善于沟通"),
    ),
    ProgramPostTemplate(
        "垃圾分类督导员",
        ("在垃圾投放点值守，指导居民正确分类投放", "对混投垃圾进行二次分拣", "记录投放情况", "开展入户宣传"),
        ("none", "junior_high"),
        ("早晚定时值守", "有耐心"),
    ),
    ProgramPostTemplate(
        "农贸市场秩序协管员",
        (
            "巡查农贸市场经营秩序，劝导占道经营",
            "督促商户落实防疫和卫生要求",
            "协助做好活禽交易管控",
            "收集市场商户意见",
        ),
        ("junior_high",),
        ("熟悉集镇情况", "能坚持原则"),
    ),
    ProgramPostTemplate(
        "河道保洁员",
        ("打捞河道、沟渠漂浮物", "清理河岸垃圾和杂草", "巡查河道，发现偷排及时报告", "配合河长制巡河工作"),
        ("none",),
        ("会划船者优先", "身体健康"),
    ),
    ProgramPostTemplate(
        "养老服务协理员",
        (
            "走访独居、空巢老人，了解生活需求",
            "协助居家养老服务站开展助餐、助洁",
            "做好服务台账",
            "陪同老人就医",
        ),
        ("junior_high", "high_school"),
        ("有照顾老人经验者优先", "有爱心、耐心"),
    ),
    ProgramPostTemplate(
        "交通文明劝导员",
        (
            "在重点路口劝导电动车驾乘人员佩戴头盔",
            "劝导行人和非机动车遵守信号灯",
            "协助交警维护上下学时段秩序",
        ),
        ("junior_high",),
        ("能适应户外工作",),
    ),
    ProgramPostTemplate(
        "厂区消杀保洁员",
        (
            "负责厂区、车间、宿舍的每日消毒",
            "做好员工进出厂体温检测登记",
            "清洁食堂和公共区域",
            "管理口罩、消毒液等防疫物资",
        ),
        ("none", "junior_high"),
        ("服从企业防疫安排", "能接受早班"),
    ),
)

# Which public bodies offer which public-welfare posts, by a fragment of their names. Township
# governments and street offices offer any of them.
PUBLIC_WELFARE_HOSTS: dict[str, tuple[str, ...]] = {
    "卫生院": ("消杀防疫员", "公共卫生协管员", "防疫卡口值守员", "保洁员"),
    "疾病预防控制中心": ("消杀防疫员", "公共卫生协管员", "防疫卡口值守员"),
    "医院": ("消杀防疫员", "保洁员", "公共卫生协管员"),
    "环境卫生": ("环卫工", "保洁员", "垃圾分类督导员", "河道保洁员"),
    "市政园林": ("环卫工", "河道保洁员", "保洁员"),
    "社会福利": ("养老服务协理员", "保洁员", "消杀防疫员"),
    "委员会": ("社区网格员", "保洁员", "垃圾分类督导员", "防疫卡口值守员", "养老服务协理员", "消杀防疫员"),
}
FIRM_PUBLIC_WELFARE_TITLES: tuple[str, ...] = ("厂区消杀保洁员", "消杀防疫员", "保洁员")

PUBLIC_WELFARE_NOTES: tuple[str, ...] = (
    "（公益性岗位，岗位补贴期限不超过6个月）",
    "（本岗位为2020年临时性公益岗位，按规定享受岗位补贴，补贴期限最长6个月）",
    "（临时性公益岗位，期满仍未实现稳定就业的，可按规定延长）",
)
PUBLIC_WELFARE_ELIGIBILITY: tuple[str, ...] = (
    "报名对象须为就业困难人员、城乡低保对象、脱贫人口、在册登记失业人员或离校未就业高校毕业生之一，低保、脱贫及就业困难人员优先安排",
    "面向处于失业状态的就业困难人员、低保家庭成员、脱贫人口、登记失业人员和离校未就业高校毕业生，就业困难人员和低保家庭优先",
    "限未就业的重点群体报名：就业困难人员、低保对象、脱贫人口、登记失业人员、离校未就业高校毕业生",
)
PUBLIC_WELFARE_LOCAL: tuple[str, ...] = ("本镇居民优先", "本社区居民优先", "就近安排，本乡镇户籍优先", "")

TRAINEE_POSTS: tuple[ProgramPostTemplate, ...] = (
    ProgramPostTemplate(
        "财务核算见习岗",
        ("在主管会计带领下学习应收应付核算", "协助录入记账凭证", "核对发票和结算单", "整理装订会计档案"),
        ("associate",),
        ("细心，对数字敏感", "会用Excel常用函数"),
        "accounting",
    ),
    ProgramPostTemplate(
        "出纳见习生",
        ("协助办理银行收付业务", "登记现金和银行日记账", "整理报销单据"),
        ("associate",),
        ("诚实守信",),
        "accounting",
    ),
    ProgramPostTemplate(
        "软件测试见习工程师",
        ("根据需求文档编写测试用例", "执行功能测试和回归测试，提交缺陷", "协助搭建测试环境"),
        ("associate",),
        ("了解软件测试基本理论", "会基本的SQL查询"),
        "software",
    ),
    ProgramPostTemplate(
        "算法见习工程师",
        ("在导师指导下参与模型训练和评估", "整理和清洗训练数据", "复现论文中的方法"),
        ("bachelor",),
        ("熟悉Python", "有机器学习课程基础"),
        "ai",
    ),
    ProgramPostTemplate(
        "数据分析见习岗",
        ("协助整理业务数据，制作周报月报", "学习使用BI工具制作报表", "参与数据质量检查"),
        ("associate", "bachelor"),
        ("会Excel和SQL",),
        "data_analyst",
    ),
    ProgramPostTemplate(
        "护理见习生",
        ("参与门诊和病房的日常护理", "协助开展老年人健康体检", "做好消毒隔离工作", "参与发热门诊预检分诊"),
        ("associate",),
        ("已取得或正在考取护士执业资格", "有爱心、耐心和责任心"),
        "nurse",
    ),
    ProgramPostTemplate(
        "康复治疗见习生",
        ("在治疗师指导下为患者做康复训练", "记录康复评估数据", "参与社区康复宣教"),
        ("associate",),
        ("能吃苦，服务意识强",),
        "nurse",
    ),
    ProgramPostTemplate(
        "跨境电商运营见习生",
        ("学习亚马逊店铺后台操作", "协助上架产品、优化Listing", "整理竞品和销售数据"),
        ("associate",),
        ("英语四级以上优先", "对电商有兴趣"),
        "ecom_ops",
    ),
    ProgramPostTemplate(
        "外贸业务见习生",
        ("跟随业务员跟进客户询盘", "学习制作出口单证", "协助整理样品和报价单"),
        ("associate",),
        ("英语读写流利",),
        "foreign_trade",
    ),
    ProgramPostTemplate(
        "综合文员（见习）",
        ("负责公文收发和会议记录", "协助整理档案资料", "参与政策宣传和群众接待"),
        ("associate", "bachelor"),
        ("文字功底好", "熟练使用办公软件"),
        "admin",
    ),
    ProgramPostTemplate(
        "人力资源见习专员",
        ("协助办理员工入离职手续", "整理人事档案", "参与招聘面试安排"),
        ("associate",),
        ("沟通能力好",),
        "admin",
    ),
    ProgramPostTemplate(
        "纺织工艺见习技术员",
        ("跟班学习织造工艺调整", "记录工艺参数和质量数据", "协助新品打样"),
        ("associate", "vocational"),
        ("能适应车间环境", "技师学院毕业生可报名"),
        "textile_tech",
    ),
    ProgramPostTemplate(
        "设备维修见习技术员",
        ("跟随师傅巡检和维修设备", "学习电气控制线路", "整理设备维修记录"),
        ("vocational", "associate"),
        ("持低压电工证者优先", "技师学院毕业生可报名"),
        "maintenance",
    ),
    ProgramPostTemplate(
        "物流管理见习生",
        ("学习仓储管理系统操作", "协助做好出入库和盘点", "跟踪在途运输信息"),
        ("associate",),
        ("能适应倒班",),
        "warehouse",
    ),
    ProgramPostTemplate(
        "幼儿教师见习岗",
        ("跟班学习组织幼儿一日活动", "协助做好保育工作", "参与家园沟通"),
        ("associate",),
        ("持教师资格证者优先", "喜欢孩子"),
        "teacher",
    ),
    ProgramPostTemplate(
        "施工技术见习员",
        ("跟随施工员管理现场进度", "学习整理工程资料", "参与材料进场验收"),
        ("associate",),
        ("能适应工地环境", "会CAD者优先"),
        "construction",
    ),
    ProgramPostTemplate(
        "社区工作见习岗",
        ("参与社区政策宣传和居民服务", "协助开展网格化管理", "组织社区志愿活动"),
        ("associate",),
        ("热心公益", "会讲长乐话者优先"),
        "property",
    ),
)

TRAINEE_NOTES: tuple[str, ...] = (
    "（见习岗位，见习期间享受见习补贴，期满优先录用）",
    "（此为高校毕业生就业见习岗位：见习期限6个月，单位发放见习补贴，见习结束后择优留用）",
    "（就业见习岗位，见习期3—6个月，享受见习补贴，表现优秀者优先留用）",
)
TRAINEE_ELIGIBILITY: tuple[str, ...] = (
    "面向毕业2年以内尚未就业的高校毕业生（含技师学院毕业生），以及16至24周岁在本区登记失业的青年",
    "离校2年内未就业的高校毕业生（含技师学院毕业生）或16—24岁登记失业青年均可报名",
)
