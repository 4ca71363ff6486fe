// The case database's tables. `cloudtrail` has the columns and types of the Athena CloudTrail table
// that AWS documents ("Create a table for CloudTrail logs in Athena using manual partitioning"), so a
// query written against it runs unchanged on Athena. Columns prefixed `_` are qir's own additions.

/** Athena's documented columns, in DDL order, as DuckDB types. */
export const ATHENA_COLUMNS: ReadonlyArray<readonly [name: string, type: string]> = [
  ['eventversion', 'VARCHAR'],
  [
    'useridentity',
    `STRUCT(
      type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, invokedby VARCHAR,
      accesskeyid VARCHAR, username VARCHAR,
      onbehalfof STRUCT(userid VARCHAR, identitystorearn VARCHAR),
      sessioncontext STRUCT(
        attributes STRUCT(mfaauthenticated VARCHAR, creationdate VARCHAR),
        sessionissuer STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, username VARCHAR),
        ec2roledelivery VARCHAR,
        webidfederationdata STRUCT(federatedprovider VARCHAR, attributes MAP(VARCHAR, VARCHAR))
      )
    )`,
  ],
  ['eventtime', 'VARCHAR'],
  ['eventsource', 'VARCHAR'],
  ['eventname', 'VARCHAR'],
  ['awsregion', 'VARCHAR'],
  ['sourceipaddress', 'VARCHAR'],
  ['useragent', 'VARCHAR'],
  ['errorcode', 'VARCHAR'],
  ['errormessage', 'VARCHAR'],
  ['requestparameters', 'VARCHAR'],
  ['responseelements', 'VARCHAR'],
  ['additionaleventdata', 'VARCHAR'],
  ['requestid', 'VARCHAR'],
  ['eventid', 'VARCHAR'],
  ['resources', 'STRUCT(arn VARCHAR, accountid VARCHAR, type VARCHAR)[]'],
  ['eventtype', 'VARCHAR'],
  ['apiversion', 'VARCHAR'],
  ['readonly', 'VARCHAR'],
  ['recipientaccountid', 'VARCHAR'],
  ['serviceeventdetails', 'VARCHAR'],
  ['sharedeventid', 'VARCHAR'],
  ['vpcendpointid', 'VARCHAR'],
  ['vpcendpointaccountid', 'VARCHAR'],
  ['eventcategory', 'VARCHAR'],
  ['addendum', 'STRUCT(reason VARCHAR, updatedfields VARCHAR, originalrequestid VARCHAR, originaleventid VARCHAR)'],
  ['sessioncredentialfromconsole', 'VARCHAR'],
  ['edgedevicedetails', 'VARCHAR'],
  ['tlsdetails', 'STRUCT(tlsversion VARCHAR, ciphersuite VARCHAR, clientprovidedhostheader VARCHAR)'],
];

/**
 * qir's additions:
 * - `_extra`: JSON object of every field the documented columns do not hold, keyed by its path in the
 *   record, so the record can be rebuilt field for field;
 * - `_ts`: eventtime as a TIMESTAMP (UTC) for fast range filters;
 * - `_hash`: 128-bit hash of the record's canonical JSON (keys sorted, time normalised), the
 *   de-duplication key;
 * - `_evidence`: SHA-256 of the file the record was first stored from, and `_position` inside it.
 */
export const QIR_COLUMNS: ReadonlyArray<readonly [name: string, type: string]> = [
  ['_extra', 'VARCHAR'],
  ['_ts', 'TIMESTAMP'],
  ['_hash', 'UUID'],
  ['_evidence', 'VARCHAR'],
  ['_position', 'VARCHAR'],
];

export const CLOUDTRAIL_COLUMNS = [...ATHENA_COLUMNS, ...QIR_COLUMNS];

const columnList = (cols: ReadonlyArray<readonly [string, string]>) =>
  cols.map(([n, t]) => `  ${n} ${t.replace(/\s+/g, ' ')}`).join(',\n');

export const CLOUDTRAIL_DDL = `CREATE TABLE IF NOT EXISTS cloudtrail (\n${columnList(CLOUDTRAIL_COLUMNS)}\n)`;
