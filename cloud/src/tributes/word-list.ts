/**
 * The local sensitive-word list for tribute messages (寄语), maintained with the product.
 *
 * How it is used: messages are normalised (full-width → half-width, lower case, spaces and punctuation
 * removed) and matched against these words with an Aho–Corasick automaton (`mint-filter`). A hit never
 * rejects a message on its own: it holds the message for a manager's review, so a word here may be
 * broad. A word must NOT be here if it is common in sincere tributes: leaders' and martyrs' names, the
 * Party, the army, battles and weapons of the wars the martyrs fought (炸药包, 鬼子, 牺牲, 战斗 …), nor
 * a word that hides inside ordinary phrases (日结 in 抗日结束, 月入 in 八月入伍, 加群 in 参加群众).
 *
 * Maintenance: add words in lower case, without spaces or punctuation (they are stripped from messages
 * before matching, so "加 微 信" and "加.微.信" both match 加微信). Each addition goes with a test case in
 * cloud/test/tributes/moderation.test.ts when it covers a new kind of abuse. Review the list each
 * Qingming season against the messages managers rejected.
 */
export const SENSITIVE_WORDS = {
  /** Curses and insults. */
  profanity: [
    '操你', '草你', '艹你', '肏', '日你妈', '日你娘', '你妈的', '他妈的', '尼玛', '妈的逼', '妈逼', '妈了个',
    '草泥马', '操蛋', '狗日的', '狗娘养', '王八蛋', '王八羔子', '混账东西', '傻逼', '傻b', '煞笔', '沙比', '傻叉',
    '二逼', '装逼', '牛逼', '屌丝', '鸡巴', '鸡吧', '贱人', '贱货', '婊子', '骚货', '杂种', '畜生', '狗东西',
    '死全家', '脑残', '智障', '滚蛋', '屁眼', '绿茶婊', '白痴', '蠢货', '废物东西',
    'cnm', 'nmsl', 'wcnm', 'nmb', 'tmd', 'fuck', 'shit', 'bitch', 'asshole', 'motherfucker',
  ],
  /** Advertising, scams and solicitation (contacts are caught separately: links, phones, WeChat ids). */
  ads: [
    '加微', '加薇', '加v', '加qq', '加扣', '进群', '扫码', '二维码', '私聊', '私信我', '联系我',
    '联系方式', '手机号', '电话号码', '代购', '兼职', '刷单', '日赚', '网赚', '返利', '返现', '优惠券',
    '领红包', '免费领', '点击链接', '点击领取', '招代理', '招商加盟', '微商', '代理加盟', '贷款', '网贷', '套现',
    '信用卡提现', '办证', '代开发票', '发票代开', '开发票', '投资理财', '稳赚', '荐股', '股票群', '带单', '博彩',
    '赌博', '赌场', '百家乐', '六合彩', '时时彩', '彩票预测', '棋牌', '老虎机', '澳门威尼斯人', '葡京', '减肥药',
    '壮阳', '伟哥', '代孕', '私家侦探', '高仿', '假币', '开锁', '传销', '淘宝店', '直播间', '关注我', '粉丝群',
  ],
  /** Sexual content and solicitation. */
  porn: [
    '裸聊', '约炮', '一夜情', '援交', '上门服务', '包夜', '楼凤', '成人视频', '黄色网站', '黄网', '色情', 'av女优',
    '做爱', '性交', '口交', '卖淫', '嫖娼', '小姐服务', '特殊服务',
  ],
  /** Drugs, guns for sale and violent threats (not the history of the wars: see the note above). */
  illegal: [
    '冰毒', '大麻', '摇头丸', '海洛因', 'k粉', '吸毒', '贩毒', '出售枪支', '枪支出售', '买卖枪支', '卖枪', '仿真枪',
    '气枪出售', '迷药', '迷幻药', '炸学校', '杀了你', '砍死你',
  ],
  /**
   * Abuse of the nation, the Party, heroes and martyrs (protected by the 英雄烈士保护法), praise of
   * the invaders, cults and separatism.
   */
  political: [
    '共匪', '赤匪', '土共', '共狗', '共惨党', '共残党', '支那', '支那猪', '蝗军', '皇军万岁', '天皇万岁',
    '大日本帝国万岁', '精日', '大东亚共荣', '南京大屠杀是假', '大屠杀是假的', '英烈是假', '烈士是假',
    '假英雄', '编造英雄', '炒作英烈', '死得好', '死的好', '活该', '白死了', '死有余辜', '送死', '炮灰', '洗地',
    '法轮', '大法好', '全能神', '台独', '藏独', '疆独', '港独', '颠覆政权', '推翻政府', '反共', '灭共',
  ],
} as const;

export type SensitiveCategory = keyof typeof SENSITIVE_WORDS;
