using System.Net;
using System.Net.Http.Headers;
using Amazon;
using Amazon.Runtime;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Aws.AutoScaling;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Tests.Aws.Resilience;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

/// <summary>The adapter through the shared resilience pipeline: what is retried, how long it waits, and that each attempt is signed.</summary>
public sealed class PipelineIntegrationTests : IDisposable
{
    private readonly TimerRecordingTimeProvider _time = new(new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    private readonly Queue<Func<HttpResponseMessage>> _answers = new();
    private readonly RecordingHandler _handler;
    private readonly HttpClient _http;
    private readonly AutoScalingAdapter _adapter;

    public PipelineIntegrationTests()
    {
        _handler = new RecordingHandler(_ => _answers.Dequeue()());
        _http = AutoScalingClientFactory.CreateHttpClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), RegionEndpoint.EUWest1, _handler);
        var options = new AwsResilienceOptions { Randomizer = () => 0.5, DefaultCallsPerSecond = 1000, AttemptTimeout = Timeout.InfiniteTimeSpan };
        options.CallsPerSecond.Clear();
        var pipeline = new AwsCallPipeline(Options.Create(options), _time, new AwsCallMetrics());
        _adapter = new AutoScalingAdapter(new AutoScalingQueryClient(_http, new Uri("https://autoscaling.eu-west-1.amazonaws.com"), _time), pipeline);
    }

    [Fact]
    public async Task Waits_as_long_as_retry_after_asks_and_signs_the_retry_afresh()
    {
        Answer(Samples.Error("Sender", "Throttling", "Rate exceeded"), HttpStatusCode.BadRequest, retryAfterSeconds: 3);
        Answer(Samples.Hooks(Samples.HookWithNotification));

        var call = _adapter.DescribeLifecycleHooksAsync("eks-windows-a", CancellationToken.None);
        var waits = await _time.DriveAsync(call);

        Assert.Equal("drain", Assert.Single(await call).Name);
        Assert.Equal([TimeSpan.FromSeconds(3)], waits);
        Assert.Equal(2, _handler.Requests.Count);
        // The signer reads the real clock, not the test's; what matters is that the retry passed through it again.
        Assert.All(_handler.Requests, r => Assert.StartsWith("AWS4-HMAC-SHA256 ", r.Headers["Authorization"], StringComparison.Ordinal));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 3, TimeSpan.Zero), _time.GetUtcNow());
    }

    [Fact]
    public async Task Does_not_repeat_a_refresh_start_after_an_unclear_server_error()
    {
        Answer(Samples.Error("Receiver", "InternalFailure", "We encountered an internal error."), HttpStatusCode.InternalServerError);

        var call = _adapter.StartInstanceRefreshAsync(ModelConformanceTests.FullRefresh(), CancellationToken.None);
        await _time.DriveAsync(call);

        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => call);
        Assert.Equal("InternalFailure", error.ErrorCode);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task Repeats_a_refresh_start_that_was_throttled_or_refused_with_503()
    {
        Answer(Samples.Error("Sender", "Throttling", "Rate exceeded"), HttpStatusCode.BadRequest);
        Answer("<html>Service Unavailable</html>", HttpStatusCode.ServiceUnavailable);
        Answer(Samples.StartInstanceRefresh);

        var call = _adapter.StartInstanceRefreshAsync(ModelConformanceTests.FullRefresh(), CancellationToken.None);
        await _time.DriveAsync(call);

        Assert.Equal("08b91cf7-8fa6-48af-b6a6-d227f40f1b9b", (await call).RefreshId);
        Assert.Equal(3, _handler.Requests.Count);
    }

    [Fact]
    public async Task Repeats_a_describe_after_a_server_error()
    {
        Answer(Samples.Error("Receiver", "InternalFailure", "We encountered an internal error."), HttpStatusCode.InternalServerError);
        Answer(Samples.Refreshes(null, Samples.RefreshInProgress));

        var call = _adapter.DescribeInstanceRefreshesAsync("eks-windows-a", [], CancellationToken.None);
        await _time.DriveAsync(call);

        Assert.Equal(InstanceRefreshStatus.InProgress, Assert.Single(await call).Status);
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task A_running_refresh_is_an_answer_at_once_not_something_to_retry()
    {
        Answer(Samples.Error("Sender", "InstanceRefreshInProgress", "An Instance Refresh is already in progress."), HttpStatusCode.BadRequest);

        var call = _adapter.StartInstanceRefreshAsync(ModelConformanceTests.FullRefresh(), CancellationToken.None);
        var waits = await _time.DriveAsync(call);

        Assert.Equal(RefreshStartOutcome.AlreadyRunning, (await call).Outcome);
        Assert.Empty(waits);
        Assert.Single(_handler.Requests);
    }

    public void Dispose() => _http.Dispose();

    private void Answer(string body, HttpStatusCode status = HttpStatusCode.OK, int? retryAfterSeconds = null) =>
        _answers.Enqueue(() =>
        {
            var response = RecordingHandler.Xml(body, status);
            if (retryAfterSeconds is { } seconds)
            {
                response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
            }

            return response;
        });
}
