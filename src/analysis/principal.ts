// Who made a call: the principal key every analysis uses, as SQL both DuckDB and Athena run.

/**
 * The record's userIdentity.arn (for an assumed role, the session ARN); for IAM Identity Center callers
 * without an ARN, the person behind `onBehalfOf`; otherwise the principal id, the invoking service, the type.
 */
export const principalSql = (t: string): string =>
  `coalesce(${t}.useridentity.arn,
    CASE WHEN ${t}.useridentity.onbehalfof.userid IS NOT NULL
         THEN concat('arn:aws:identitystore:::user/', ${t}.useridentity.onbehalfof.userid) END,
    ${t}.useridentity.principalid, ${t}.useridentity.invokedby, ${t}.useridentity.type)`;

/** The person a call was made for: the IAM Identity Center user in `onBehalfOf`. */
export const personSql = (t: string): string => `${t}.useridentity.onbehalfof.userid`;
