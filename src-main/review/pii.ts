/**
 * Which columns hold personal data, so reviewer mode and review packs hide them unless the plan
 * allows them (`pii.allow`): columns named like contact data anywhere, name columns of tables
 * that hold people, and columns whose sampled values look like e-mail addresses or phone numbers.
 */
import { formatPattern } from '../../src-shared/profile';
import type { Plan, TableMapping } from '../../src-shared/plan';
import { classifyPattern } from '../profile/semantics';

const contactName =
  /(e_?mail|phone|mobile|fax|address|street|zip|postal|post_?code|birth|dob|ssn|social_?sec|passport|iban|card_?n|tax_?id|national_?id|ip_?addr)/i;
const personName = /(^|_)(first|last|middle|given|family|full|sur|maiden|display|contact)?_?name(_|$)|^name$/i;
const peopleTable =
  /(customer|client|user|person|people|employee|contact|member|patient|staff|account|author|buyer|guest|student)/i;

/** True when the plan lets reviewers see this column of this table (`table.column` or `column`). */
export function piiAllowed(plan: Plan, table: TableMapping, column: string): boolean {
  const allow = plan.pii?.allow ?? [];
  const sourceName = 'table' in table.source ? table.source.table.name : table.id;
  return allow.some(
    (entry) =>
      entry === column ||
      entry === `${table.id}.${column}` ||
      entry === `${table.target.name}.${column}` ||
      entry === `${sourceName}.${column}`,
  );
}

/** Whether a column's name or sampled values mark it as personal data. */
export function looksPersonal(tableName: string, column: string, values: readonly unknown[]): boolean {
  if (contactName.test(column)) return true;
  if (personName.test(column) && peopleTable.test(tableName)) return true;
  const texts = values.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (texts.length === 0) return false;
  const personal = texts.filter((text) => {
    const kind = classifyPattern(formatPattern(text.trim()));
    return kind === 'email' || kind === 'phone';
  }).length;
  return personal * 2 >= texts.length;
}
