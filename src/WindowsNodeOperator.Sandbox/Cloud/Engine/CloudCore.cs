using WindowsNodeOperator.Sandbox.Cloud.Faults;
using WindowsNodeOperator.Sandbox.Cloud.Nodes;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

/// <summary>
/// The one place every simulated call goes through: take the lock, catch the account up to "now",
/// count the call, apply any fault, run it, settle the groups, then tell the node registry what booted or went away.
/// </summary>
internal sealed class CloudCore
{
    private const int MaxSettleRounds = 10_000;
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly ISimulatedNodeRegistry? _nodes;

    public CloudCore(TimeProvider time, SimulatedCloudOptions options, ISimulatedNodeRegistry? nodes)
    {
        _time = time;
        _nodes = nodes;
        State = new CloudState(options);
        Lifecycle = new InstanceLifecycle(State);
        Scaler = new GroupScaler(State, Lifecycle);
        Refreshes = new RefreshEngine(State, Lifecycle);
        Faults = new FaultInjector(options.Seed);
    }

    public CloudState State { get; }

    public InstanceLifecycle Lifecycle { get; }

    public GroupScaler Scaler { get; }

    public RefreshEngine Refreshes { get; }

    public FaultInjector Faults { get; }

    public CallCounter Calls { get; } = new();

    /// <summary>Runs a simulated API call named as IAM names it (<c>ec2:DescribeInstances</c>).</summary>
    public T Api<T>(string operation, Func<DateTimeOffset, T> body) => Run(operation, body);

    public void Api(string operation, Action<DateTimeOffset> body) => Run(operation, now =>
    {
        body(now);
        return true;
    });

    /// <summary>Runs a simulation control (seeding, scheduling, inspection): no count, no fault.</summary>
    public T Control<T>(Func<DateTimeOffset, T> body) => Run(null, body);

    public void Control(Action<DateTimeOffset> body) => Run(null, now =>
    {
        body(now);
        return true;
    });

    private T Run<T>(string? operation, Func<DateTimeOffset, T> body)
    {
        List<NodeNotice> outbox = [];
        FaultKind? fault = null;
        T result;
        try
        {
            lock (_lock)
            {
                try
                {
                    var now = CatchUp();
                    if (operation is not null)
                    {
                        Calls.RecordCall(operation);
                        fault = Faults.Draw(operation);
                        if (fault is { } early and not (FaultKind.Timeout or FaultKind.NoAnswer))
                        {
                            Calls.RecordFault(operation);
                            throw FaultInjector.ToException(operation, early);
                        }
                    }

                    result = body(now);
                    Settle(now);
                }
                finally
                {
                    outbox = [.. State.Outbox];
                    State.Outbox.Clear();
                }
            }
        }
        finally
        {
            // A call refused (a fault, a validation error) still lets what its catch-up did (an instance terminated) reach the nodes.
            Dispatch(outbox);
        }

        if (fault is FaultKind.Timeout or FaultKind.NoAnswer)
        {
            // The call took effect; only its response is lost.
            Calls.RecordFault(operation!);
            throw FaultInjector.ToException(operation!, fault.Value);
        }

        return result;
    }

    private DateTimeOffset CatchUp()
    {
        var now = _time.GetUtcNow();
        while (State.Agenda.TryTakeDue(now, out var at, out var work))
        {
            work(at);
            Settle(at);
        }

        return now;
    }

    private void Settle(DateTimeOffset at)
    {
        for (var round = 0; round < MaxSettleRounds; round++)
        {
            var changed = false;
            foreach (var group in State.Groups.Values)
            {
                if (group.ActiveRefresh is { } refresh)
                {
                    changed |= Refreshes.Step(group, refresh, at);
                }

                changed |= Scaler.Reconcile(group, at);
            }

            if (!changed)
            {
                return;
            }
        }

        throw new InvalidOperationException("The simulated account did not settle.");
    }

    private void Dispatch(List<NodeNotice> outbox)
    {
        if (_nodes is null)
        {
            return;
        }

        foreach (var notice in outbox)
        {
            if (notice.Booted)
            {
                _nodes.InstanceBooted(notice.Instance, notice.ImageName);
            }
            else
            {
                _nodes.InstanceTerminated(notice.Instance);
            }
        }
    }
}
