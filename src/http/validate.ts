import type { z } from 'zod';
import { ValidationError } from './errors';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'chuỗi ký tự',
  number: 'số',
  int: 'số nguyên',
  boolean: 'giá trị đúng/sai',
  array: 'danh sách',
  object: 'đối tượng',
};

/** A Vietnamese message for one zod issue; custom issues already carry their own. */
function messageFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'Trường này là bắt buộc.'
        : `Sai kiểu dữ liệu: cần ${TYPE_NAMES[issue.expected] ?? issue.expected}.`;
    case 'too_big':
      if (issue.origin === 'string') return `Tối đa ${String(issue.maximum)} ký tự.`;
      if (issue.origin === 'array') return `Tối đa ${String(issue.maximum)} phần tử.`;
      return `Giá trị tối đa là ${String(issue.maximum)}.`;
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? 'Không được để trống.'
          : `Tối thiểu ${String(issue.minimum)} ký tự.`;
      }
      if (issue.origin === 'array') return `Cần ít nhất ${String(issue.minimum)} phần tử.`;
      return `Giá trị tối thiểu là ${String(issue.minimum)}.`;
    case 'unrecognized_keys':
      return `Trường không được chấp nhận: ${issue.keys.join(', ')}.`;
    case 'invalid_value':
      return `Giá trị không hợp lệ; chấp nhận: ${issue.values.map(String).join(', ')}.`;
    case 'invalid_format':
      return 'Định dạng không hợp lệ.';
    case 'invalid_union': {
      // A discriminated union (one schema per event or kind) names the values it takes.
      const options = (issue as { options?: unknown[] }).options;
      return Array.isArray(options)
        ? `Giá trị không hợp lệ; chấp nhận: ${options.map(String).join(', ')}.`
        : 'Giá trị không hợp lệ.';
    }
    case 'not_multiple_of':
    case 'invalid_element':
    case 'invalid_key':
      return 'Giá trị không hợp lệ.';
    case 'custom':
      return issue.message;
    default: {
      const unreachable: never = issue;
      return unreachable;
    }
  }
}

/** Field-level errors for a failed parse. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    code: issue.code,
    message: messageFor(issue),
  }));
}

/** Parses `input` with `schema`; throws ValidationError (400) listing every bad field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, what = 'Dữ liệu'): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new ValidationError('invalid_input', `${what} không hợp lệ.`, { fields: fieldErrors(result.error) });
}
