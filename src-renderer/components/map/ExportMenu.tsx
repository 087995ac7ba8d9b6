import { useEffect, useRef, useState } from 'react';
import { mappingDocument, type MappingDocumentFormat } from '../../../src-shared/mapping-document';
import type { Plan } from '../../../src-shared/plan';
import { downloadText, fileNameOf } from '../../lib/download';

const formats: readonly { format: MappingDocumentFormat; label: string; extension: string; mimeType: string }[] = [
  { format: 'markdown', label: 'Markdown (.md)', extension: 'md', mimeType: 'text/markdown' },
  { format: 'csv', label: 'CSV for spreadsheets (.csv)', extension: 'csv', mimeType: 'text/csv' },
  { format: 'html', label: 'Printable HTML (.html)', extension: 'html', mimeType: 'text/html' },
];

/** Downloads the mapping document of the plan as it is on screen (saved or not). */
export function ExportMenu({ plan }: { plan: Plan }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent): void => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const download = (format: (typeof formats)[number]): void => {
    const text = mappingDocument(plan, format.format, { generatedAt: new Date() });
    downloadText(`${fileNameOf(plan.name)}-mapping.${format.extension}`, text, format.mimeType);
    setOpen(false);
  };

  return (
    <div className="menu" ref={root}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label="Export mapping document"
        title="Export the mapping document (for the customer to review)"
        onClick={() => setOpen((current) => !current)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setOpen(false);
        }}
      >
        Mapping document ▾
      </button>
      {open ? (
        <div className="menu-popup" role="menu" aria-label="Export mapping document">
          {formats.map((format) => (
            <button
              key={format.format}
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => download(format)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') setOpen(false);
              }}
            >
              {format.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
