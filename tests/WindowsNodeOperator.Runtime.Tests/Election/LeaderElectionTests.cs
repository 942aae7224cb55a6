using k8s.LeaderElection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using WindowsNodeOperator.Runtime.Election;
using WindowsNodeOperator.Runtime.Hosting;
using WindowsNodeOperator.Runtime.Tests.Fakes;

namespace WindowsNodeOperator.Runtime.Tests.Election;

public sealed class LeaderElectionTests
{
    [Fact]
    public async Task Each_term_of_leadership_hands_out_a_token_cancelled_when_it_ends()
    {
        var elector = new FakeElector();
        using var state = new LeadershipState();
        using var service = new LeaderElectionService(elector, state, NullLogger<LeaderElectionService>.Instance);
        await service.StartAsync(CancellationToken.None);
        await elector.Running.Within();

        var waiting = state.WaitForLeadershipAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        Assert.False(state.IsLeader);

        elector.Start();
        var term = await waiting.Within();
        Assert.True(state.IsLeader);
        Assert.False(term.IsCancellationRequested);

        elector.Stop();
        Assert.True(term.IsCancellationRequested);
        Assert.False(state.IsLeader);
        var next = state.WaitForLeadershipAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);

        elector.Start();
        Assert.False((await next.Within()).IsCancellationRequested);

        await service.StopAsync(CancellationToken.None);
        Assert.False(state.IsLeader);
    }

    [Fact]
    public async Task A_failed_try_at_the_lease_is_logged_as_a_warning_with_its_cause()
    {
        var elector = new FakeElector();
        using var state = new LeadershipState();
        var logger = new RecordingLogger();
        using var service = new LeaderElectionService(elector, state, logger);
        await service.StartAsync(CancellationToken.None);
        await elector.Running.Within();

        var forbidden = new InvalidOperationException("leases \"op\" is forbidden");
        elector.Fail(new AggregateException(forbidden));
        await service.StopAsync(CancellationToken.None);

        var (level, exception) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Same(forbidden, exception);
        Assert.False(state.IsLeader);
    }

    [Fact]
    public async Task The_lease_elector_leads_once_the_lock_is_created_and_stops_when_renewal_fails()
    {
        var created = true;
        var leaseLock = new Mock<ILock>();
        leaseLock.SetupGet(l => l.Identity).Returns("me");
        leaseLock.Setup(l => l.GetAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new LeaderElectionRecord());
        leaseLock.Setup(l => l.CreateAsync(It.IsAny<LeaderElectionRecord>(), It.IsAny<CancellationToken>())).ReturnsAsync(() => Volatile.Read(ref created));
        using var elector = new LeaseElector(leaseLock.Object, new LeaderElectionOptions
        {
            LeaseName = "test",
            LeaseDuration = TimeSpan.FromMilliseconds(400),
            RenewDeadline = TimeSpan.FromMilliseconds(200),
            RetryPeriod = TimeSpan.FromMilliseconds(20),
        });
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        elector.StartedLeading += () => started.TrySetResult();
        elector.StoppedLeading += () => stopped.TrySetResult();
        using var cts = new CancellationTokenSource();

        var run = elector.RunAsync(cts.Token);
        await started.Task.Within();
        Volatile.Write(ref created, false);
        await stopped.Task.Within();
        await cts.CancelAsync();

        leaseLock.Verify(l => l.CreateAsync(It.Is<LeaderElectionRecord>(r => r.HolderIdentity == "me"), It.IsAny<CancellationToken>()), Times.AtLeastOnce());
        // Cancelled, the elector's loop ends: by an OperationCanceledException when a wait was cut short, or by returning
        // when it saw the token between two tries (which of the two depends on timing); it must not run on.
        var ended = await Record.ExceptionAsync(() => run.Within());
        Assert.True(ended is null or OperationCanceledException, $"the elector ended with {ended}");
    }

    [Fact]
    public void AddLeaderElection_replaces_single_instance_leadership_and_adds_the_election_service()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddControllerRuntime();
        services.AddLeaderElection(o =>
        {
            o.LeaseNamespace = "ops";
            o.LeaseName = "controller-lock";
            o.Identity = "pod-1";
        });
        services.AddSingleton<ILeaderElector>(new FakeElector());
        using var provider = services.BuildServiceProvider();

        Assert.IsType<LeadershipState>(provider.GetRequiredService<ILeadership>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is LeaderElectionService);
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddLeaderElection(o => o.LeaseName = string.Empty));
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddLeaderElection(o =>
        {
            o.LeaseName = "lock";
            o.RenewDeadline = o.LeaseDuration;
        }));
    }

    [Fact]
    public async Task Without_election_the_instance_always_leads()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddControllerRuntime();
        using var provider = services.BuildServiceProvider();
        var leadership = provider.GetRequiredService<ILeadership>();

        Assert.True(leadership.IsLeader);
        Assert.False((await leadership.WaitForLeadershipAsync(CancellationToken.None)).CanBeCanceled);
    }

    private sealed class RecordingLogger : ILogger<LeaderElectionService>
    {
        public List<(LogLevel Level, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, exception));
            }
        }
    }

    private sealed class FakeElector : ILeaderElector
    {
        private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public event Action? StartedLeading;

        public event Action? StoppedLeading;

        public event Action<string>? NewLeader;

        public event Action<Exception>? Failed;

        public Task Running => _running.Task;

        public void Start()
        {
            NewLeader?.Invoke("me");
            StartedLeading?.Invoke();
        }

        public void Stop() => StoppedLeading?.Invoke();

        public void Fail(Exception e) => Failed?.Invoke(e);

        public async Task RunAsync(CancellationToken ct)
        {
            _running.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }
    }
}
