using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Cloud.Engine;
using WindowsNodeOperator.Sandbox.Cloud.Faults;
using WindowsNodeOperator.Sandbox.Cloud.Nodes;
using WindowsNodeOperator.Sandbox.Cloud.Seeding;
using WindowsNodeOperator.Sandbox.Cloud.Ssm;
using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Cloud;

/// <summary>
/// A simulated AWS account (SSM, EC2, Auto Scaling) on an injected clock. Time moves only when it is looked at:
/// every call, and <see cref="Step"/>, first runs everything due up to the clock's now, each at its own simulated time.
/// </summary>
public sealed class SimulatedCloud
{
    private readonly CloudCore _core;

    public SimulatedCloud(TimeProvider time, SimulatedCloudOptions? options = null, ISimulatedNodeRegistry? nodes = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        Options = options ?? new SimulatedCloudOptions();
        _core = new CloudCore(time, Options, nodes);
        Ssm = new SimulatedSsm(_core);
        Ec2 = new SimulatedEc2(_core);
        AutoScaling = new SimulatedAutoScaling(_core);
    }

    public SimulatedCloudOptions Options { get; }

    public SimulatedSsm Ssm { get; }

    public SimulatedEc2 Ec2 { get; }

    public SimulatedAutoScaling AutoScaling { get; }

    /// <summary>Faults per operation, switched on and off at run time.</summary>
    public FaultInjector Faults => _core.Faults;

    /// <summary>Calls per operation (<c>ec2:DescribeInstances</c>...), faulted ones included.</summary>
    public CallCounter Calls => _core.Calls;

    /// <summary>When the next simulated event falls due, if any is scheduled.</summary>
    public DateTimeOffset? NextDueTime => _core.Control(_ => _core.State.Agenda.NextDue);

    /// <summary>Runs everything due up to the clock's now.</summary>
    public void Step() => _core.Control(static _ => { });

    /// <summary>
    /// Simulation control: every group with its instance refreshes (newest first), as the API would describe them but
    /// without counting a call or drawing a fault, for observers that are not the operator.
    /// </summary>
    public IReadOnlyList<(AutoScalingGroupInfo Group, IReadOnlyList<InstanceRefreshInfo> Refreshes)> ObserveGroups() => _core.Control(_ =>
        (IReadOnlyList<(AutoScalingGroupInfo, IReadOnlyList<InstanceRefreshInfo>)>)[.. _core.State.Groups.Values
            .Select(g => (g.ToInfo(), (IReadOnlyList<InstanceRefreshInfo>)[.. g.Refreshes.Select(RefreshProgress.ToInfo)]))]);

    /// <summary>What happened so far, in order.</summary>
    /// <summary>
    /// The Auto Scaling group of every instance launched in one, terminated ones included, by instance id: a look for tests
    /// and observers that map nodes to groups by providerID, not an API call.
    /// </summary>
    public IReadOnlyDictionary<string, string> InstanceGroups() => _core.Control(_ =>
        (IReadOnlyDictionary<string, string>)_core.State.Instances.Values.Where(i => i.GroupName is not null).ToDictionary(i => i.Id, i => i.GroupName!, StringComparer.Ordinal));

    public IReadOnlyList<CloudEvent> Timeline() => _core.Control(_ => (IReadOnlyList<CloudEvent>)[.. _core.State.Timeline]);

    /// <summary>Registers a Windows AMI and points the SSM parameter at it, both at <paramref name="at"/>; returns the image id.</summary>
    public string PublishImage(string parameterName, string imageName, DateTimeOffset at, bool bad = false) => _core.Control(_ =>
    {
        var imageId = _core.State.Ids.ImageId();
        _core.State.Agenda.Schedule(at, t =>
        {
            _core.State.Images.Add(imageId, new ImageRecord(new Ec2Image(imageId, imageName, t, "windows")) { Bad = bad });
            SimulatedSsm.Put(_core.State, parameterName, imageId, t);
        });
        return imageId;
    });

    /// <summary>
    /// Seeds the account with the fleet the sandbox cluster was seeded with: the monthly AMIs and their SSM parameter history,
    /// a launch template per group (a version per AMI), the groups, and every instance InService with its Node registered.
    /// </summary>
    public void Seed(FleetOptions fleet, IReadOnlyList<SimulatedInstance> instances) =>
        _core.Control(now => FleetAccountSeeder.Seed(_core.State, fleet, instances, now));
}
