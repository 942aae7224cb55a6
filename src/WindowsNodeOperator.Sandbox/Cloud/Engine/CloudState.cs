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

    /// <summary>What the group launches next; see <see cref="ResolveLaunch(Ec2.LaunchTemplateSpecification, AutoScaling.MixedInstancesPolicy?)"/>.</summary>
    public ResolvedTemplate ResolveLaunch(GroupRecord group) => ResolveLaunch(group.Template, group.MixedInstancesPolicy);

    /// <summary>
    /// What a launch template, or a mixed instances policy, launches. A policy launches its first override only (the
    /// simulation's stand-in for the allocation strategies): that instance type, from the override's own launch template
    /// when it names one, else from the policy's.
    /// </summary>
    public ResolvedTemplate ResolveLaunch(Ec2.LaunchTemplateSpecification template, AutoScaling.MixedInstancesPolicy? policy)
    {
        if (policy is null)
        {
            return Resolve(template);
        }

        foreach (var spec in policy.Overrides.Select(o => o.LaunchTemplateSpecification).OfType<Ec2.LaunchTemplateSpecification>())
        {
            Resolve(spec);
        }

        var first = policy.Overrides.Count > 0 ? policy.Overrides[0] : null;
        var resolved = Resolve(first?.LaunchTemplateSpecification ?? policy.LaunchTemplateSpecification);
        return first is null
            ? resolved
            : resolved with { InstanceType = first.InstanceType, InstanceTypes = [.. policy.Overrides.Select(o => o.InstanceType)] };
    }

    /// <summary>The specification with both the id and the name of its template, as DescribeAutoScalingGroups reports it.</summary>
    public Ec2.LaunchTemplateSpecification Named(Ec2.LaunchTemplateSpecification spec)
    {
        var template = FindTemplate(spec.LaunchTemplateId, spec.LaunchTemplateName);
        return spec with { LaunchTemplateId = template.Id, LaunchTemplateName = template.Name };
    }

    /// <summary>The policy as the group keeps it: templates named by id and name, the distribution's defaults filled in.</summary>
    public AutoScaling.MixedInstancesPolicy Named(AutoScaling.MixedInstancesPolicy policy) => new(
        Named(policy.LaunchTemplateSpecification),
        [.. policy.Overrides.Select(o => o.LaunchTemplateSpecification is { } own ? o with { LaunchTemplateSpecification = Named(own) } : o)],
        (policy.InstancesDistribution ?? new AutoScaling.InstancesDistribution()).WithDefaults());
}
