using WindowsNodeOperator.Api;
using WindowsNodeOperator.Planning;

using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Tests.Planning;

/// <summary>Builds snapshots for example tests: groups, nodes with their instances, the latest AMI.</summary>
internal sealed class Fleet
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    public const string OldAmi = "ami-old";
    public const string NewAmi = "ami-new";

    /// <summary>The name of the Windows Server 2022 Core AMI every group launches unless a test says otherwise.</summary>
    public const string Core2022Name = "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.02.11";

    public static readonly WindowsAmiFamily Core2022 = new(WindowsVersions.V2022, WindowsEdition.Core);

    private readonly List<NodeFacts> nodes = [];
    private readonly List<InstanceFacts> instances = [];
    private readonly Dictionary<string, GroupFacts> groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> desired = new(StringComparer.Ordinal);
    private int nextInstance;

    public WindowsNodePolicy Policy { get; } = new()
    {
        Metadata = new() { Name = "windows" },
        Spec = new() { AutoScalingGroups = new() { Names = ["win-a"] } },
    };

    public DateTimeOffset Now { get; set; } = T0;

    public AmiLookup Latest { get; set; } = new AmiFound(NewAmi, T0 - TimeSpan.FromDays(10), T0);

    /// <summary>The latest AMI of other Windows families than 2022 Core (whose latest is <see cref="Latest"/>).</summary>
    public Dictionary<WindowsAmiFamily, AmiLookup> FamilyAmis { get; } = [];

    public DateTimeOffset? AmiCacheExpiresAt { get; set; }

    /// <summary>The ownership tags groups must carry; none checked unless a test sets it.</summary>
    public GroupOwnership? Ownership { get; set; }

    /// <summary>The AMIs the policy's ledger holds as failed.</summary>
    public List<FailedAmiFacts> FailedAmis { get; } = [];

    public WindowsNodePolicySpec Spec => Policy.Spec;

    /// <summary>A group of the policy (or not, by name) launching <paramref name="imageId"/>.</summary>
    public Fleet Group(string name, string imageId = NewAmi, Func<GroupFacts, GroupFacts>? change = null, int? desiredCapacity = null)
    {
        var group = new GroupFacts(
            name, new Dictionary<string, string>(), 0, 0, 100,
            new LaunchTemplateRef("lt-" + name, name, "$Latest"), imageId, null, null, LaunchTemplateImageName: Core2022Name);
        groups[name] = change is null ? group : change(group);
        if (desiredCapacity is { } d)
        {
            desired[name] = d;
        }

        return this;
    }

    public Fleet ChangeGroup(string name, Func<GroupFacts, GroupFacts> change)
    {
        groups[name] = change(groups[name]);
        return this;
    }

    /// <summary>A Windows node and its instance in <paramref name="group"/>, launched <paramref name="age"/> ago.</summary>
    public Fleet Node(
        string name,
        string group,
        TimeSpan age,
        string imageId = NewAmi,
        Func<NodeFacts, NodeFacts>? change = null,
        string state = LifecycleStates.InService)
    {
        var instanceId = $"i-{++nextInstance:x8}";
        instances.Add(new InstanceFacts(instanceId, group, imageId, Now - age, state));
        var node = new NodeFacts(
            name,
            new Dictionary<string, string> { [WindowsNodePolicySpec.OsLabel] = WindowsNodePolicySpec.OsLabelValue },
            Ready: true,
            Unschedulable: false,
            instanceId,
            new Dictionary<string, string>(),
            HasDoNotDisruptPod: false);
        nodes.Add(change is null ? node : change(node));
        return this;
    }

    public Fleet Instance(InstanceFacts instance)
    {
        instances.Add(instance);
        return this;
    }

    public Fleet RawNode(NodeFacts node)
    {
        nodes.Add(node);
        return this;
    }

    public string InstanceOf(string node) => nodes.Single(n => n.Name == node).InstanceId!;

    /// <summary>Holds <paramref name="imageId"/> as the ledger would after a refresh of <paramref name="group"/> failed for it.</summary>
    public Fleet Held(string imageId, string group = "win-a", string reason = "2 new instance(s) never became Ready nodes")
    {
        FailedAmis.Add(new FailedAmiFacts(imageId, group, "r-1", reason, Now - Days(1)));
        return this;
    }

    /// <summary>Replaces the instance of <paramref name="node"/> with a changed copy (protection, lifecycle state).</summary>
    public Fleet ChangeInstance(string node, Func<InstanceFacts, InstanceFacts> change)
    {
        var id = InstanceOf(node);
        var index = instances.FindIndex(i => i.Id == id);
        instances[index] = change(instances[index]);
        return this;
    }

    public FleetSnapshot Snapshot() =>
        new(
            Policy,
            Now,
            nodes.ToList(),
            instances.ToList(),
            groups.Values.Select(g => g with
            {
                DesiredCapacity = desired.TryGetValue(g.Name, out var d) ? d : instances.Count(i => i.Group == g.Name),
            }).ToList(),
            Latest,
            AmiCacheExpiresAt,
            FailedAmis.ToList(),
            new Dictionary<WindowsAmiFamily, AmiLookup>(FamilyAmis) { [Core2022] = Latest },
            Ownership);

    public Plan Plan() => Planner.Plan(Snapshot());

    public static TimeSpan Days(double days) => TimeSpan.FromDays(days);

    public static NodeFacts Annotate(NodeFacts node, string key, string value) =>
        node with { Annotations = new Dictionary<string, string>(node.Annotations) { [key] = value } };

    public static NodeFacts Label(NodeFacts node, string key, string value) =>
        node with { Labels = new Dictionary<string, string>(node.Labels) { [key] = value } };
}
