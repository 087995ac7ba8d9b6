/**
 * The catalogue queries inspection runs, as text a unit test can read (there is no SQL Server
 * here to run them against). Each takes the inspected schemas as `?` values, one per schema.
 * Row estimates come from sys.partitions: sys.dm_db_partition_stats would need VIEW DATABASE
 * STATE, which the read-only logins recommended for sources (db_datareader) do not have.
 */

/** `(?, ?, ?)` for n schemas. */
export function placeholders(count: number): string {
  return `(${Array.from({ length: Math.max(count, 1) }, () => '?').join(', ')})`;
}

/** User schemas: not the system ones, not the fixed database-role schemas (ids from 16384). */
export const schemasSql = `SELECT s.name AS schema_name FROM sys.schemas s
  WHERE s.name NOT IN ('sys', 'INFORMATION_SCHEMA', 'guest') AND s.schema_id < 16384
  ORDER BY s.name`;

/** "SQL Server 2022 (16.0.4135.4)": the number, the edition and whether it is Azure. */
export const versionSql = `SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS product_version,
  CAST(SERVERPROPERTY('EngineEdition') AS int) AS engine_edition`;

/** Tables and views, with the row estimate of the heap or clustered index (index 0 or 1). */
export function tablesSql(schemaCount: number): string {
  return `SELECT s.name AS schema_name, o.name AS table_name, o.type AS object_type,
    (SELECT SUM(p.rows) FROM sys.partitions p WHERE p.object_id = o.object_id AND p.index_id IN (0, 1)) AS row_estimate
  FROM sys.objects o
  JOIN sys.schemas s ON s.schema_id = o.schema_id
  WHERE o.type IN ('U', 'V') AND o.is_ms_shipped = 0
    AND NOT (s.name = 'dbo' AND o.name = 'sysdiagrams')
    AND s.name IN ${placeholders(schemaCount)}
  ORDER BY s.name, o.name`;
}

/**
 * Columns with what the native type text is built from: max_length is in bytes (nvarchar holds
 * two per character, -1 is max). An alias type (CREATE TYPE … FROM nvarchar(50)) is read as its
 * base type; CLR types (geography, hierarchyid) share system_type_id 240 and keep their own name.
 */
export function columnsSql(schemaCount: number): string {
  return `SELECT s.name AS schema_name, o.name AS table_name, c.name AS column_name,
    CASE WHEN t.is_user_defined = 1 AND t.is_assembly_type = 0 THEN TYPE_NAME(c.system_type_id) ELSE t.name END AS type_name,
    CASE WHEN t.is_user_defined = 1 AND t.is_assembly_type = 0 THEN t.name ELSE NULL END AS alias_name,
    c.max_length, c.precision, c.scale, c.is_nullable, c.is_identity, c.is_computed,
    OBJECT_DEFINITION(c.default_object_id) AS default_definition
  FROM sys.columns c
  JOIN sys.objects o ON o.object_id = c.object_id
  JOIN sys.schemas s ON s.schema_id = o.schema_id
  JOIN sys.types t ON t.user_type_id = c.user_type_id
  WHERE o.type IN ('U', 'V') AND o.is_ms_shipped = 0
    AND s.name IN ${placeholders(schemaCount)}
  ORDER BY s.name, o.name, c.column_id`;
}

/** Primary keys (PK) and unique constraints (UQ), their columns in key order. */
export function keyConstraintsSql(schemaCount: number): string {
  return `SELECT s.name AS schema_name, t.name AS table_name, kc.name AS constraint_name, kc.type AS constraint_type,
    col.name AS column_name
  FROM sys.key_constraints kc
  JOIN sys.tables t ON t.object_id = kc.parent_object_id
  JOIN sys.schemas s ON s.schema_id = t.schema_id
  JOIN sys.index_columns ic ON ic.object_id = kc.parent_object_id AND ic.index_id = kc.unique_index_id
  JOIN sys.columns col ON col.object_id = ic.object_id AND col.column_id = ic.column_id
  WHERE ic.is_included_column = 0
    AND s.name IN ${placeholders(schemaCount)}
  ORDER BY s.name, t.name, kc.name, ic.key_ordinal`;
}

/** Foreign keys, column pairs in the key's own order. */
export function foreignKeysSql(schemaCount: number): string {
  return `SELECT s.name AS schema_name, t.name AS table_name, fk.name AS constraint_name,
    pc.name AS column_name, rs.name AS referenced_schema, rt.name AS referenced_table, rc.name AS referenced_column,
    fk.delete_referential_action_desc AS delete_rule, fk.update_referential_action_desc AS update_rule
  FROM sys.foreign_keys fk
  JOIN sys.tables t ON t.object_id = fk.parent_object_id
  JOIN sys.schemas s ON s.schema_id = t.schema_id
  JOIN sys.foreign_key_columns fkc ON fkc.constraint_object_id = fk.object_id
  JOIN sys.columns pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
  JOIN sys.objects rt ON rt.object_id = fkc.referenced_object_id
  JOIN sys.schemas rs ON rs.schema_id = rt.schema_id
  JOIN sys.columns rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
  WHERE s.name IN ${placeholders(schemaCount)}
  ORDER BY s.name, t.name, fk.name, fkc.constraint_column_id`;
}

/** Secondary indexes: not the heap, not those behind a primary key or unique constraint. */
export function indexesSql(schemaCount: number): string {
  return `SELECT s.name AS schema_name, t.name AS table_name, i.name AS index_name, i.is_unique,
    col.name AS column_name
  FROM sys.indexes i
  JOIN sys.tables t ON t.object_id = i.object_id
  JOIN sys.schemas s ON s.schema_id = t.schema_id
  JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
  JOIN sys.columns col ON col.object_id = ic.object_id AND col.column_id = ic.column_id
  WHERE i.type > 0 AND i.is_primary_key = 0 AND i.is_unique_constraint = 0 AND i.is_hypothetical = 0
    AND ic.is_included_column = 0
    AND s.name IN ${placeholders(schemaCount)}
  ORDER BY s.name, t.name, i.name, ic.key_ordinal, ic.index_column_id`;
}

/** The exact count, for a table whose estimate is small. */
export function countSql(quotedTable: string): string {
  return `SELECT COUNT_BIG(*) AS n FROM ${quotedTable}`;
}

/** The declared type as DDL writes it, from sys.columns' parts: `nvarchar(120)`, `decimal(10,2)`, `datetime2(3)`. */
export function formatMssqlNativeType(typeName: string, maxLength: number, precision: number, scale: number): string {
  const name = typeName.toLowerCase();
  switch (name) {
    case 'nvarchar':
    case 'nchar':
      return `${name}(${maxLength === -1 ? 'max' : Math.floor(maxLength / 2)})`;
    case 'varchar':
    case 'char':
    case 'varbinary':
    case 'binary':
      return `${name}(${maxLength === -1 ? 'max' : maxLength})`;
    case 'decimal':
    case 'numeric':
      return `${name}(${precision},${scale})`;
    case 'datetime2':
    case 'datetimeoffset':
    case 'time':
      return `${name}(${scale})`;
    case 'float':
      // float is float(53) unless declared 1..24, which SQL Server stores as real.
      return precision === 53 ? 'float' : `float(${precision})`;
    default:
      return name;
  }
}
