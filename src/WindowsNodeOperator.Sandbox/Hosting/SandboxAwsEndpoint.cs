using Amazon.Runtime;

namespace WindowsNodeOperator.Sandbox.Hosting;

/// <summary>
/// Where the sandbox's simulated AWS account answers, with throwaway credentials (signatures are read, never checked):
/// what the operator, the AWS CLI or boto3 need to be pointed at it through the standard endpoint settings.
/// </summary>
/// <param name="ClusterName">The simulated cluster's name, exported for `run` as <c>WNO_Operator__ClusterName</c> when given.</param>
internal sealed record SandboxAwsEndpoint(Uri Url, string Region, string? ClusterName = null)
{
    public const string AccessKeyId = "AKIASANDBOXEXAMPLE00";
    public const string SecretAccessKey = "sandbox-secret-not-a-real-key";

    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials(AccessKeyId, SecretAccessKey);

    /// <summary>
    /// Shell lines to <c>source</c>: the SDKs' and the CLI's own variables, so any AWS client reaches the sandbox; and the
    /// cluster's name, the one setting `run` needs besides them.
    /// </summary>
    public IEnumerable<string> ExportLines() =>
    [
        .. ClusterName is null ? Array.Empty<string>() : [$"export WNO_Operator__ClusterName={ClusterName}"],
        $"export AWS_ENDPOINT_URL={Url.ToString().TrimEnd('/')}",
        $"export AWS_REGION={Region}",
        $"export AWS_DEFAULT_REGION={Region}",
        $"export AWS_ACCESS_KEY_ID={AccessKeyId}",
        $"export AWS_SECRET_ACCESS_KEY={SecretAccessKey}",
        "unset AWS_PROFILE AWS_SESSION_TOKEN",
    ];
}
