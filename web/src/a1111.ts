// Generation parameters in Automatic1111's "parameters" text form:
//   <prompt>\nNegative prompt: <negative>\nSteps: 20, Sampler: Euler a, CFG scale: 7, ...
import type { GenerationParams } from './api/types';

export function a1111Parameters(prompt: string, negative: string | undefined | null, p: GenerationParams | null | undefined): string {
  const lines = [prompt];
  if (negative) lines.push(`Negative prompt: ${negative}`);
  if (p) {
    const parts: string[] = [];
    const add = (k: string, v: unknown) => v !== null && v !== undefined && v !== '' && parts.push(`${k}: ${v}`);
    add('Steps', p.steps);
    add('Sampler', p.sampler);
    add('Schedule type', p.scheduler);
    add('CFG scale', p.cfg);
    add('Seed', p.seed);
    if (p.width && p.height) parts.push(`Size: ${p.width}x${p.height}`);
    add('Model hash', p.model?.hash);
    add('Model', p.model?.name);
    add('Denoising strength', p.denoise);
    add('Clip skip', p.clipSkip);
    if (parts.length) lines.push(parts.join(', '));
  }
  return lines.join('\n');
}

// Rows for the parameters table (label, value), known fields only, in a stable order.
export function paramRows(p: GenerationParams | null | undefined): [string, string][] {
  if (!p) return [];
  const rows: [string, unknown][] = [
    ['Tool', p.tool],
    ['Model', p.model?.name],
    ['Model hash', p.model?.hash],
    ['Sampler', p.sampler],
    ['Scheduler', p.scheduler],
    ['Steps', p.steps],
    ['CFG scale', p.cfg],
    ['Seed', p.seed],
    ['Size', p.width && p.height ? `${p.width}×${p.height}` : null],
    ['Clip skip', p.clipSkip],
    ['Denoise', p.denoise],
  ];
  const res = (p as { resources?: { name?: string; weight?: number; type?: string }[] }).resources ?? [];
  for (const r of res) if (r.name) rows.push([r.type ? `Resource (${r.type})` : 'Resource', r.weight != null ? `${r.name} (${r.weight})` : r.name]);
  return rows.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [k, String(v)]);
}
