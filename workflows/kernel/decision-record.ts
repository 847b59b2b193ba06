/** How a decision is kept: the fields stored with the task, and the one line the history shows. */
import type { DecisionBody } from '../../domain/procedures';
import { dueText } from '../../domain/cases/due-text';

/** Everything the decision carried except its name and an amended payload (kept on the case itself). */
export function decisionData(d: DecisionBody): Record<string, unknown> {
  const { decision: _decision, payload: _payload, ...fields } = d;
  return fields;
}

export function decisionComment(d: DecisionBody): string | undefined {
  return (
    [
      d.comment,
      d.legalBasis ? `依据：${d.legalBasis}` : null,
      d.desensitization ? `脱敏字段：${d.desensitization.fields.join('、')}；规则：${d.desensitization.rule}` : null,
      d.conditions ? `条件：${d.conditions}` : null,
      d.signerName ? `签署人：${d.signerName}` : null,
      d.dataVersion ? `数据版本/归集时间：${d.dataVersion}` : null,
      d.agreedWith ? `沟通对象：${d.agreedWith}` : null,
      d.newDueAt ? `申请延长至：${dueText(d.newDueAt)}` : null,
    ]
      .filter(Boolean)
      .join('；') || undefined
  );
}
