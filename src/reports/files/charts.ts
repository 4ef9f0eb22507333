import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { DEJAVU_SANS } from '../../infra/fonts';
import type { ChartSpec } from './report-document';

/** The family name the charts draw with, registered from DejaVu Sans. */
const FONT_FAMILY = 'DejaVu Sans';

let registered = false;

/** Registers the embedded font once: the glyphs are drawn from it, never from the machine's fonts. */
function registerFonts(): void {
  if (registered) return;
  GlobalFonts.registerFromPath(DEJAVU_SANS.regular, FONT_FAMILY);
  GlobalFonts.registerFromPath(DEJAVU_SANS.bold, FONT_FAMILY);
  registered = true;
}

export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 640;
const PALETTE = ['#1f5fa8', '#e07b22', '#2e9e5b', '#8e44ad', '#c0392b'];
const TARGET_COLOURS = ['#c0392b', '#6b6b6b'];
const MARGIN = { top: 90, right: 40, bottom: 120, left: 90 };

/** A round top for the value axis: 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= value) ?? 10;
  return step * power;
}

function formatNumber(value: number): string {
  return value.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
}

/** Cuts a label into lines no wider than `width` px. */
function wrap(ctx: SKRSContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/u)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(candidate).width > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

function legend(ctx: SKRSContext2D, entries: { name: string; colour: string; mark: 'bar' | 'line' }[]): void {
  ctx.font = `18px "${FONT_FAMILY}"`;
  let x = MARGIN.left;
  for (const entry of entries) {
    ctx.fillStyle = entry.colour;
    if (entry.mark === 'bar') ctx.fillRect(x, 58, 18, 18);
    else ctx.fillRect(x, 65, 24, 4);
    ctx.fillStyle = '#222';
    ctx.textAlign = 'left';
    ctx.fillText(entry.name, x + 30, 74);
    x += 30 + ctx.measureText(entry.name).width + 30;
  }
}

/** A grouped bar chart with its title, value axis, labels in Vietnamese and target marks, as PNG bytes. */
export function renderChart(spec: ChartSpec): Buffer {
  registerFonts();
  const canvas = createCanvas(CHART_WIDTH, CHART_HEIGHT);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, CHART_WIDTH, CHART_HEIGHT);
  ctx.fillStyle = '#111';
  ctx.font = `bold 26px "${FONT_FAMILY}"`;
  ctx.textAlign = 'center';
  ctx.fillText(spec.title, CHART_WIDTH / 2, 38);

  const plotWidth = CHART_WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = CHART_HEIGHT - MARGIN.top - MARGIN.bottom;
  const values = [...spec.series.flatMap((series) => series.values), ...(spec.targets ?? []).flatMap((target) => target.values.filter((value): value is number => value !== null))];
  const top = niceMax(Math.max(0, ...values));
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;

  ctx.font = `16px "${FONT_FAMILY}"`;
  ctx.textAlign = 'right';
  for (let tick = 0; tick <= 5; tick += 1) {
    const value = (top * tick) / 5;
    ctx.strokeStyle = tick === 0 ? '#444' : '#dddddd';
    ctx.beginPath();
    ctx.moveTo(MARGIN.left, y(value));
    ctx.lineTo(MARGIN.left + plotWidth, y(value));
    ctx.stroke();
    ctx.fillStyle = '#444';
    ctx.fillText(formatNumber(value), MARGIN.left - 10, y(value) + 6);
  }
  ctx.save();
  ctx.translate(22, MARGIN.top + plotHeight / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText(spec.unit, 0, 0);
  ctx.restore();

  const group = plotWidth / Math.max(1, spec.categories.length);
  const barWidth = Math.min(70, (group * 0.7) / Math.max(1, spec.series.length));
  spec.categories.forEach((category, index) => {
    const left = MARGIN.left + group * index + (group - barWidth * spec.series.length) / 2;
    spec.series.forEach((series, seriesIndex) => {
      const value = series.values[index] ?? 0;
      ctx.fillStyle = PALETTE[seriesIndex % PALETTE.length] as string;
      ctx.fillRect(left + barWidth * seriesIndex, y(value), barWidth - 4, y(0) - y(value));
      ctx.fillStyle = '#111';
      ctx.font = `15px "${FONT_FAMILY}"`;
      ctx.textAlign = 'center';
      ctx.fillText(formatNumber(value), left + barWidth * seriesIndex + (barWidth - 4) / 2, y(value) - 6);
    });
    (spec.targets ?? []).forEach((target, targetIndex) => {
      const value = target.values[index];
      if (value === null || value === undefined) return;
      ctx.fillStyle = TARGET_COLOURS[targetIndex % TARGET_COLOURS.length] as string;
      ctx.fillRect(left - 8, y(value) - 2, barWidth * spec.series.length + 12, 4);
    });
    ctx.fillStyle = '#222';
    ctx.font = `16px "${FONT_FAMILY}"`;
    ctx.textAlign = 'center';
    wrap(ctx, category, group - 10)
      .slice(0, 4)
      .forEach((line, lineIndex) => ctx.fillText(line, MARGIN.left + group * index + group / 2, y(0) + 26 + lineIndex * 20));
  });

  legend(ctx, [
    ...spec.series.map((series, index) => ({ name: series.name, colour: PALETTE[index % PALETTE.length] as string, mark: 'bar' as const })),
    ...(spec.targets ?? []).map((target, index) => ({ name: target.name, colour: TARGET_COLOURS[index % TARGET_COLOURS.length] as string, mark: 'line' as const })),
  ]);
  return canvas.toBuffer('image/png');
}
