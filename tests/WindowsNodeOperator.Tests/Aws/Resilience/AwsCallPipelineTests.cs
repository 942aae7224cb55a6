using System.Diagnostics.Metrics;
using System.Net;
using Amazon.Runtime;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;
using WindowsNodeOperator.Aws.Resilience;

namespace WindowsNodeOperator.Tests.Aws.Resilience;

public sealed class AwsCallPipelineTests
{
    private readonly TimerRecordingTimeProvider _time = new(new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    private readonly AwsCallMetrics _metrics = new();

    [Fact]
    public async Task Retries_throttling_with_growing_delays_until_success()
    {
        var pipeline = Pipeline(o => o.AttemptTimeout = Timeout.InfiniteTimeSpan);
        var attempts = 0;

        var call = pipeline.ExecuteAsync(AwsServices.Ec2, "DescribeInstances", safeToRepeat: true, _ =>
            ++attempts < 5 ? throw Throttled() : Task.FromResult("done"), CancellationToken.None);
        var waits = await _time.DriveAsync(call);

        Assert.Equal("done", await call);
        Assert.Equal(5, attempts);
        Assert.Equal(4, waits.Count);
        for (var i = 1; i < waits.Count; i++)
        {
            Assert.True(waits[i] > waits[i - 1], $"wait {i} ({waits[i]}) should exceed wait {i - 1} ({waits[i - 1]})");
        }

        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Gives_up_after_max_attempts_and_surfaces_the_error()
    {
        var pipeline = Pipeline(o =>
        {
            o.AttemptTimeout = Timeout.InfiniteTimeSpan;
            o.MaxAttempts = 3;
        });
        var attempts = 0;

        var call = pipeline.ExecuteAsync<string>(AwsServices.Ssm, "GetParameters", safeToRepeat: true, _ =>
        {
            attempts++;
            throw Throttled();
        }, CancellationToken.None);
        await _time.DriveAsync(call);

        var error = await Assert.ThrowsAsync<AmazonServiceException>(() => call);
        Assert.Equal("Throttling", error.ErrorCode);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Honours_retry_after()
    {
        var pipeline = Pipeline(o => o.AttemptTimeout = Timeout.InfiniteTimeSpan);
        var attempts = 0;

        var call = pipeline.ExecuteAsync(AwsServices.AutoScaling, "DescribeAutoScalingGroups", safeToRepeat: true, _ =>
        {
            if (++attempts == 1)
            {
                var throttled = Throttled();
                throttled.Data[AwsErrorClassifier.RetryAfterDataKey] = TimeSpan.FromSeconds(7);
                throw throttled;
            }

            return Task.FromResult(attempts);
        }, CancellationToken.None);
        var waits = await _time.DriveAsync(call);

        Assert.Equal(2, await call);
        Assert.Equal([TimeSpan.FromSeconds(7)], waits);
    }

    [Fact]
    public async Task Does_not_repeat_an_unsafe_call_after_a_timeout()
    {
        var pipeline = Pipeline();
        var attempts = 0;

        var call = pipeline.ExecuteAsync(AwsServices.Ec2, "CreateLaunchTemplateVersion", safeToRepeat: false, async ct =>
        {
            attempts++;
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return 0;
        }, CancellationToken.None);
        var waits = await _time.DriveAsync(call);

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => call);
        Assert.Equal(1, attempts);
        Assert.Equal([TimeSpan.FromSeconds(20)], waits);
    }

    [Fact]
    public async Task Repeats_a_safe_call_after_a_timeout()
    {
        var pipeline = Pipeline();
        var attempts = 0;

        var call = pipeline.ExecuteAsync(AwsServices.Ec2, "DescribeInstances", safeToRepeat: true, async ct =>
        {
            if (++attempts == 1)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }

            return attempts;
        }, CancellationToken.None);
        await _time.DriveAsync(call);

        Assert.Equal(2, await call);
    }

    [Fact]
    public async Task Repeats_an_unsafe_call_after_throttling_but_not_after_a_server_error()
    {
        var pipeline = Pipeline(o => o.AttemptTimeout = Timeout.InfiniteTimeSpan);
        var attempts = 0;
        var throttledFirst = pipeline.ExecuteAsync(AwsServices.Ec2, "CreateLaunchTemplateVersion", safeToRepeat: false, _ =>
            ++attempts == 1 ? throw Throttled() : Task.FromResult(attempts), CancellationToken.None);
        await _time.DriveAsync(throttledFirst);
        Assert.Equal(2, await throttledFirst);

        attempts = 0;
        var failedFirst = pipeline.ExecuteAsync<int>(AwsServices.Ec2, "CreateLaunchTemplateVersion", safeToRepeat: false, _ =>
        {
            attempts++;
            throw new AmazonServiceException("boom", ErrorType.Receiver, "InternalError", "req", HttpStatusCode.InternalServerError);
        }, CancellationToken.None);
        await _time.DriveAsync(failedFirst);
        await Assert.ThrowsAsync<AmazonServiceException>(() => failedFirst);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Does_not_retry_permanent_errors()
    {
        var pipeline = Pipeline(o => o.AttemptTimeout = Timeout.InfiniteTimeSpan);
        var attempts = 0;

        var call = pipeline.ExecuteAsync<int>(AwsServices.Ec2, "DescribeImages", safeToRepeat: true, _ =>
        {
            attempts++;
            throw new AmazonServiceException("no", ErrorType.Sender, "UnauthorizedOperation", "req", HttpStatusCode.Forbidden);
        }, CancellationToken.None);
        await _time.DriveAsync(call);

        await Assert.ThrowsAsync<AmazonServiceException>(() => call);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Spaces_calls_to_the_service_rate()
    {
        var pipeline = Pipeline(o =>
        {
            o.AttemptTimeout = Timeout.InfiniteTimeSpan;
            o.CallsPerSecond[AwsServices.Ec2] = 2;
        });
        var start = _time.GetUtcNow();
        var started = new List<TimeSpan>();

        var calls = Enumerable.Range(0, 4).Select(_ => pipeline.ExecuteAsync(AwsServices.Ec2, "DescribeInstances", true, _ =>
        {
            lock (started)
            {
                started.Add(_time.GetUtcNow() - start);
            }

            return Task.FromResult(0);
        }, CancellationToken.None)).ToList();
        await _time.DriveAsync(Task.WhenAll(calls));

        started.Sort();
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)], started);
    }

    [Fact]
    public async Task Counts_every_attempt_by_outcome()
    {
        var outcomes = new List<(string Operation, string Outcome)>();
        var durations = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == _metrics.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(t => t.Key, t => (string)t.Value!);
            Assert.Equal("aws.calls", instrument.Name);
            Assert.Equal(1, value);
            outcomes.Add((tagged["operation"], tagged["outcome"]));
        });
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
        {
            Assert.Equal("aws.call.duration", instrument.Name);
            durations++;
        });
        listener.Start();
        var pipeline = Pipeline(o => o.AttemptTimeout = Timeout.InfiniteTimeSpan);
        var attempts = 0;

        var call = pipeline.ExecuteAsync(AwsServices.Ssm, "GetParameters", true, _ =>
            ++attempts == 1 ? throw Throttled() : Task.FromResult(0), CancellationToken.None);
        await _time.DriveAsync(call);
        await call;
        var denied = pipeline.ExecuteAsync<int>(AwsServices.Ssm, "GetParameter", true, _ =>
            throw new AmazonServiceException("x", ErrorType.Sender, "ParameterNotFound", "req", HttpStatusCode.BadRequest),
            CancellationToken.None);
        await Assert.ThrowsAsync<AmazonServiceException>(() => denied);

        Assert.Equal([("GetParameters", "throttled"), ("GetParameters", "success"), ("GetParameter", "ParameterNotFound")], outcomes);
        Assert.Equal(3, durations);
    }

    private AwsCallPipeline Pipeline(Action<AwsResilienceOptions>? configure = null)
    {
        var options = new AwsResilienceOptions { Randomizer = () => 0.5, DefaultCallsPerSecond = 1000 };
        options.CallsPerSecond.Clear();
        configure?.Invoke(options);
        return new AwsCallPipeline(Options.Create(options), _time, _metrics);
    }

    private static AmazonServiceException Throttled() =>
        new("Rate exceeded", ErrorType.Sender, "Throttling", "req-1", HttpStatusCode.BadRequest);
}
