import { createDoc, toBuffer, write } from '../../documents/pdf-layout';

export interface EvidenceFacts {
  unitName: string;
  year: number;
  criterionCode: string;
  criterionTitle: string;
  date: string;
}

/**
 * A one-page evidence file for the demo's past years: what a unit would scan (a minute, a report),
 * reduced to what it proves, marked as sample data.
 */
export async function evidencePdf(facts: EvidenceFacts): Promise<Buffer> {
  const doc = createDoc({ title: `Minh chứng ${facts.criterionCode} — ${facts.unitName}`, date: facts.date });
  write(doc, facts.unitName.toUpperCase(), { font: 'bold', align: 'center' });
  write(doc, `MINH CHỨNG TIÊU CHÍ ${facts.criterionCode} NĂM ${facts.year}`, {
    font: 'bold',
    align: 'center',
  });
  doc.moveDown();
  write(doc, facts.criterionTitle, { align: 'justify' });
  doc.moveDown();
  write(doc, '(Tài liệu mẫu của dữ liệu minh họa — không có giá trị pháp lý.)', {
    font: 'italic',
    size: 11,
    align: 'center',
  });
  return toBuffer(doc);
}
