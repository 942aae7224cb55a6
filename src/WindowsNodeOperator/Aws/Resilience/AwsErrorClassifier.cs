using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Polly.Timeout;

namespace WindowsNodeOperator.Aws.Resilience;

/// <summary>
/// The one place that decides what an AWS error means: throttling, transient or permanent, whether it proves
/// the call was not performed, and how long the service asked us to wait.
/// </summary>
internal static class AwsErrorClassifier
{
    /// <summary>
    /// <see cref="Exception.Data"/> key under which a client that has no <see cref="HttpErrorResponseException"/>
    /// (our own Auto Scaling client) puts the server's Retry-After as a <see cref="TimeSpan"/>.
    /// </summary>
    public const string RetryAfterDataKey = "Retry-After";

    private static readonly TimeSpan LongestHonouredRetryAfter = TimeSpan.FromMinutes(5);

    // https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html lists the codes SDKs treat alike.
    private static readonly FrozenSet<string> ThrottlingCodes = FrozenSet.Create(StringComparer.Ordinal,
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "RequestThrottled",
        "TooManyRequestsException", "RequestLimitExceeded", "EC2ThrottledException", "SlowDown",
        "ProvisionedThroughputExceededException", "BandwidthLimitExceeded", "PriorRequestNotComplete");

    private static readonly FrozenSet<string> TransientCodes = FrozenSet.Create(StringComparer.Ordinal,
        "ServiceUnavailable", "Unavailable", "InternalFailure", "InternalError", "InternalServerError",
        "RequestTimeout", "RequestTimeoutException", "IDPCommunicationError");

    private static readonly FrozenSet<string> NotProcessedCodes = FrozenSet.Create(StringComparer.Ordinal,
        "ServiceUnavailable", "Unavailable");

    public static AwsErrorKind Classify(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AmazonServiceException service when IsThrottling(service):
                    return AwsErrorKind.Throttled;
                case AmazonServiceException service when IsTransientService(service):
                    return AwsErrorKind.Transient;
                case TimeoutRejectedException or TimeoutException or HttpRequestException or IOException or SocketException:
                    return AwsErrorKind.Transient;
                case OperationCanceledException when e.InnerException is TimeoutException:
                    // HttpClient's own timeout.
                    return AwsErrorKind.Transient;
            }
        }

        return AwsErrorKind.Permanent;
    }

    /// <summary>True when the error shows AWS refused the call before doing anything, so repeating it is safe.</summary>
    public static bool ProvesNotPerformed(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AmazonServiceException service when IsThrottling(service):
                    return true;
                case AmazonServiceException service when service.StatusCode == HttpStatusCode.ServiceUnavailable
                    || (service.ErrorCode is { } code && NotProcessedCodes.Contains(code)):
                    return true;
                case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }:
                    return true;
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The wait the service asked for (Retry-After seconds or date, or x-amz-retry-after milliseconds).</summary>
    public static TimeSpan? RetryAfter(Exception error, DateTimeOffset now)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            var wait = e.Data[RetryAfterDataKey] is TimeSpan fromData ? fromData : FromHeaders(e, now);
            if (wait is { } found)
            {
                return found < TimeSpan.Zero ? TimeSpan.Zero : found > LongestHonouredRetryAfter ? LongestHonouredRetryAfter : found;
            }
        }

        return null;
    }

    /// <summary>The <c>outcome</c> tag of the <c>aws.calls</c> metric.</summary>
    public static string Outcome(Exception error)
    {
        if (Classify(error) == AwsErrorKind.Throttled)
        {
            return "throttled";
        }

        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TimeoutRejectedException or TimeoutException:
                    return "timeout";
                case AmazonServiceException { ErrorCode: { Length: > 0 } code }:
                    return code;
                case AmazonServiceException { StatusCode: > 0 } service:
                    return "http_" + ((int)service.StatusCode).ToString(CultureInfo.InvariantCulture);
                case HttpRequestException or IOException or SocketException:
                    return "connection";
                case OperationCanceledException:
                    return "canceled";
            }
        }

        return "error";
    }

    private static bool IsThrottling(AmazonServiceException e) =>
        e.StatusCode == HttpStatusCode.TooManyRequests || (e.ErrorCode is { } code && ThrottlingCodes.Contains(code));

    private static bool IsTransientService(AmazonServiceException e) =>
        (int)e.StatusCode >= 500 || (e.ErrorCode is { } code && TransientCodes.Contains(code));

    private static TimeSpan? FromHeaders(Exception e, DateTimeOffset now)
    {
        if (e is not HttpErrorResponseException { Response: { } response })
        {
            return null;
        }

        if (response.IsHeaderPresent("x-amz-retry-after")
            && long.TryParse(response.GetHeaderValue("x-amz-retry-after"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (!response.IsHeaderPresent("Retry-After"))
        {
            return null;
        }

        var value = response.GetHeaderValue("Retry-After");
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at - now
            : null;
    }
}
