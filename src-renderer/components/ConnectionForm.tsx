import type { FormEvent } from 'react';
import { tlsModes, type DialectInfo, type DialectName, type TlsMode } from '../../src-shared/connection';
import { visibleFields, type ConnectionDraft } from '../lib/connection-draft';
import { useApp } from '../state/app';
import {
  closeConnectionForm,
  fillFromUrl,
  saveDraft,
  setUrlText,
  testDraft,
  updateDraft,
  useConnectionForm,
} from '../state/connection-form';
import { fieldMessage } from '../lib/errors';
import { ErrorNotice } from './ErrorNotice';
import { Field, describedBy } from './Field';
import { TestResult } from './TestResult';

const tlsModeHints: Record<TlsMode, string> = {
  disable: 'No TLS: the password and the data cross the network in clear.',
  prefer: 'TLS when the server offers it, without checking its certificate.',
  require: 'TLS always, without checking the certificate.',
  'verify-ca': 'TLS, with a certificate signed by a trusted CA.',
  'verify-full': 'TLS, with a trusted certificate for this very host name.',
};

function isDialectName(value: string, dialects: readonly DialectInfo[]): value is DialectName {
  return dialects.some((dialect) => dialect.name === value);
}

function isTlsMode(value: string): value is TlsMode {
  return (tlsModes as readonly string[]).includes(value);
}

/** The add/edit form for one connection, with its per-dialect fields. */
export function ConnectionForm() {
  const draft = useConnectionForm((state) => state.draft);
  const editingName = useConnectionForm((state) => state.editingName);
  const saving = useConnectionForm((state) => state.saving);
  const test = useConnectionForm((state) => state.test);
  const error = useConnectionForm((state) => state.error);
  const errorField = useConnectionForm((state) => state.errorField);
  const dialects = useApp((state) => state.dialects);

  const fieldError = (field: keyof ConnectionDraft): string | null =>
    errorField === field && error ? fieldMessage(error) : null;

  // A sentence about a field the form does not show (or about no field) goes above the buttons.
  const placed = errorField !== null && (visibleFields(draft.dialect) as readonly string[]).includes(errorField);

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    void saveDraft();
  };

  return (
    <form className="panel connection-form" aria-label="Connection form" onSubmit={onSubmit} noValidate>
      <div className="panel-header">
        <h2>{editingName === null ? 'New connection' : `Edit “${editingName}”`}</h2>
        <button type="button" className="button-ghost" onClick={closeConnectionForm} aria-label="Close the form">
          ✕
        </button>
      </div>
      <div className="panel-body form-grid">
        <Field id="conn-name" label="Name" error={fieldError('name')} wide>
          <input
            id="conn-name"
            value={draft.name}
            autoFocus
            placeholder="e.g. Legacy CRM"
            aria-invalid={fieldError('name') ? true : undefined}
            aria-describedby={describedBy('conn-name', fieldError('name'), null)}
            onChange={(event) => updateDraft({ name: event.target.value })}
          />
        </Field>
        <Field id="conn-role" label="Role" hint={draft.role === 'source' ? 'Opened read-only.' : 'Tally writes here.'}>
          <select
            id="conn-role"
            value={draft.role}
            aria-describedby="conn-role-hint"
            onChange={(event) => updateDraft({ role: event.target.value === 'target' ? 'target' : 'source' })}
          >
            <option value="source">Source</option>
            <option value="target">Target</option>
          </select>
        </Field>
        <Field id="conn-dialect" label="Dialect">
          <select
            id="conn-dialect"
            value={draft.dialect}
            onChange={(event) => {
              if (isDialectName(event.target.value, dialects)) updateDraft({ dialect: event.target.value });
            }}
          >
            {dialects.map((dialect) => (
              <option key={dialect.name} value={dialect.name}>
                {dialect.label}
              </option>
            ))}
          </select>
        </Field>
        <PasteUrl dialect={dialects.find((dialect) => dialect.name === draft.dialect)} />
        <div className="form-divider" />
        <DialectFields fieldError={fieldError} />
      </div>
      <div className="panel-footer">
        {error && !placed ? <ErrorNotice error={error} /> : null}
        {test ? <TestResult test={test} role={draft.role} /> : null}
        <div className="button-row">
          <button type="button" onClick={() => void testDraft()} disabled={test?.status === 'running'}>
            Test connection
          </button>
          <span className="spacer" />
          <button type="button" className="button-ghost" onClick={closeConnectionForm}>
            Cancel
          </button>
          <button type="submit" className="button-primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </div>
    </form>
  );
}

function PasteUrl({ dialect }: { dialect: DialectInfo | undefined }) {
  const urlText = useConnectionForm((state) => state.urlText);
  const urlError = useConnectionForm((state) => state.urlError);
  return (
    <Field
      id="conn-url"
      label="Paste URL"
      wide
      hint="Fills the fields below; a password in the URL goes to the password field only."
      error={urlError ? urlError.message : null}
    >
      <div className="input-with-button">
        <input
          id="conn-url"
          value={urlText}
          spellCheck={false}
          autoComplete="off"
          placeholder={dialect?.urlExample ?? 'postgres://user@host:5432/database'}
          aria-describedby={urlError ? 'conn-url-error' : 'conn-url-hint'}
          aria-invalid={urlError ? true : undefined}
          onChange={(event) => setUrlText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void fillFromUrl();
            }
          }}
        />
        <button type="button" onClick={() => void fillFromUrl()} disabled={urlText.trim() === ''}>
          Fill from URL
        </button>
      </div>
    </Field>
  );
}

type FieldErrorOf = (field: keyof ConnectionDraft) => string | null;

function DialectFields({ fieldError }: { fieldError: FieldErrorOf }) {
  const dialect = useConnectionForm((state) => state.draft.dialect);
  const file = useConnectionForm((state) => state.draft.file);
  if (dialect === 'sqlite') {
    const error = fieldError('file');
    return (
      <Field id="conn-file" label="SQLite file" wide error={error} hint="A path on this computer, e.g. /data/crm.db">
        <input
          id="conn-file"
          value={file}
          spellCheck={false}
          placeholder="/path/to/database.sqlite"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy('conn-file', error, true)}
          onChange={(event) => updateDraft({ file: event.target.value })}
        />
      </Field>
    );
  }
  return (
    <>
      <ServerFields fieldError={fieldError} />
      {dialect === 'mssql' ? <MssqlTlsFields fieldError={fieldError} /> : <TlsFields fieldError={fieldError} />}
    </>
  );
}

type TextFieldProps = {
  field: 'host' | 'port' | 'database' | 'user' | 'schema' | 'caFile' | 'instanceName';
  id: string;
  label: string;
  placeholder?: string;
  hint?: string;
  wide?: boolean;
  fieldError: FieldErrorOf;
};

function TextField({ field, id, label, placeholder, hint, wide, fieldError }: TextFieldProps) {
  const value = useConnectionForm((state) => state.draft[field]);
  const error = fieldError(field);
  return (
    <Field id={id} label={label} error={error} hint={hint} wide={wide}>
      <input
        id={id}
        value={value}
        spellCheck={false}
        placeholder={placeholder}
        inputMode={field === 'port' ? 'numeric' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(event) => updateDraft({ [field]: event.target.value })}
      />
    </Field>
  );
}

function ServerFields({ fieldError }: { fieldError: FieldErrorOf }) {
  const dialectName = useConnectionForm((state) => state.draft.dialect);
  const dialect = useApp((state) => state.dialects.find((candidate) => candidate.name === dialectName));
  return (
    <>
      <TextField field="host" id="conn-host" label="Host" placeholder="localhost" fieldError={fieldError} />
      <TextField
        field="port"
        id="conn-port"
        label="Port"
        placeholder={dialect?.defaultPort === undefined ? '' : String(dialect.defaultPort)}
        fieldError={fieldError}
      />
      <TextField field="database" id="conn-database" label="Database" fieldError={fieldError} />
      {dialectName === 'mssql' ? (
        <TextField
          field="instanceName"
          id="conn-instance"
          label="Instance name"
          placeholder="SQLEXPRESS"
          fieldError={fieldError}
        />
      ) : (
        <div />
      )}
      <TextField field="user" id="conn-user" label="User" fieldError={fieldError} />
      <PasswordField envVars={dialect?.passwordEnvVars ?? []} />
      {dialectName !== 'mysql' ? (
        <TextField
          field="schema"
          id="conn-schema"
          label="Schema"
          placeholder="all user schemas"
          fieldError={fieldError}
        />
      ) : null}
      {dialectName === 'mssql' ? <div /> : null}
    </>
  );
}

function PasswordField({ envVars }: { envVars: readonly string[] }) {
  const password = useConnectionForm((state) => state.draft.password);
  const hasStoredSecret = useConnectionForm((state) => state.hasStoredSecret);
  const secretStore = useApp((state) => state.info?.secretStore);
  const kept =
    secretStore === 'keychain'
      ? 'Kept in the OS keychain.'
      : 'Kept in memory until Tally stops; never written to disk.';
  const fallback =
    envVars.length > 0 ? ` Without one, Tally reads ${[...envVars, 'TALLY_PASSWORD_<NAME>'].join(' or ')}.` : '';
  const keepStored = hasStoredSecret ? 'Leave empty to keep the stored password. ' : '';
  return (
    <Field id="conn-password" label="Password" hint={`${keepStored}${kept}${fallback}`}>
      <input
        id="conn-password"
        type="password"
        value={password}
        autoComplete="new-password"
        placeholder={hasStoredSecret ? '•••••• (stored)' : ''}
        aria-describedby="conn-password-hint"
        onChange={(event) => updateDraft({ password: event.target.value })}
      />
    </Field>
  );
}

function TlsFields({ fieldError }: { fieldError: FieldErrorOf }) {
  const tlsMode = useConnectionForm((state) => state.draft.tlsMode);
  return (
    <>
      <Field id="conn-tls-mode" label="TLS mode" hint={tlsModeHints[tlsMode]}>
        <select
          id="conn-tls-mode"
          value={tlsMode}
          aria-describedby="conn-tls-mode-hint"
          onChange={(event) => {
            if (isTlsMode(event.target.value)) updateDraft({ tlsMode: event.target.value });
          }}
        >
          {tlsModes.map((mode) => (
            <option key={mode} value={mode}>
              {mode}
            </option>
          ))}
        </select>
      </Field>
      <TextField
        field="caFile"
        id="conn-ca-file"
        label="CA file"
        placeholder="/path/to/ca.pem"
        hint="Needed for verify-ca and verify-full with a private CA."
        fieldError={fieldError}
      />
    </>
  );
}

function MssqlTlsFields({ fieldError }: { fieldError: FieldErrorOf }) {
  const encrypt = useConnectionForm((state) => state.draft.encrypt);
  const trust = useConnectionForm((state) => state.draft.trustServerCertificate);
  return (
    <>
      <div className="field-wide checkbox-row" role="group" aria-label="TLS">
        <span className="checkbox-row-title">TLS</span>
        <span className="checkbox-field">
          <input
            id="conn-encrypt"
            type="checkbox"
            checked={encrypt}
            onChange={(event) => updateDraft({ encrypt: event.target.checked })}
          />
          <label htmlFor="conn-encrypt">Encrypt</label>
        </span>
        <span className="checkbox-field">
          <input
            id="conn-trust-cert"
            type="checkbox"
            checked={trust}
            onChange={(event) => updateDraft({ trustServerCertificate: event.target.checked })}
          />
          <label htmlFor="conn-trust-cert">Trust server certificate</label>
        </span>
      </div>
      {trust ? (
        <p className="field-wide field-warning">
          The server's certificate is accepted without any check: use this only on a network you trust.
        </p>
      ) : null}
      <TextField
        field="caFile"
        id="conn-ca-file"
        label="CA file"
        placeholder="/path/to/ca.pem"
        wide
        hint="A private CA to verify the server's certificate against."
        fieldError={fieldError}
      />
    </>
  );
}
