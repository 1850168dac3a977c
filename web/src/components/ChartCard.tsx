import { useEffect, useRef, useState } from 'react';
import { type EChartsCoreOption, echarts } from './echarts';
import { type Column, DataTable, type Row } from './DataTable';

interface Props {
  title: string;
  name: string;
  option: EChartsCoreOption;
  columns: Column[];
  rows: Row[];
  format?: (key: string, value: string | number | null) => string;
  note?: string;
  /** Said after the chart's name to a screen reader, e.g. what is marked on it. */
  description?: string;
  /** What an empty chart says (default: no data in the range). */
  empty?: string;
}

/** A chart with a switch to the same data as a table (which downloads as CSV). */
export function ChartCard({ title, name, option, columns, rows, format, note, description, empty = 'No data in this range' }: Props) {
  const [asTable, setAsTable] = useState(false);
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (asTable || !el.current || rows.length === 0) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption(option);
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option, asTable, rows.length]);
  return (
    <section className="card" data-chart={name}>
      <header className="card-head">
        <h2>{title}</h2>
        <button type="button" className="link" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          {asTable ? 'Show chart' : 'Show table'}
        </button>
      </header>
      {note ? <p className="note">{note}</p> : null}
      {asTable ? (
        <DataTable title={title} name={name} columns={columns} rows={rows} format={format} empty={empty} />
      ) : rows.length === 0 ? (
        <p className="chart-empty">{empty}</p>
      ) : (
        // The canvas says nothing to a screen reader: it is a named image whose text alternative is the table view.
        <div
          className="chart"
          ref={el}
          role="img"
          aria-label={`${title}, chart of ${rows.length} rows${description ? `, ${description}` : ''}; "Show table" gives the same data as a table`}
        />
      )}
    </section>
  );
}
