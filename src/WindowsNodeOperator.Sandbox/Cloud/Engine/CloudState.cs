using WindowsNodeOperator.Sandbox.Cloud.Ssm;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

/// <summary>Everything the simulated account holds; only touched under the engine's lock.</summary>
internal sealed class CloudState(SimulatedCloudOptions options)
{
    public SimulatedCloudOptions Options { get; } = options;

    public IdGenerator Ids { get; } = new(options.Seed);

    public Agenda Agenda { get; } = new();

    public Dictionary<string, ImageRecord> Images { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<SsmParameter>> Parameters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, LaunchTemplateRecord> Templates { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, InstanceRecord> Instances { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, GroupRecord> Groups { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Ec2.Ec2SecurityGroup> SecurityGroups { get; } = new(StringComparer.Ordinal)
    {
        [Ec2.Ec2SecurityGroup.Nodes.GroupId] = Ec2.Ec2SecurityGroup.Nodes,
    };

    public List<CloudEvent> Timeline { get; } = [];

    /// <summary>Node registrations and removals to tell the registry once the lock is released.</summary>
    public List<NodeNotice> Outbox { get; } = [];

    public void Record(DateTimeOffset at, string subject, string what) => Timeline.Add(new CloudEvent(at, subject, what));

    public LaunchTemplateRecord FindTemplate(string? id, string? name)
    {
        var found = id is not null
            ? Templates.GetValueOrDefault(id)
            : Templates.Values.FirstOrDefault(t => t.Name == name);
        return found ?? throw new Faults.SimulatedAwsException(
            id is not null ? "InvalidLaunchTemplateId.NotFound" : "InvalidLaunchTemplateName.NotFoundException",
            400,
            $"The specified launch template, {id ?? name}, does not exist.");
    }

    public ResolvedTemplate Resolve(Ec2.LaunchTemplateSpecification spec) =>
        FindTemplate(spec.LaunchTemplateId, spec.LaunchTemplateName).Resolve(spec.Version);
}
