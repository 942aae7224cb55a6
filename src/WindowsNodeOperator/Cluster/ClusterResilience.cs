using System.Net;
using k8s.Autorest;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace WindowsNodeOperator.Cluster;

/// <summary>
/// The Polly pipelines around every Kubernetes call: a timeout per attempt inside retries with decorrelated jitter on
/// 5xx, 429 and connection failures, waiting what a 429's Retry-After asks (API priority and fairness sends one).
/// Eviction's pipeline leaves a PodDisruptionBudget's 429 alone: that is an answer, not a failure.
/// </summary>
internal static class ClusterResilience
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);
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
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is { } e ? RetryAfter(e) : null),
            })
            .AddTimeout(AttemptTimeout)
            .Build();
    }

    /// <summary>Whether a failed call is worth repeating: the server was overloaded, failed, or could not be reached.</summary>
    public static bool ShouldRetry(Exception exception, bool forEviction) => exception switch
    {
        HttpOperationException { Response.StatusCode: var code } e => (int)code >= 500
            || (code == HttpStatusCode.TooManyRequests && !(forEviction && EvictionRefusal.IsBudgetRefusal(ApiFailure.From(e)))),
        HttpRequestException or TimeoutRejectedException or IOException => true,
        _ => false,
    };

    /// <summary>The wait a 429 or 503 asks for in its Retry-After header, bounded by <see cref="MaxRetryAfter"/>; null when none.</summary>
    public static TimeSpan? RetryAfter(Exception exception)
    {
        if (exception is not HttpOperationException { Response: { } response }
            || response.Headers is null
            || !response.Headers.TryGetValue("Retry-After", out var values)
            || !int.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var after = TimeSpan.FromSeconds(seconds);
        return after < MaxRetryAfter ? after : MaxRetryAfter;
    }
}
