import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRef,
  type PDFObject,
  type PDFPage,
} from '@cantoo/pdf-lib';

/*
 * An incremental update (ISO 32000-1 §7.5.6): the original bytes stay exactly as they were, and the
 * changed and new objects are appended with their own cross-reference section pointing back to the
 * previous one. This is what keeps an earlier signature valid when the văn thư adds the number, the date
 * and the organization's signature. @cantoo/pdf-lib reads the document (classic or stream
 * cross-references, whoever wrote it); only the objects this update touches are written.
 */

/** Where the previous cross-reference section starts (the last `startxref`). */
function lastStartXref(bytes: Buffer): number {
  const tail = bytes.subarray(Math.max(0, bytes.length - 2048)).toString('latin1');
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!match) throw new Error('not a complete PDF: no startxref at its end');
  return Number(match[1]);
}

export class PdfUpdate {
  private readonly touched = new Map<number, PDFRef>();
  private readonly raw = new Map<number, Buffer>();

  /** Objects numbered above this are new in this update (whoever created them: us or pdf-lib). */
  private readonly firstNew: number;

  private constructor(
    readonly original: Buffer,
    readonly doc: PDFDocument,
  ) {
    this.firstNew = doc.context.largestObjectNumber + 1;
  }

  static async open(bytes: Buffer): Promise<PdfUpdate> {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: false });
    return new PdfUpdate(bytes, doc);
  }

  get context() {
    return this.doc.context;
  }

  pages(): PDFPage[] {
    return this.doc.getPages();
  }

  /** Adds a new object; it will be written by this update. */
  add(obj: PDFObject): PDFRef {
    const ref = this.context.register(obj);
    this.touched.set(ref.objectNumber, ref);
    return ref;
  }

  /** Reserves a number for an object whose bytes are written verbatim (the signature dictionary). */
  addRaw(render: (ref: PDFRef) => string): PDFRef {
    const ref = this.context.nextRef();
    this.raw.set(ref.objectNumber, Buffer.from(render(ref), 'latin1'));
    return ref;
  }

  /** Marks an existing object changed (a page given annotations, the catalog given a form). */
  touch(ref: PDFRef): void {
    this.touched.set(ref.objectNumber, ref);
  }

  /** The document catalog's AcroForm, created if missing, with `SigFlags` 3 (signatures exist, append only). */
  acroForm(): PDFDict {
    const catalog = this.doc.catalog;
    const existing = catalog.get(PDFName.of('AcroForm'));
    let form: PDFDict;
    if (existing instanceof PDFRef) {
      form = this.context.lookup(existing, PDFDict);
      this.touch(existing);
    } else if (existing instanceof PDFDict) {
      form = existing;
      this.touch(this.context.trailerInfo.Root as PDFRef);
    } else {
      form = this.context.obj({ Fields: [] });
      catalog.set(PDFName.of('AcroForm'), this.add(form));
      this.touch(this.context.trailerInfo.Root as PDFRef);
    }
    form.set(PDFName.of('SigFlags'), PDFNumber.of(3));
    if (!form.has(PDFName.of('Fields'))) form.set(PDFName.of('Fields'), this.context.obj([]));
    return form;
  }

  /** Adds an annotation to a page (the page object is rewritten with its new /Annots). */
  annotate(page: PDFPage, annotation: PDFRef): void {
    const annots = page.node.get(PDFName.of('Annots'));
    if (annots instanceof PDFRef) {
      this.context.lookup(annots, PDFArray).push(annotation);
      this.touch(annots);
      return;
    }
    if (annots instanceof PDFArray) annots.push(annotation);
    else page.node.set(PDFName.of('Annots'), this.context.obj([annotation]));
    this.touch(page.ref);
  }

  private objectBytes(ref: PDFRef): Buffer {
    const raw = this.raw.get(ref.objectNumber);
    if (raw) return raw;
    const obj = this.context.lookup(ref);
    if (!obj) throw new Error(`object ${ref.toString()} vanished`);
    const body = Buffer.alloc(obj.sizeInBytes());
    obj.copyBytesInto(body, 0);
    return body;
  }

  /** The original bytes followed by this update: objects, cross-reference section, trailer. */
  serialize(): Buffer {
    const parts: Buffer[] = [this.original];
    let offset = this.original.length;
    if (this.original[this.original.length - 1] !== 0x0a) {
      parts.push(Buffer.from('\n'));
      offset += 1;
    }
    const created = this.context
      .enumerateIndirectObjects()
      .map(([ref]) => ref)
      .filter((ref) => ref.objectNumber >= this.firstNew && !this.touched.has(ref.objectNumber));
    const refs = [
      ...this.touched.values(),
      ...created,
      ...[...this.raw.keys()].map((n) => PDFRef.of(n, 0)),
    ].sort((a, b) => a.objectNumber - b.objectNumber);
    const entries: { n: number; gen: number; at: number }[] = [];
    for (const ref of refs) {
      const head = Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1');
      const chunk = Buffer.concat([head, this.objectBytes(ref), Buffer.from('\nendobj\n', 'latin1')]);
      entries.push({ n: ref.objectNumber, gen: ref.generationNumber, at: offset });
      parts.push(chunk);
      offset += chunk.length;
    }
    const xrefAt = offset;
    const lines = ['xref'];
    for (const e of entries) {
      lines.push(`${e.n} 1`, `${String(e.at).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r`);
    }
    const info = this.context.trailerInfo;
    const trailer = this.context.obj({});
    trailer.set(PDFName.of('Size'), PDFNumber.of(this.context.largestObjectNumber + 1));
    trailer.set(PDFName.of('Root'), info.Root as PDFRef);
    if (info.Info) trailer.set(PDFName.of('Info'), info.Info as PDFObject);
    if (info.ID) trailer.set(PDFName.of('ID'), info.ID as PDFObject);
    trailer.set(PDFName.of('Prev'), PDFNumber.of(lastStartXref(this.original)));
    lines.push('trailer', trailer.toString(), 'startxref', String(xrefAt), '%%EOF', '');
    parts.push(Buffer.from(lines.join('\n'), 'latin1'));
    return Buffer.concat(parts);
  }
}
