using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace WindowsNodeOperator.Aws.Resilience;

/// <summary>
/// Polly pipelines for AWS calls: retries with exponential backoff and decorrelated jitter (or the server's
/// Retry-After) around a rate-limited, timed attempt.
/// </summary>
internal sealed class AwsCallPipeline : IAwsCallPipeline
{
    private readonly AwsResilienceOptions _options;
    private readonly TimeProvider _time;
    private readonly AwsCallMetrics _metrics;
    private readonly ResiliencePipeline _retrySafe;
    private readonly ResiliencePipeline _retryUnsafe;
    private readonly ResiliencePipeline _attemptTimeout;
    private readonly ConcurrentDictionary<string, AwsRateLimiter> _limiters = new(StringComparer.Ordinal);

    public AwsCallPipeline(IOptions<AwsResilienceOptions> options, TimeProvider time, AwsCallMetrics metrics)
    {
        _options = options.Value;
        _options.Validate();
        _time = time;
        _metrics = metrics;
        _retrySafe = BuildRetry(safeToRepeat: true);
        _retryUnsafe = BuildRetry(safeToRepeat: false);
        var timeout = new ResiliencePipelineBuilder { TimeProvider = time };
        if (_options.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            timeout.AddTimeout(_options.AttemptTimeout);
        }

        _attemptTimeout = timeout.Build();
    }

    public async Task<T> ExecuteAsync<T>(
        string service, string operation, bool safeToRepeat, Func<CancellationToken, Task<T>> attempt, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentNullException.ThrowIfNull(attempt);
        var limiter = _limiters.GetOrAdd(service, name => new AwsRateLimiter(_options.RateFor(name), _time));
        var retry = safeToRepeat ? _retrySafe : _retryUnsafe;
        return await retry.ExecuteAsync(
            async token =>
            {
                // The wait for a token is not part of the attempt's timeout.
                await limiter.AcquireAsync(token);
                var started = _time.GetTimestamp();
                try
                {
                    var result = await _attemptTimeout.ExecuteAsync(async inner => await attempt(inner), token);
                    _metrics.Record(service, operation, "success", _time.GetElapsedTime(started));
                    return result;
                }
                catch (Exception e) when (IsUnreadable(e))
                {
                    // An answer that cannot be read fails the call: nothing of it is used, whatever was read before the fault.
                    _metrics.Record(service, operation, "malformed", _time.GetElapsedTime(started));
                    throw new AwsAnswerMalformedException(service, operation, e);
                }
                catch (Exception e)
                {
                    _metrics.Record(service, operation, AwsErrorClassifier.Outcome(e), _time.GetElapsedTime(started));
                    throw;
                }
            },
            ct);
    }

    private ResiliencePipeline BuildRetry(bool safeToRepeat)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time };
        if (_options.MaxAttempts > 1)
        {
            var retry = new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.BaseDelay,
                MaxDelay = _options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && ShouldRetry(e, safeToRepeat, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e ? AwsErrorClassifier.RetryAfter(e, _time.GetUtcNow()) : null),
            };
            if (_options.Randomizer is { } randomizer)
            {
                retry.Randomizer = randomizer;
            }

            builder.AddRetry(retry);
        }

        return builder.Build();
    }

    /// <summary>
    /// What the parsers throw on an answer they cannot read: XML or JSON cut short or broken, a result element or a number
    /// not where the model puts it (our Auto Scaling reader's <see cref="FormatException"/>), the SDK's unmarshalling error.
    /// </summary>
    private static bool IsUnreadable(Exception e) =>
        e is System.Xml.XmlException or System.Text.Json.JsonException or FormatException or Amazon.Runtime.AmazonUnmarshallingException
        || e.InnerException is System.Xml.XmlException or System.Text.Json.JsonException;

    private static bool ShouldRetry(Exception error, bool safeToRepeat, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return false;
        }

        return AwsErrorClassifier.Classify(error) switch
        {
            AwsErrorKind.Throttled => true,
            AwsErrorKind.Transient => safeToRepeat || AwsErrorClassifier.ProvesNotPerformed(error),
            _ => false,
        };
    }
}
