namespace WindowsNodeOperator.Aws.Resilience;

/// <summary>
/// Runs one AWS call under the service's rate limit, a per-attempt timeout and retries for throttling and
/// transient errors, and records it in the <c>WindowsNodeOperator.Aws</c> metrics.
/// </summary>
public interface IAwsCallPipeline
{
    /// <param name="service">One of <see cref="AwsServices"/>; selects the rate limit.</param>
    /// <param name="operation">The API action, e.g. <c>DescribeInstances</c>, for metrics.</param>
    /// <param name="safeToRepeat">
    /// False for calls that change something and carry no idempotency token: they are retried only when the
    /// error proves AWS did not perform them (throttling, 503 before processing), never after a timeout.
    /// </param>
    Task<T> ExecuteAsync<T>(
        string service, string operation, bool safeToRepeat, Func<CancellationToken, Task<T>> attempt, CancellationToken ct);
}
