// Imported first by every CLI entrypoint. Node 20 is this project's local runtime by choice;
// the AWS SDK's notice that future releases need Node 22 is known and only noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
