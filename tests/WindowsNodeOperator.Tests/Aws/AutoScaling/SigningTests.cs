using System.Globalization;
using System.Text.RegularExpressions;
using Amazon;
using Amazon.Runtime;
using WindowsNodeOperator.Aws.AutoScaling;
using WindowsNodeOperator.Aws.Resilience;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

public sealed partial class SigningTests
{
    [Fact]
    public async Task Requests_carry_a_sigv4_authorization_for_autoscaling_in_the_region()
    {
        using var harness = new AutoScalingHarness(request => RecordingHandler.Xml(Samples.Hooks()));

        await harness.Adapter.DescribeLifecycleHooksAsync("eks-windows-a", CancellationToken.None);

        var request = Assert.Single(harness.Requests);
        var amzDate = request.Headers["x-amz-date"];
        Assert.True(DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), amzDate);
        var authorization = Authorization().Match(request.Headers["Authorization"]);
        Assert.True(authorization.Success, request.Headers["Authorization"]);
        Assert.Equal(amzDate[..8], authorization.Groups["date"].Value);
        Assert.Contains("host", authorization.Groups["signed"].Value.Split(';'));
        Assert.Contains("x-amz-date", authorization.Groups["signed"].Value.Split(';'));
    }

    [Fact]
    public async Task Posts_a_form_encoded_query_to_the_endpoint()
    {
        using var harness = new AutoScalingHarness(request => RecordingHandler.Xml(Samples.Hooks()));

        await harness.Adapter.DescribeLifecycleHooksAsync("eks windows/a", CancellationToken.None);

        var request = Assert.Single(harness.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("https://autoscaling.eu-west-1.amazonaws.com"), request.Uri);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.ContentType);
        Assert.Equal(
            [new("Action", "DescribeLifecycleHooks"), new("Version", "2011-01-01"), new("AutoScalingGroupName", "eks windows/a")],
            request.Form);
    }

    [Fact]
    public async Task A_session_token_is_signed_along()
    {
        var handler = new RecordingHandler(_ => RecordingHandler.Xml(Samples.Hooks()));
        using var http = AutoScalingClientFactory.CreateHttpClient(
            new SessionAWSCredentials("ASIAEXAMPLE", "secret", "FwoGZXIvYXdzEXAMPLE"), RegionEndpoint.USEast2, handler);
        var client = new AutoScalingQueryClient(http, new Uri("https://autoscaling.us-east-2.amazonaws.com"));

        await client.SendAsync(AutoScalingRequests.DescribeLifecycleHooks("g"), CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("FwoGZXIvYXdzEXAMPLE", request.Headers["X-Amz-Security-Token"]);
        Assert.Contains("/us-east-2/autoscaling/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_attempt_of_a_retry_goes_through_the_signer_again()
    {
        var attempts = 0;
        var handler = new RecordingHandler(_ => ++attempts == 1
            ? RecordingHandler.Xml(Samples.Error("Sender", "Throttling", "Rate exceeded"), System.Net.HttpStatusCode.BadRequest)
            : RecordingHandler.Xml(Samples.Hooks()));
        using var http = AutoScalingClientFactory.CreateHttpClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), RegionEndpoint.EUWest1, handler);
        var adapter = new AutoScalingAdapter(new AutoScalingQueryClient(http, new Uri("https://autoscaling.eu-west-1.amazonaws.com")), new RetryOncePipeline());

        var hooks = await adapter.DescribeLifecycleHooksAsync("eks-windows-a", CancellationToken.None);

        Assert.Empty(hooks);
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", r.Headers["Authorization"], StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/(?<date>\d{8})/eu-west-1/autoscaling/aws4_request, SignedHeaders=(?<signed>[a-z0-9;-]+), Signature=[0-9a-f]{64}$")]
    private static partial Regex Authorization();

    private sealed class RetryOncePipeline : IAwsCallPipeline
    {
        public async Task<T> ExecuteAsync<T>(string service, string operation, bool safeToRepeat, Func<CancellationToken, Task<T>> call, CancellationToken ct)
        {
            try
            {
                return await call(ct);
            }
            catch (AmazonServiceException e) when (e.ErrorCode == "Throttling" && safeToRepeat)
            {
                return await call(ct);
            }
        }
    }
}
