import { useMemo, useState } from 'react';
import type { ColumnMapping } from '../../../src-shared/plan';
import { getTransform, transformNames, validateStep } from '../../../src-shared/transforms/catalogue';
import type { TransformStep } from '../../../src-shared/transforms/transform';
import type { ColumnOutcome } from '../../lib/mapping-preview';
import {
  defaultParams,
  fieldText,
  fieldValue,
  inFieldOrder,
  paramFields,
  withParam,
  type ParamField,
} from '../../lib/param-fields';
import { addTransform, moveTransform, removeTransform, replaceTransform } from '../../state/plan-editor';
import { CellValue } from './CellValue';
import { CommitInput } from './CommitInput';

/** The sentence `validateStep` gives for a step whose parameters do not fit, or null. */
function problemOf(step: TransformStep): string | null {
  const result = validateStep(step);
  return result.ok ? null : result.reason;
}

type Trace = { label: string; outcome: ColumnOutcome } | null;

/** The value a step produced on the traced row, or where the chain stopped. */
function StepResult({ trace, index }: { trace: Trace; index: number }) {
  if (!trace) return null;
  const { outcome } = trace;
  const step = outcome.steps[index];
  if (outcome.kind === 'rejected' && outcome.failedStep === index)
    return (
      <div className="step-result step-result-rejected" role="status">
        ✕ {outcome.reason}
      </div>
    );
  if (!step) return <div className="step-result muted">not reached on {trace.label}</div>;
  return (
    <div className="step-result">
      <span className="muted">→</span> <CellValue value={step.value} />
    </div>
  );
}

function ParamInput({
  field,
  step,
  onChange,
  idPrefix,
}: {
  field: ParamField;
  step: TransformStep;
  onChange: (params: Record<string, unknown>) => void;
  idPrefix: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const id = `${idPrefix}-${field.name}`;
  const value = step.params[field.name];
  const commit = (text: string): void => {
    const parsed = fieldValue(field, text);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    onChange(withParam(step.params, field.name, parsed.value));
  };
  let control;
  switch (field.kind) {
    case 'enum':
      control = (
        <select
          id={id}
          aria-required={field.required || undefined}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => commit(event.target.value)}
        >
          {value === undefined ? (
            <option value="">{field.defaultOption ? `${field.defaultOption} (default)` : 'Choose…'}</option>
          ) : null}
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
      break;
    case 'boolean':
      control = (
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(event) => commit(event.target.checked ? 'true' : 'false')}
        />
      );
      break;
    case 'text':
    case 'number':
    case 'json':
      control = (
        <CommitInput
          id={id}
          className={field.kind === 'json' ? 'mono' : undefined}
          value={fieldText(field, value)}
          placeholder={field.placeholder ?? undefined}
          inputMode={field.kind === 'number' ? 'decimal' : undefined}
          aria-invalid={error ? true : undefined}
          aria-required={field.required || undefined}
          onCommit={commit}
        />
      );
      break;
  }
  return (
    <div className={field.kind === 'boolean' ? 'param param-boolean' : 'param'}>
      <label htmlFor={id} className={field.required ? 'required' : undefined} title={field.description ?? undefined}>
        {field.label}
      </label>
      {control}
      {error ? (
        <div className="field-error">{error}</div>
      ) : field.description ? (
        <div className="field-hint">{field.description}</div>
      ) : null}
    </div>
  );
}

function StepCard({
  column,
  step,
  index,
  trace,
}: {
  column: ColumnMapping;
  step: TransformStep;
  index: number;
  trace: Trace;
}) {
  const definition = getTransform(step.name);
  const fields = useMemo(() => (definition ? paramFields(definition.params) : []), [definition]);
  const problem = definition ? problemOf(step) : `Tally has no transform named ${step.name}.`;
  const last = column.transforms.length - 1;
  const idPrefix = `step-${index}`;
  return (
    <li
      className={problem ? 'step-card step-card-invalid' : 'step-card'}
      aria-label={`Step ${index + 1}: ${step.name}`}
    >
      <div className="step-card-header">
        <span className="step-index">{index + 1}</span>
        <label htmlFor={`${idPrefix}-name`} className="visually-hidden">
          Transform of step {index + 1}
        </label>
        <select
          id={`${idPrefix}-name`}
          value={step.name}
          onChange={(event) => {
            const next = getTransform(event.target.value);
            if (next) replaceTransform(column.target, index, { name: next.name, params: defaultParams(next.params) });
          }}
        >
          {definition ? null : <option value={step.name}>{step.name} (unknown)</option>}
          {transformNames.map((name) => (
            <option key={name} value={name}>
              {getTransform(name)?.label ?? name} ({name})
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button-ghost icon-button"
          aria-label={`Move step ${index + 1} up`}
          disabled={index === 0}
          onClick={() => moveTransform(column.target, index, -1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="button-ghost icon-button"
          aria-label={`Move step ${index + 1} down`}
          disabled={index === last}
          onClick={() => moveTransform(column.target, index, 1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="button-ghost button-ghost-danger icon-button"
          aria-label={`Remove step ${index + 1}`}
          onClick={() => removeTransform(column.target, index)}
        >
          ✕
        </button>
      </div>
      {definition ? <div className="step-description muted">{definition.description}</div> : null}
      {fields.length > 0 ? (
        <div className="step-params">
          {fields.map((field) => (
            <ParamInput
              key={field.name}
              field={field}
              step={step}
              idPrefix={idPrefix}
              onChange={(params) =>
                replaceTransform(column.target, index, { name: step.name, params: inFieldOrder(params, fields) })
              }
            />
          ))}
        </div>
      ) : null}
      {problem ? (
        <div className="field-error" role="alert">
          {problem}
        </div>
      ) : null}
      <StepResult trace={trace} index={index} />
    </li>
  );
}

/** The transform chain of one column: add, remove, reorder steps and edit their parameters. */
export function ChainEditor({ column, trace }: { column: ColumnMapping; trace: Trace }) {
  const [adding, setAdding] = useState('');
  const add = (name: string): void => {
    const definition = getTransform(name);
    if (!definition) return;
    addTransform([column.target], { name: definition.name, params: defaultParams(definition.params) });
    setAdding('');
  };
  return (
    <section className="chain-editor" aria-label="Transform chain">
      <h3>Transform chain</h3>
      {trace ? (
        <div className="trace-line">
          <span className="muted">On {trace.label}: </span>
          {trace.outcome.sources.length === 0 ? (
            <span className="muted">no source value</span>
          ) : (
            trace.outcome.sources.map((value, index) => (
              <span key={index} className="trace-source">
                {index > 0 ? <span className="muted"> + </span> : null}
                <CellValue value={value} />
              </span>
            ))
          )}
        </div>
      ) : null}
      {column.transforms.length === 0 ? (
        <p className="muted chain-empty">No transform: the source value is written as it is.</p>
      ) : (
        <ol className="step-list">
          {column.transforms.map((step, index) => (
            <StepCard key={`${index}-${step.name}`} column={column} step={step} index={index} trace={trace} />
          ))}
        </ol>
      )}
      <div className="input-with-button">
        <label htmlFor="chain-add-step" className="visually-hidden">
          Add a step
        </label>
        <select id="chain-add-step" value={adding} onChange={(event) => setAdding(event.target.value)}>
          <option value="">Add a step…</option>
          {transformNames.map((name) => (
            <option key={name} value={name}>
              {getTransform(name)?.label ?? name} ({name})
            </option>
          ))}
        </select>
        <button type="button" disabled={adding === ''} onClick={() => add(adding)}>
          Add step
        </button>
      </div>
      {trace ? <ChainResult trace={trace} column={column} /> : null}
    </section>
  );
}

function ChainResult({ trace, column }: { trace: NonNullable<Trace>; column: ColumnMapping }) {
  const { outcome } = trace;
  if (outcome.kind === 'rejected') {
    const where = outcome.failedStepName
      ? `at step ${(outcome.failedStep ?? 0) + 1} (${outcome.failedStepName})`
      : `by ${column.target}`;
    return (
      <div className="chain-result chain-result-rejected" role="status" aria-label="Result on the traced row">
        <strong>Rejected {where}:</strong> {outcome.reason}
      </div>
    );
  }
  return (
    <div className="chain-result" role="status" aria-label="Result on the traced row">
      <span className="muted">{column.target} gets </span>
      <CellValue value={outcome.value} />
      {outcome.defaulted === 'null' ? <span className="muted"> (the default, for a null)</span> : null}
      {outcome.defaulted === 'error' ? (
        <span className="muted"> (the default, instead of: {outcome.replacedReason})</span>
      ) : null}
    </div>
  );
}
