// A horizontal bar chart as inline SVG, drawn on the server: one row per label (its name above the
// bar, the figure after it), so long names and a 360 px phone both fit. The viewBox scales it to the
// width it is given; the figures are also in the table each chart sits next to.
import type { FC } from "hono/jsx";

export interface Bar {
  label: string;
  /** One value per series: stacked end to end, or drawn one under the other when `grouped`. */
  values: number[];
  /** The figure written after the bar, e.g. "12.5". */
  text: string;
}

export interface Series {
  name: string;
}

const COLOURS = ["#17603a", "#86bf9c", "#b9b0a0"];
const WIDTH = 320;
const LABEL = 16;
const BAR = 11;
const GAP = 8;
/** Room kept right of the longest bar for its figure. */
const FIGURE_ROOM = 66;

const shorten = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const BarChart: FC<{
  title: string;
  bars: Bar[];
  series?: Series[];
  grouped?: boolean;
  id: string;
}> = ({ title, bars, series, grouped, id }) => {
  const lanes = grouped ? Math.max(1, series?.length ?? 1) : 1;
  const rowHeight = LABEL + lanes * BAR + (lanes - 1) * 2 + GAP;
  const height = Math.max(rowHeight, bars.length * rowHeight);
  const total = (b: Bar) =>
    grouped ? Math.max(0, ...b.values) : b.values.reduce((s, v) => s + Math.max(0, v), 0);
  const max = Math.max(0, ...bars.map(total));
  const scale = (v: number) => (max > 0 ? (Math.max(0, v) / max) * (WIDTH - FIGURE_ROOM) : 0);
  return (
    <figure class="chart" data-chart={id}>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{title}</title>
        {bars.map((b, row) => {
          const top = row * rowHeight;
          let x = 0;
          const rects = b.values.map((v, i) => {
            const w = scale(v);
            const rect = grouped ? (
              <rect x={0} y={top + LABEL + i * (BAR + 2)} width={w} height={BAR} fill={COLOURS[i % 3]} />
            ) : (
              <rect x={x} y={top + LABEL} width={w} height={BAR} fill={COLOURS[i % 3]} />
            );
            x += w;
            return rect;
          });
          const end = grouped ? scale(Math.max(0, ...b.values)) : x;
          return (
            <g>
              <text x={0} y={top + LABEL - 4} font-size="12" fill="#1d2327">
                {shorten(b.label)}
              </text>
              {rects}
              <text
                x={end + 4}
                y={top + LABEL + (lanes * BAR + (lanes - 1) * 2) / 2 + 4}
                font-size="12"
                font-weight="600"
                fill="#1d2327"
              >
                {b.text}
              </text>
            </g>
          );
        })}
      </svg>
      {series && series.length > 1 ? (
        <figcaption class="legend">
          {series.map((s, i) => (
            <span>
              <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true">
                <rect width="10" height="10" fill={COLOURS[i % 3]} />
              </svg>{" "}
              {s.name}
            </span>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
};

/** Styles the report pages add to the shared sheet. */
export const CHART_CSS = `
figure.chart{margin:.5rem 0;max-width:26rem;background:#fff;border:1px solid #dcdfd8;border-radius:.6rem;padding:.6rem}
figure.chart>svg{display:block;height:auto;overflow:visible}
.legend{display:flex;flex-wrap:wrap;gap:.25rem .9rem;font-size:.85rem;color:#50575e;margin-top:.4rem}
.period{display:flex;flex-wrap:wrap;gap:.5rem .75rem;align-items:flex-end}
.period>div{flex:1 1 9rem;max-width:14rem}
.period input{width:100%}
.toc{columns:2 10rem;padding-left:1.2rem}
section.report{margin-top:1.5rem}
section.report thead th{white-space:normal;vertical-align:bottom;hyphens:auto}
section.report th,section.report td{padding:.4rem .35rem}
table[data-table="spending"] tbody th{white-space:nowrap}
.download{display:inline-block;margin:.4rem 0}
@media (min-width:60rem){.pair{display:grid;grid-template-columns:26rem minmax(0,1fr);gap:1rem;align-items:start}.pair>.scroll{margin-top:.5rem}}
`;
