import type { ProgressReport } from './progress.service';

/** One bar pair of the chart: a district's target and recognized units this year. */
export interface ChartBar {
  label: string;
  target: number;
  recognized: number;
}

/** Per district (and the province-managed block): the sum of its rows' targets and recognized units. */
export function chartBars(r: ProgressReport): ChartBar[] {
  const bars = new Map<string, ChartBar>();
  for (const row of r.rows) {
    const bar = bars.get(row.districtName) ?? { label: row.districtName, target: 0, recognized: 0 };
    bar.target += row.target ?? 0;
    bar.recognized += row.recognized;
    bars.set(row.districtName, bar);
  }
  return [...bars.values()];
}

/** Geometry shared by the SVG and the PDF drawing, so both show the same chart. */
export const CHART = {
  width: 640,
  rowHeight: 34,
  labelWidth: 190,
  top: 40,
  barHeight: 11,
  right: 60,
} as const;

const escapeXml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

/** The scale: the largest target or count, at least 1. */
export const chartMax = (bars: ChartBar[]): number =>
  Math.max(1, ...bars.flatMap((b) => [b.target, b.recognized]));

/** A horizontal bar chart (SVG) of recognized units against the target, per district. */
export function progressSvg(r: ProgressReport): string {
  const bars = chartBars(r);
  const { width, rowHeight, labelWidth, top, barHeight, right } = CHART;
  const height = top + bars.length * rowHeight + 30;
  const scale = (width - labelWidth - right) / chartMax(bars);
  const title = `Tiến độ so với chỉ tiêu năm ${r.year} — ${r.province.name}`;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="t">`,
    `<title id="t">${escapeXml(title)}</title>`,
    `<style>text{font-family:'Times New Roman',Tinos,serif;font-size:12px;fill:#1a1a1a}.n{font-size:11px}</style>`,
    `<text x="0" y="16" style="font-weight:bold;font-size:14px">${escapeXml(title)}</text>`,
    `<rect x="${labelWidth}" y="24" width="10" height="10" fill="#c9d3df"/><text x="${labelWidth + 14}" y="33">Chỉ tiêu</text>`,
    `<rect x="${labelWidth + 90}" y="24" width="10" height="10" fill="#1f6f43"/><text x="${labelWidth + 104}" y="33">Được công nhận</text>`,
  ];
  bars.forEach((b, i) => {
    const y = top + i * rowHeight;
    out.push(`<text x="0" y="${y + barHeight + 4}">${escapeXml(b.label)}</text>`);
    out.push(
      `<rect x="${labelWidth}" y="${y}" width="${b.target * scale}" height="${barHeight}" fill="#c9d3df"/>`,
    );
    out.push(
      `<text class="n" x="${labelWidth + b.target * scale + 4}" y="${y + barHeight - 1}">${b.target}</text>`,
    );
    out.push(
      `<rect x="${labelWidth}" y="${y + barHeight + 2}" width="${b.recognized * scale}" height="${barHeight}" fill="#1f6f43"/>`,
    );
    out.push(
      `<text class="n" x="${labelWidth + b.recognized * scale + 4}" y="${y + 2 * barHeight + 1}">${b.recognized}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
