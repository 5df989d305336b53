import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dossierMermaid } from '../machines/dossier.diagram';

describe('README', () => {
  it('shows the lifecycle diagram generated from the machine', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    expect(readme).toContain('```mermaid\n' + dossierMermaid() + '\n```');
  });
});
