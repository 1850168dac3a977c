import type { ReactNode } from 'react';
import { downloadCsv, toCsv } from '../csv';

export interface Column {
  key: string;
  label: string;
  numeric?: boolean;
}
export type Row = Record<string, string | number | null>;

interface Props {
  title: string;
  /** File name stem for the CSV download. */
  name: string;
  columns: Column[];
  rows: Row[];
  /** CSV keeps raw exact values; the table may show formatted ones. */
  format?: (key: string, value: string | number | null) => string;
  /** Controls for a row, in a last column that the CSV leaves out. */
  actions?: { label: string; render: (row: Row) => ReactNode };
  /** What an empty table says (default: no data in the range). */
  empty?: string;
}

/** A table with its CSV download: the CSV holds the exact values the API answered. */
export function DataTable({ title, name, columns, rows, format, actions, empty = 'No data in this range' }: Props) {
  const csv = () =>
    toCsv(
      columns.map((c) => c.label),
      rows.map((r) => columns.map((c) => r[c.key] ?? null)),
    );
  return (
    <div className="table-wrap" data-table={name}>
      <div className="table-head">
        <span className="table-title">{title}</span>
        <button type="button" className="link" onClick={() => downloadCsv(`${name}.csv`, csv())}>
          Download CSV
        </button>
      </div>
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
            {actions ? <th>{actions.label}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length + (actions ? 1 : 0)} className="empty">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((r, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c.key} className={c.numeric ? 'num' : undefined}>
                    {format ? format(c.key, r[c.key] ?? null) : String(r[c.key] ?? '')}
                  </td>
                ))}
                {actions ? <td className="row-actions">{actions.render(r)}</td> : null}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
