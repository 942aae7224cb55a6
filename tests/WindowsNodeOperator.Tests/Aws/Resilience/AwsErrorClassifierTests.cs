using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Moq;
using Polly.Timeout;
using WindowsNodeOperator.Aws.Resilience;

namespace WindowsNodeOperator.Tests.Aws.Resilience;

public sealed class AwsErrorClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Throttling", HttpStatusCode.BadRequest)]
    [InlineData("ThrottlingException", HttpStatusCode.BadRequest)]
    [InlineData("RequestLimitExceeded", HttpStatusCode.ServiceUnavailable)]
    [InlineData("TooManyRequestsException", HttpStatusCode.BadRequest)]
    [InlineData("RequestThrottled", HttpStatusCode.BadRequest)]
    [InlineData(null, HttpStatusCode.TooManyRequests)]
    public void Throttling_is_recognised_and_proves_the_call_was_not_performed(string? code, HttpStatusCode status)
    {
        var error = Service(code, status);

        Assert.Equal(AwsErrorKind.Throttled, AwsErrorClassifier.Classify(error));
        Assert.True(AwsErrorClassifier.ProvesNotPerformed(error));
        Assert.Equal("throttled", AwsErrorClassifier.Outcome(error));
    }

    [Fact]
    public void Service_unavailable_is_transient_and_not_performed_while_internal_errors_are_unknown()
    {
        var unavailable = Service("ServiceUnavailable", HttpStatusCode.ServiceUnavailable);
        var internalError = Service("InternalError", HttpStatusCode.InternalServerError);

        Assert.Equal(AwsErrorKind.Transient, AwsErrorClassifier.Classify(unavailable));
        Assert.True(AwsErrorClassifier.ProvesNotPerformed(unavailable));
        Assert.Equal(AwsErrorKind.Transient, AwsErrorClassifier.Classify(internalError));
        Assert.False(AwsErrorClassifier.ProvesNotPerformed(internalError));
        Assert.Equal("InternalError", AwsErrorClassifier.Outcome(internalError));
    }

    [Fact]
    public void Timeouts_and_broken_connections_are_transient_but_only_a_refused_connection_proves_anything()
    {
        var timeout = new TimeoutRejectedException();
        var reset = new HttpRequestException("reset", new IOException("reset by peer"));
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused));

        Assert.All<Exception>([timeout, reset, refused], e => Assert.Equal(AwsErrorKind.Transient, AwsErrorClassifier.Classify(e)));
        Assert.False(AwsErrorClassifier.ProvesNotPerformed(timeout));
        Assert.False(AwsErrorClassifier.ProvesNotPerformed(reset));
        Assert.True(AwsErrorClassifier.ProvesNotPerformed(refused));
        Assert.Equal("timeout", AwsErrorClassifier.Outcome(timeout));
        Assert.Equal("connection", AwsErrorClassifier.Outcome(reset));
    }

    [Theory]
    [InlineData("UnauthorizedOperation", HttpStatusCode.Forbidden)]
    [InlineData("ParameterNotFound", HttpStatusCode.BadRequest)]
    [InlineData("InvalidLaunchTemplateId.NotFound", HttpStatusCode.BadRequest)]
    public void Client_errors_are_permanent(string code, HttpStatusCode status)
    {
        Assert.Equal(AwsErrorKind.Permanent, AwsErrorClassifier.Classify(Service(code, status)));
        Assert.Equal(AwsErrorKind.Permanent, AwsErrorClassifier.Classify(new OperationCanceledException()));
    }

    [Fact]
    public void Retry_after_comes_from_the_headers_in_seconds_dates_or_milliseconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), AwsErrorClassifier.RetryAfter(WithHeader("Retry-After", "3"), Now));
        Assert.Equal(TimeSpan.FromSeconds(90),
            AwsErrorClassifier.RetryAfter(WithHeader("Retry-After", Now.AddSeconds(90).ToString("R")), Now));
        Assert.Equal(TimeSpan.FromMilliseconds(250), AwsErrorClassifier.RetryAfter(WithHeader("x-amz-retry-after", "250"), Now));
        Assert.Null(AwsErrorClassifier.RetryAfter(Service("Throttling", HttpStatusCode.BadRequest), Now));
    }

    [Fact]
    public void Retry_after_from_exception_data_is_capped()
    {
        var error = Service("Throttling", HttpStatusCode.BadRequest);
        error.Data[AwsErrorClassifier.RetryAfterDataKey] = TimeSpan.FromHours(2);

        Assert.Equal(TimeSpan.FromMinutes(5), AwsErrorClassifier.RetryAfter(error, Now));
    }

    private static AmazonServiceException Service(string? code, HttpStatusCode status) =>
        new("error", ErrorType.Sender, code, "req-1", status);

    private static AmazonServiceException WithHeader(string name, string value)
    {
        var response = new Mock<IWebResponseData>();
        response.Setup(r => r.IsHeaderPresent(It.IsAny<string>())).Returns<string>(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        response.Setup(r => r.GetHeaderValue(It.IsAny<string>())).Returns<string>(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase) ? value : string.Empty);
        response.SetupGet(r => r.StatusCode).Returns(HttpStatusCode.TooManyRequests);
        return new AmazonServiceException("slow down", new HttpErrorResponseException(response.Object), ErrorType.Sender, "Throttling", "req-1", HttpStatusCode.TooManyRequests);
    }
}
