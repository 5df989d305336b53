import { stripBidi } from '../http/input-guard';
/** Evidence file types accepted (PDF, images, Office documents), recognized by content, not only by name. */
export const FILE_KINDS = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  png: { mime: 'image/png', extensions: ['png'] },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { mime: 'image/gif', extensions: ['gif'] },
  webp: { mime: 'image/webp', extensions: ['webp'] },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
  },
  // Legacy Office files share one container format (OLE2); the extension tells which program.
  ole: { mime: 'application/octet-stream', extensions: ['doc', 'xls', 'ppt'] },
  odt: { mime: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
} as const;
export type FileKind = keyof typeof FILE_KINDS;

/** The types a browser shows by itself, which the dossier page previews inline (recognized by content). */
const PREVIEWABLE: ReadonlySet<string> = new Set(
  (['pdf', 'png', 'jpeg', 'gif', 'webp'] as const).map((k) => FILE_KINDS[k].mime),
);
export const previewable = (mimeType: string): boolean => PREVIEWABLE.has(mimeType);

const LEGACY_MIME: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

const startsWith = (buf: Buffer, bytes: number[], offset = 0): boolean =>
  buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

function sniffZip(buf: Buffer): FileKind | undefined {
  const head = buf.subarray(0, Math.min(buf.length, 64 * 1024)).toString('latin1');
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return 'odt';
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  const all = buf.toString('latin1');
  if (!all.includes('[Content_Types].xml')) return undefined;
  if (all.includes('word/')) return 'docx';
  if (all.includes('xl/')) return 'xlsx';
  if (all.includes('ppt/')) return 'pptx';
  return undefined;
}

/** The kind of file the bytes are, or undefined for anything not accepted. */
export function sniffFileKind(buf: Buffer): FileKind | undefined {
  if (startsWith(buf, ascii('%PDF-'))) return 'pdf';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(buf, ascii('GIF87a')) || startsWith(buf, ascii('GIF89a'))) return 'gif';
  if (startsWith(buf, ascii('RIFF')) && startsWith(buf, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(buf);
  return undefined;
}

/** The file's extension, lower-case, without the dot. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** The MIME type to store when content and extension agree; undefined when they do not. */
export function acceptedMimeType(buf: Buffer, fileName: string): string | undefined {
  const kind = sniffFileKind(buf);
  if (!kind) return undefined;
  const ext = extensionOf(fileName);
  if (!(FILE_KINDS[kind].extensions as readonly string[]).includes(ext)) return undefined;
  return kind === 'ole' ? LEGACY_MIME[ext] : FILE_KINDS[kind].mime;
}

/** A display-safe original file name: NFC, no directories, no control characters, at most 255 chars. */
export function cleanFileName(raw: string): string {
  const base = stripBidi(raw.normalize('NFC')).split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|?*:]/g, '_').trim();
  return (cleaned || 'tep-dinh-kem').slice(-255);
}
