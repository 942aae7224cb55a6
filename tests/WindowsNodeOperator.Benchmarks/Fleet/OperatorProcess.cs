using System.Text.RegularExpressions;

namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>
/// The operator's own `run` as a process of its own (<c>dotnet WindowsNodeOperator.dll run</c>), pointed at a sandbox by a
/// kubeconfig and the AWS endpoint settings, as in a cluster; its output kept, killed on dispose.
/// </summary>
internal sealed partial class OperatorProcess(ChildProcess process) : IDisposable
{
    public int Id => process.Id;

    public string Output => process.Output;

    public static OperatorProcess Start(string kubeconfig, Uri awsEndpoint, string region, string clusterName)
    {
        ArgumentNullException.ThrowIfNull(awsEndpoint);

        // What the sandbox's --aws-env file exports: any AWS client reaches the simulated account with throwaway keys.
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AWS_ENDPOINT_URL"] = awsEndpoint.ToString().TrimEnd('/'),
            ["AWS_REGION"] = region,
            ["AWS_DEFAULT_REGION"] = region,
            ["AWS_ACCESS_KEY_ID"] = "AKIASANDBOXEXAMPLE00",
            ["AWS_SECRET_ACCESS_KEY"] = "sandbox-secret-not-a-real-key",
            ["AWS_PROFILE"] = null,
            ["AWS_SESSION_TOKEN"] = null,
            ["WNO_Operator__LeaseNamespace"] = "kube-system",
            ["WNO_Operator__ClusterName"] = clusterName,
        };
        return new OperatorProcess(ChildProcess.Start(
            "WindowsNodeOperator.dll",
            ["run", "--kubeconfig", kubeconfig, "--metrics-bind-address", "127.0.0.1:0", "--health-probe-bind-address", "127.0.0.1:0"],
            environment));
    }

    /// <summary>Where `run` serves /metrics, from the line it logs at start.</summary>
    public async Task<Uri> MetricsAsync(TimeSpan within)
    {
        var line = await process.WaitForLineAsync("Serving metrics at ", within).ConfigureAwait(false);
        return new Uri(ServingMetrics().Match(line).Groups[1].Value);
    }

    public void Dispose() => process.Dispose();

    [GeneratedRegex(@"Serving metrics at (http\S+?/metrics)")]
    private static partial Regex ServingMetrics();
}
