/**
 * The default region is in the EU; SPRIDA_REGION overrides it. Its own file, free of CDK, so the
 * operator's commands (`npm run admin -- … --stage`) read the same default as `sst deploy`.
 */
export const DEFAULT_REGION = "eu-north-1";
