using System.Net;
using k8s.Autorest;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace WindowsNodeOperator.Cluster;

/// <summary>
/// The Polly pipelines around every Kubernetes call: a timeout per attempt inside retries with decorrelated jitter on
/// 5xx, 429 and connection failures. Eviction's pipeline leaves 429 alone: there it means a PodDisruptionBudget said no.
/// </summary>
internal static class ClusterResilience
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);
    public const int MaxRetryAttempts = 4;

    public static ResiliencePipeline Create(TimeProvider time, bool forEviction)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && ShouldRetry(e, forEviction)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(8),
                MaxRetryAttempts = MaxRetryAttempts,
            })
            .AddTimeout(AttemptTimeout)
            .Build();
    }

    /// <summary>Whether a failed call is worth repeating: the server was overloaded, failed, or could not be reached.</summary>
    public static bool ShouldRetry(Exception exception, bool forEviction) => exception switch
    {
        HttpOperationException { Response.StatusCode: var code } => (int)code >= 500 || (code == HttpStatusCode.TooManyRequests && !forEviction),
        HttpRequestException or TimeoutRejectedException or IOException => true,
        _ => false,
    };
}
