/**
 * The data-use agreement 数据利用协议 of a conditional-open application
 * (Art. 25 ¶3): a versioned Chinese template filled with the case's facts.
 *
 * Pure and deterministic (no I/O, no clock, no node built-ins): workflows
 * render it too, and a signature's SHA-256 must be reproducible from
 * (version, facts) for as long as the agreement is kept. So a published
 * version is NEVER edited, not even a comma: change the wording by adding a
 * version below and pointing AGREEMENT_TEMPLATE_VERSION at it.
 *
 * Layout conventions of the text, which api/agreement-pdf.ts relies on: the
 * first line is the title; a clause heading starts a line with 第…条 and a
 * full-width space (第一条\u3000协议依据); body paragraphs start with two
 * full-width spaces, so no fact typed by an applicant can begin a heading;
 * an empty line separates blocks. Quotations of the Measures are verbatim.
 */
import { AppError } from '../errors';

export interface AgreementFacts {
  /** The case id, which is also the agreement number, e.g. CO-20261130-ABCD1234. */
  caseId: string;
  /** 张三 (person) or 宁波某科技有限公司 (organisation). */
  applicant: { name: string; kind: 'person' | 'organisation' };
  contact: string;
  resources: { code: string; name: string; providerName: string }[];
  purpose: string;
  scenario: string;
  securityMeasures: string;
  /** How many days the data may be used, counted from the day the agreement takes effect. */
  termDays: number;
  /** 宁波市大数据发展管理局 */
  bdbName: string;
}

interface AgreementTemplate {
  title: string;
  render(facts: AgreementFacts): string;
}

/** The version new agreements are generated from. */
export const AGREEMENT_TEMPLATE_VERSION = '2026.1';

const REGULATION = '《宁波市公共数据管理办法》（甬政办发〔2019〕72号，以下简称《办法》）';

const PARA = '\u3000\u3000';

/** A fact as body text: line endings normalised, each line trimmed, blank lines dropped, continuation lines indented. */
function block(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(`\n${PARA}`);
}

const APPLICANT_KIND: Record<AgreementFacts['applicant']['kind'], string> = {
  person: '自然人',
  organisation: '法人或者其他组织',
};

function assertRenderable(f: AgreementFacts): void {
  const texts: [string, string][] = [
    ['caseId', f.caseId],
    ['applicant.name', f.applicant.name],
    ['contact', f.contact],
    ['purpose', f.purpose],
    ['scenario', f.scenario],
    ['securityMeasures', f.securityMeasures],
    ['bdbName', f.bdbName],
    ...f.resources.flatMap((r, i): [string, string][] => [
      [`resources.${i}.code`, r.code],
      [`resources.${i}.name`, r.name],
      [`resources.${i}.providerName`, r.providerName],
    ]),
  ];
  const blank = texts.find(([, v]) => v.trim() === '');
  if (blank) throw new Error(`协议事实不完整：${blank[0]} 为空`);
  if (f.resources.length === 0) throw new Error('协议事实不完整：没有数据资源');
  if (!Number.isSafeInteger(f.termDays) || f.termDays < 1) throw new Error(`协议事实无效：使用期限 ${f.termDays} 不是正整数天数`);
  if (!Object.hasOwn(APPLICANT_KIND, f.applicant.kind)) throw new Error(`协议事实无效：申请人类型 ${String(f.applicant.kind)}`);
}

const V2026_1: AgreementTemplate = {
  title: '宁波市公共数据有条件开放数据利用协议',
  render(f) {
    const resources = f.resources.map(
      (r, i) => `${PARA}（${i + 1}）${block(r.name)}\n${PARA}\u3000\u3000资源编码：${block(r.code)}\n${PARA}\u3000\u3000数据提供单位：${block(r.providerName)}`,
    );
    return [
      V2026_1.title,
      '',
      `协议编号：${block(f.caseId)}`,
      '文本版本：2026.1',
      '',
      `甲方（开放主体）：${block(f.bdbName)}`,
      `乙方（数据利用主体，${APPLICANT_KIND[f.applicant.kind]}）：${block(f.applicant.name)}`,
      `乙方联系方式：${block(f.contact)}`,
      '',
      `${PARA}乙方通过宁波市公共数据开放平台（以下简称开放平台）申请使用有条件开放类公共数据。甲方会同数据提供单位按照${REGULATION}第二十五条第三款的规定，对乙方提交的数据用途、应用场景和安全保障措施进行了综合评估，同意在本协议约定的范围、用途和期限内向乙方开放下列数据。为遵循“需求导向、安全可控”的原则（《办法》第二十一条），明确双方权利义务，保障公共数据安全，甲乙双方订立本协议。`,
      '',
      '第一条\u3000协议依据',
      `${PARA}《办法》第二十五条第三款规定：“有条件开放类的公共数据，公民、法人和其他组织应当通过开放平台向市大数据主管部门提交数据开放申请，申请时应提供数据用途、应用场景和安全保障措施等信息，经市大数据主管部门和数据提供单位综合评估后，签订数据利用协议，在开放平台上使用该类数据。”`,
      `${PARA}《办法》第二十三条第二款规定：“鼓励公民、法人和其他组织对公共数据进行研究、分析、挖掘，开展大数据产业开发和创新应用。”`,
      '',
      '第二条\u3000开放的数据',
      `${PARA}甲方向乙方开放下列公共数据（共${f.resources.length}项），数据项以公共数据资源开放目录（《办法》第二十二条）所列为准：`,
      ...resources,
      `${PARA}乙方应当在开放平台上使用上述数据（《办法》第二十五条第三款）。`,
      '',
      '第三条\u3000数据用途、应用场景和安全保障措施',
      `${PARA}数据用途：${block(f.purpose)}`,
      `${PARA}应用场景：${block(f.scenario)}`,
      `${PARA}安全保障措施：${block(f.securityMeasures)}`,
      `${PARA}以上内容由乙方在申请时提供，经甲方和数据提供单位综合评估，构成本协议的组成部分。`,
      '',
      '第四条\u3000使用期限',
      `${PARA}乙方使用上述数据的期限为${f.termDays}日，自本协议生效之日起计算。期限届满，乙方在开放平台上使用上述数据的权限自动终止；需要继续使用的，应当重新提交数据开放申请。`,
      '',
      '第五条\u3000乙方的义务',
      `${PARA}（一）仅按照本协议第三条约定的用途和应用场景使用数据，不得超出约定的用途、场景或者期限使用，不得用于其他目的。`,
      `${PARA}（二）落实本协议第三条所列安全保障措施，防止数据丢失、毁损、泄露和篡改。`,
      `${PARA}（三）不得以任何形式将数据或者可以还原出数据的加工结果提供、转让或者出售给第三方。`,
      `${PARA}（四）发生或者可能发生数据泄露、毁损、篡改等安全事件的，立即采取补救措施，并及时向甲方和数据提供单位报告。`,
      `${PARA}（五）同意开放平台记录乙方对数据的每一次访问和下载，并接受甲方审计。《办法》第二十四条第三款规定：“开放平台服务单位应当对开放平台上的公共数据存储、访问、传输、下载等环节建立透明化、可审计、可跟踪、可追溯的日志管理机制并留存备查。”`,
      `${PARA}（六）不得将数据向境外提供，也不得在境外存储、处理或者使用数据。《办法》第三十二条第二款规定：“公共数据不得跨境流通，因业务需要确需向境外提供的，应当按照相关法律、法规要求进行安全评估审核。”`,
      `${PARA}（七）不得利用数据侵害国家利益、社会公共利益和公民、法人及其他组织的合法权益。`,
      `${PARA}（八）在使用过程中认为数据存在错误、遗漏等情形，或者侵犯商业秘密、个人隐私等第三方合法权益的，及时通过开放平台反馈（《办法》第二十七条第二款）。`,
      '',
      '第六条\u3000甲方的义务',
      `${PARA}（一）本协议生效后，按照本协议约定的范围和期限，通过开放平台向乙方提供数据使用服务。`,
      `${PARA}（二）保障开放平台安全稳定运行，保障数据在开放时的安全（《办法》第三十一条第二款）。`,
      `${PARA}（三）对在本协议订立和履行过程中知悉的乙方个人隐私负有保密义务，不得泄露、篡改或者毁损，不得出售或者非法向他人提供（《办法》第三十三条）。`,
      `${PARA}（四）收到乙方反馈的问题数据后，按照《办法》第二十七条组织数据提供单位处理。`,
      '',
      '第七条\u3000违约处理',
      `${PARA}乙方违反本协议第五条约定的，甲方有权立即撤销乙方在开放平台上使用数据的权限，本协议随即终止。乙方造成损失的，依法承担赔偿责任；涉嫌违法犯罪的，依法移送有关机关处理。`,
      '',
      '第八条\u3000协议的生效和终止',
      `${PARA}本协议经乙方签署、甲方会签后生效。签署记录（签署人、签署时间及所签协议文本的SHA-256摘要）由开放平台另行保存，与本协议文本共同构成完整的协议记录。`,
      `${PARA}有下列情形之一的，本协议终止：（一）本协议第四条约定的使用期限届满；（二）甲方依照本协议第七条撤销乙方的使用权限。本协议终止后，乙方应当停止使用数据，并删除已下载的数据。`,
      '',
      '第九条\u3000其他',
      `${PARA}本协议以电子形式订立，协议文本以开放平台保存的版本为准。本协议未尽事宜，按照《办法》及国家、省、市有关规定执行。`,
    ].join('\n');
  },
};

/** Every published version. Add, never edit or remove: signed agreements name their version. */
const TEMPLATES: Readonly<Record<string, AgreementTemplate>> = {
  '2026.1': V2026_1,
};

function templateOf(version: string): AgreementTemplate {
  if (!Object.hasOwn(TEMPLATES, version)) throw new AppError('not_found', `数据利用协议模板版本 ${version} 不存在`);
  return TEMPLATES[version]!;
}

const CLAUSE_HEADING = /^第[一二三四五六七八九十百]+条\u3000/;

/** Whether a line of an agreement's text is a clause heading (第一条\u3000协议依据), for layout. */
export function isClauseHeading(line: string): boolean {
  return CLAUSE_HEADING.test(line);
}

/** The title of a version's agreement (also the text's first line). Throws for an unknown version. */
export function agreementTitle(version: string): string {
  return templateOf(version).title;
}

/**
 * The exact text of the agreement: same version and facts, same text, so the
 * text a signature's hash covers can be rendered again at any time.
 * Throws AppError `not_found` for an unknown version, and Error for facts no
 * agreement can be made of (a blank field, no resource, a term that is not a
 * positive whole number of days): those are validated at filing.
 */
export function renderAgreement(version: string, facts: AgreementFacts): string {
  const template = templateOf(version);
  assertRenderable(facts);
  return template.render(facts);
}
