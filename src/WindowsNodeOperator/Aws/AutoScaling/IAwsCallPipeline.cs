namespace WindowsNodeOperator.Aws.AutoScaling;

/// <summary>
/// Runs one AWS call with retries, timeouts and metrics; <paramref name="safeToRepeat"/> says
/// whether a retry after an unclear failure may perform the call twice.
/// </summary>
internal interface IAwsCallPipeline
{
    Task<T> ExecuteAsync<T>(string service, string operation, bool safeToRepeat, Func<CancellationToken, Task<T>> call, CancellationToken ct);
}
