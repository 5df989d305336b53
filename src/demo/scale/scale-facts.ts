import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ScoreStage } from '../../../machines/domain';
import type { Attachment, AuditEvent, Criterion, Score } from '../../../entities';
import { newId } from '../../db/ids';

// What a dossier carries besides its history: the scores of every stage it has been through and the
// evidence its unit attached. A national data set without them would make dossier reads look cheaper than
// they are.

/** The evidence file every generated attachment points to (one file on disk, shared). */
export interface ScaleEvidence {
  storageKey: string;
  size: number;
  sha256: string;
}

// A one-page PDF, small and valid: what a download of generated evidence returns.
const EVIDENCE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);

/** Writes the shared evidence file under the attachments directory. */
export function writeScaleEvidence(attachmentsDir: string): ScaleEvidence {
  const storageKey = 'scale/minh-chung.pdf';
  const file = path.join(attachmentsDir, storageKey);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, EVIDENCE_PDF);
  return {
    storageKey,
    size: EVIDENCE_PDF.length,
    sha256: createHash('sha256').update(EVIDENCE_PDF).digest('hex'),
  };
}

const STAGE_ORDER: ScoreStage[] = ['self', 'district', 'provincial'];

/** The stages a history has scored: the unit's once it submitted, each review once it was reviewed. */
function scoredStages(events: AuditEvent[]): ScoreStage[] {
  const seen = new Set(events.map(stageOf));
  return STAGE_ORDER.filter((s) => seen.has(s));
}

/** Scores for each stage the dossier went through (each review a little below the last) and evidence. */
export function makeFacts(
  dossierId: string,
  events: AuditEvent[],
  criteria: { items: Criterion[]; passingScore: number },
  evidence: ScaleEvidence,
  next: () => number,
): { scores: Score[]; attachments: Attachment[] } {
  const stages = scoredStages(events);
  if (!stages.length) return { scores: [], attachments: [] };
  const submitted = events.find((e) => e.type === 'SUBMIT') ?? events[events.length - 1];
  const { items, passingScore } = criteria;
  // Dossiers went forward, so each stage passes: mandatory criteria met, a total at or above the passing
  // score; other criteria lose a point or two, and a review may take one more off.
  const passes = (points: number[]) => points.reduce((a, b) => a + b, 0) >= passingScore;
  const lower = (points: number[], by: () => number) => {
    const lowered = points.map((p, i) => (items[i].mandatory ? p : Math.max(0, p - by())));
    return passes(lowered) ? lowered : points;
  };
  let points = lower(
    items.map((c) => c.maxPoints),
    () => Math.floor(next() * 3),
  );
  const scores: Score[] = [];
  for (const stage of stages) {
    const at = events.findLast((e) => stageOf(e) === stage)?.at ?? submitted.at;
    items.forEach((c, i) => {
      scores.push({
        id: newId(),
        dossierId,
        stage,
        criterionCode: c.code,
        points: points[i],
        note: null,
        updatedById: submitted.actorUsername,
        updatedAt: at,
      });
    });
    points = lower(points, () => (next() < 0.2 ? 1 : 0));
  }
  const attachments: Attachment[] = items
    .filter((c) => c.evidenceRequired)
    .map((c) => ({
      id: newId(),
      dossierId,
      criterionCode: c.code,
      fileName: `minh-chung-${c.code.toLowerCase()}.pdf`,
      mimeType: 'application/pdf',
      size: evidence.size,
      sha256: evidence.sha256,
      storageKey: evidence.storageKey,
      uploadedById: submitted.actorUsername,
      createdAt: submitted.at,
      removedAt: null,
    }));
  return { scores, attachments };
}

/** The stage whose scores an event closes: the unit's submission, or a review's decision. */
function stageOf(e: AuditEvent): ScoreStage | null {
  if (e.type === 'SUBMIT') return 'self';
  if (e.fromState === 'district_review') return 'district';
  if (e.fromState === 'provincial_appraisal') return 'provincial';
  return null;
}
