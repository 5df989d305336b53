import { TableIndex, type TableColumnOptions } from 'typeorm';

// Portable column helpers: the same migration runs on SQLite and PostgreSQL.
export const id = (name = 'id'): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isPrimary: true,
});
export const ref = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: nullable,
});
export const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
export const text = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: nullable,
});
export const int = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable: nullable,
});
export const bool = (name: string, dflt?: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  ...(dflt === undefined ? {} : { default: dflt }),
});
export const instant = (name: string, nullable = false): TableColumnOptions => str(name, 32, nullable);
export const idx = (columnNames: string[], isUnique = false): TableIndex =>
  new TableIndex({ columnNames, isUnique });
