using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WindowsNodeOperator.Sandbox.Controllers.Kubelet;
using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Controllers.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Scheduling;
using WindowsNodeOperator.Sandbox.Controllers.Workloads;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox.Controllers;

/// <summary>
/// The controllers that make the sandbox API server behave like a cluster: node lifecycle, pod GC, Deployment,
/// ReplicaSet, StatefulSet and DaemonSet controllers, the scheduler and the kubelets (starting pods and stopping them). <see cref="Step"/> runs them
/// until nothing more is due at the clock's "now"; <see cref="Start"/> steps them from a timer and on every change.
/// The kubelets' heartbeats are written by the same steps but kept apart: they count in <see cref="HeartbeatWrites"/>,
/// not in what <see cref="Step"/> returns, and wake no controller.
/// </summary>
public sealed partial class SandboxControllers : ISimulatedNodeLifecycle, IDisposable
{
    private const int MaxPasses = 25;

    // Leases, events and custom resources change often (leader election, the operator's status) and concern no controller here.
    private static readonly HashSet<string> WatchedKinds = new(StringComparer.Ordinal)
    {
        "Node", "Pod", "ReplicaSet", "StatefulSet", "DaemonSet", "Deployment",
    };

    private readonly ISandboxStore _store;
    private readonly TimeProvider _time;
    private readonly SandboxControllerOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly NodeLifecycleController _nodes;
    private readonly NodeRegistration _registration;
    private readonly SimulatedKubelet _kubelet;
    private readonly PodTerminations _terminations;
    private readonly IReadOnlyList<ISandboxController> _controllers;
    private readonly NodeHeartbeats _heartbeats;
    private readonly PodSandboxFaults _sandboxFaults;
    private readonly TerminatedWithPods _terminatedWithPods;
    private long _heartbeatWrites;
    private int _dirty = 1;
    private int _queued;
    private ITimer? _timer;
    private bool _disposed;

    // Set while this thread writes heartbeats: the changes they raise are no news to any controller.
    [ThreadStatic]
    private static bool t_beating;

    public SandboxControllers(ISandboxStore store, FleetOptions fleet, TimeProvider time, SandboxControllerOptions? options = null, ILogger<SandboxControllers>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _time = time;
        _options = options ?? new SandboxControllerOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var events = new EventWriter(store, time);
        var outages = new KubeletOutages();
        _nodes = new NodeLifecycleController(store, time, fleet, _options, events, outages);
        _registration = new NodeRegistration(store, time, fleet, _options, events);
        _sandboxFaults = new PodSandboxFaults(fleet);
        _terminatedWithPods = new TerminatedWithPods(store, time);
        _kubelet = new SimulatedKubelet(store, time, _options, events, outages, _sandboxFaults);
        _terminations = new PodTerminations(store, time, _options, events, outages);
        _heartbeats = new NodeHeartbeats(store, time, _options.Heartbeats ?? fleet.Heartbeats, outages);
        _controllers =
        [
            _registration,
            _nodes,
            new PodGarbageCollector(store),
            new DeploymentController(store),
            new ReplicaSetController(store, events),
            new StatefulSetController(store, events),
            new DaemonSetController(store, events),
            new Scheduler(store, time, events),
            _kubelet,
            _terminations,
        ];
        store.Changed += OnChanged;
    }

    /// <summary>
    /// Each node whose instance terminated with pods (not DaemonSet pods) still on it, with those pods: what a drain before
    /// termination must prevent.
    /// </summary>
    public IReadOnlyList<string> NodesTerminatedWithPods
    {
        get
        {
            lock (_gate)
            {
                return _terminatedWithPods.Seen;
            }
        }
    }

    /// <summary>
    /// Whether the node booted from an AMI whose pod sandbox image is broken (<see cref="FleetOptions.BrokenPodSandboxImages"/>):
    /// Ready, yet no pod starts there. Takes no lock, so observers may ask from anywhere.
    /// </summary>
    public bool IsPodSandboxBroken(string nodeName) => _sandboxFaults.IsBroken(nodeName);

    /// <summary>How many heartbeat writes (Node status, Leases) the steps made so far.</summary>
    public long HeartbeatWrites => Interlocked.Read(ref _heartbeatWrites);

    /// <summary>
    /// The earliest time something is scheduled to happen (a pod finishing its start, a node's deletion), if any.
    /// Heartbeats are left out: they are due every few seconds forever, and a stepper that waited for them would
    /// never take a long step; a step at any time writes those due, and one beat stands for any missed.
    /// </summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return new[] { _kubelet.NextDue, _terminations.NextDue, _nodes.NextDue, _registration.NextDue }.Where(d => d is not null).Min();
            }
        }
    }

    /// <summary>
    /// Writes the heartbeats due, then runs the controllers, pass after pass, until a pass writes nothing; returns the
    /// number of controller writes (heartbeats count apart, in <see cref="HeartbeatWrites"/>).
    /// </summary>
    public int Step()
    {
        lock (_gate)
        {
            Beat();
            var writes = 0;
            for (var pass = 0; pass < MaxPasses; pass++)
            {
                // Our own writes mark the store changed too, so a pass after the last writing one confirms all is quiet.
                var changed = Interlocked.Exchange(ref _dirty, 0) == 1;
                if (!changed && !(pass == 0 && IsDue()))
                {
                    break;
                }

                foreach (var controller in _controllers)
                {
                    writes += Run(controller);
                }
            }

            return writes;
        }
    }

    /// <summary>Steps the controllers every <see cref="SandboxControllerOptions.Interval"/> on the clock, and soon after every change.</summary>
    /// <summary>
    /// When the cloud controller manager initialized each Node a booted instance registered (set its providerID), by node name.
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset> NodesInitialized
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, DateTimeOffset>(_registration.Initialized, StringComparer.Ordinal);
            }
        }
    }

    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _timer ??= _time.CreateTimer(_ => QueueStep(), null, _options.Interval, _options.Interval);
        }
    }

    public void InstanceBooted(SimulatedInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        lock (_gate)
        {
            _sandboxFaults.Booted(instance);
            if (!_registration.Register(instance))
            {
                LogAlreadyRegistered(_logger, instance.NodeName);
            }
        }
    }

    /// <summary>
    /// The node's kubelet stops posting status while its instance runs on (kubelet, containerd or HNS wedged): after the
    /// node monitor grace period the node goes NotReady (Unknown) and unreachable, and after their toleration its pods are
    /// marked for deletion and stay Terminating. False when there is no such node.
    /// </summary>
    public bool StopKubelet(string nodeName)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        lock (_gate)
        {
            return _nodes.StopKubelet(nodeName);
        }
    }

    public void InstanceTerminated(string providerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerId);
        lock (_gate)
        {
            _terminatedWithPods.Terminating(providerId);
            if (!_nodes.MarkTerminated(providerId, _registration.Forget(providerId)))
            {
                LogNoNode(_logger, providerId);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _store.Changed -= OnChanged;
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Beat()
    {
        t_beating = true;
        try
        {
            Interlocked.Add(ref _heartbeatWrites, _heartbeats.Beat());
        }
        catch (SandboxApiException e)
        {
            LogWriteFailed(_logger, "kubelet-heartbeats", e.Code, e.Message);
        }
        finally
        {
            t_beating = false;
        }
    }

    private bool IsDue()
    {
        var now = _time.GetUtcNow();
        return _kubelet.NextDue <= now || _terminations.NextDue <= now || _nodes.NextDue <= now || _registration.NextDue <= now;
    }

    private int Run(ISandboxController controller)
    {
        try
        {
            return controller.Reconcile();
        }
        catch (SandboxApiException e)
        {
            // A write lost a race (409, 404) or was refused: try again on the next pass, as a requeue would.
            Volatile.Write(ref _dirty, 1);
            LogWriteFailed(_logger, controller.Name, e.Code, e.Message);
            return 0;
        }
    }

    // Raised under the store's lock: note the change and queue a step, never write from here.
    private void OnChanged(object? sender, SandboxWatchEvent e)
    {
        if (t_beating || e.Resource["kind"]?.GetValue<string>() is not { } kind || !WatchedKinds.Contains(kind))
        {
            return;
        }

        Volatile.Write(ref _dirty, 1);
        if (_timer is not null)
        {
            QueueStep();
        }
    }

    private void QueueStep()
    {
        if (Interlocked.Exchange(ref _queued, 1) == 1)
        {
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(
            static self =>
            {
                Volatile.Write(ref self._queued, 0);
                if (!self._disposed)
                {
                    self.StepInBackground();
                }
            },
            this,
            preferLocal: false);
    }

    private void StepInBackground()
    {
        try
        {
            Step();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogStepFailed(_logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Controller}: write refused ({Code}): {Reason}; retrying")]
    private static partial void LogWriteFailed(ILogger logger, string controller, int code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox controllers step failed")]
    private static partial void LogStepFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {Node} was already registered")]
    private static partial void LogAlreadyRegistered(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "No node has providerID {ProviderId}; nothing to mark terminated")]
    private static partial void LogNoNode(ILogger logger, string providerId);
}
