using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Runtime.Election;
using WindowsNodeOperator.Runtime.Hosting;
using WindowsNodeOperator.Runtime.Reconciliation;
using WindowsNodeOperator.Runtime.Tests.Fakes;
using WindowsNodeOperator.Runtime.Watching;
using static WindowsNodeOperator.Runtime.Tests.Fakes.Objects;

namespace WindowsNodeOperator.Runtime.Tests.Controllers;

public sealed class ControllerTests : IAsyncDisposable
{
    private static readonly ResourceType Nodes = new(string.Empty, "v1", "nodes", "Node", Namespaced: false);
    private static readonly ObjectKey A = new(null, "a");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeApiServer _server = new();
    private readonly WatchStream _watch = new();
    private readonly ReconcileScript _script;
    private int _lists;
    private ServiceProvider? _provider;
    private IHostedService? _controller;

    public ControllerTests()
    {
        _script = new ReconcileScript(_time);
        _server.Responder = request =>
        {
            if (request.IsWatch)
            {
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(_watch) };
            }

            Interlocked.Increment(ref _lists);
            return FakeApiServer.Json(HttpStatusCode.OK, NodeList("1", Node("a", "1")));
        };
    }

    [Fact]
    public async Task An_exception_requeues_the_key_with_growing_backoff()
    {
        _script.Then(() => throw new InvalidOperationException("boom")).Then(() => throw new InvalidOperationException("boom"));
        await StartAsync();

        var first = await NextCall();
        var second = await _time.AdvanceUntilAsync(NextCall(), TimeSpan.FromMilliseconds(1));
        var third = await _time.AdvanceUntilAsync(NextCall(), TimeSpan.FromMilliseconds(1));

        Assert.Equal(A, second.Key);
        Assert.True(second.At - first.At >= TimeSpan.FromMilliseconds(5));
        Assert.True(third.At - second.At >= TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public async Task A_terminal_exception_is_not_retried_until_the_object_changes()
    {
        _script.Then(() => throw new TerminalReconcileException("spec.maxAge must be positive"));
        await StartAsync();
        Assert.Equal(A, (await NextCall()).Key);

        // A requeue would be promoted during this advance, ahead of the change to "b" below.
        _time.Advance(TimeSpan.FromHours(1));
        _watch.Send("ADDED", Node("b", "2"));
        Assert.Equal(new ObjectKey(null, "b"), (await NextCall()).Key);

        _watch.Send("MODIFIED", Node("a", "3"));
        Assert.Equal(A, (await NextCall()).Key);
    }

    [Fact]
    public async Task RequeueAfter_runs_the_key_again_at_that_time()
    {
        _script.Then(() => ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(10)));
        await StartAsync();

        var first = await NextCall();

        // The requeue is queued just after the reconcile returns: let it be, before the clock moves.
        var activity = _provider!.GetRequiredService<WindowsNodeOperator.Runtime.Diagnostics.ControllerActivity>();
        Assert.True(SpinWait.SpinUntil(() => activity.NextDue is not null, TimeSpan.FromSeconds(10)), "no requeue was queued");
        var second = await _time.AdvanceUntilAsync(NextCall(), TimeSpan.FromMinutes(1));

        Assert.Equal(A, second.Key);
        Assert.Equal(TimeSpan.FromMinutes(10), second.At - first.At);
    }

    [Fact]
    public async Task The_reconciler_reads_the_cache_the_watcher_filled()
    {
        await StartAsync();
        await NextCall();

        var cache = _provider!.GetRequiredService<IResourceCache<V1Node>>();

        Assert.True(cache.IsSynced);
        Assert.True(cache.TryGet(A, out _));
    }

    [Fact]
    public async Task Controllers_run_only_while_leading()
    {
        var leadership = new LeadershipState();
        await StartAsync(services => services.AddSingleton<ILeadership>(leadership));
        Assert.Equal(0, Volatile.Read(ref _lists));

        leadership.Started();
        Assert.Equal(A, (await NextCall()).Key);
        Assert.Equal(1, Volatile.Read(ref _lists));

        leadership.Stopped();
        leadership.Started();
        Assert.Equal(A, (await NextCall()).Key);
        Assert.Equal(2, Volatile.Read(ref _lists));
        leadership.Dispose();
    }

    [Fact]
    public void Registering_the_same_kind_twice_is_refused()
    {
        var services = new ServiceCollection();
        services.AddController<V1Node, ScriptedReconciler>(Nodes);

        Assert.Throws<InvalidOperationException>(() => services.AddController<V1Node, ScriptedReconciler>(Nodes));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddController<V1Node, ScriptedReconciler>(Nodes, o => o.Workers = 0));
    }

    public async ValueTask DisposeAsync()
    {
        if (_controller is not null)
        {
            await _controller.StopAsync(CancellationToken.None).Within();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        _server.Dispose();
    }

    private async Task StartAsync(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IKubernetes>(_server.CreateClient());
        services.AddSingleton(_script);
        services.AddController<V1Node, ScriptedReconciler>(Nodes, o => o.ResyncPeriod = null);
        configure?.Invoke(services);
        _provider = services.BuildServiceProvider();
        _controller = _provider.GetServices<IHostedService>().Single();
        await _controller.StartAsync(CancellationToken.None);
    }

    private async Task<(ObjectKey Key, DateTimeOffset At)> NextCall() => await _script.Calls.Reader.ReadAsync().AsTask().Within();
}
