/**
 * Modules the Lambda runtime provides, left out of every bundle: the nodejs22.x runtime ships
 * the AWS SDK for JavaScript v3 (every client, lib-dynamodb included) and its Smithy parts.
 * Bundling them would add about 740 KB to every function (the SDK was the largest part of the
 * redirect's bundle). The runtime's SDK version is AWS's, close to but not always the one in
 * package-lock.json; Sprida uses only long-stable operations (GetItem, Query, TransactWrite,
 * PutEvents, SendEmail, Encrypt/Decrypt, GetParameter).
 */
export const RUNTIME_PROVIDED = ["@aws-sdk/*", "@smithy/*"] as const;
