import { DOSSIER_STATES, dossierMachine } from './dossier.machine';

/** Names of the guards of a transition: a named guard, or the parts of an `and([...])`. */
function guardNames(guard: unknown): string[] {
  if (typeof guard === 'string') return [guard];
  if (typeof guard === 'function' && Array.isArray((guard as { guards?: unknown }).guards)) {
    return (guard as unknown as { guards: unknown[] }).guards.flatMap(guardNames);
  }
  if (typeof guard === 'object' && guard !== null && 'type' in guard)
    return [String((guard as { type: unknown }).type)];
  return [];
}

/** The dossier lifecycle as a Mermaid state diagram, generated from the machine (README embeds it). */
export function dossierMermaid(): string {
  const lines = ['stateDiagram-v2', '  [*] --> nominated'];
  for (const state of DOSSIER_STATES) {
    const node = dossierMachine.states[state];
    if (node.type === 'final') {
      lines.push(`  ${state} --> [*]`);
      continue;
    }
    for (const [event, transitions] of Object.entries(node.on)) {
      for (const t of transitions) {
        const guards = guardNames(t.guard);
        const shape = guards.includes('managedByProvince')
          ? ' (tỉnh quản lý)'
          : guards.includes('managedByDistrict')
            ? ' (huyện quản lý)'
            : '';
        for (const target of t.target ?? []) lines.push(`  ${state} --> ${target.key}: ${event}${shape}`);
      }
    }
  }
  return lines.join('\n');
}
