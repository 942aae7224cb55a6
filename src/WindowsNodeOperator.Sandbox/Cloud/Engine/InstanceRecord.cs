using System.Globalization;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

internal sealed class InstanceRecord
{
    public required string Id { get; init; }

    public required string ImageId { get; init; }

    public required string InstanceType { get; init; }

    public required string AvailabilityZone { get; init; }

    public required string PrivateIp { get; init; }

    public required string PrivateDnsName { get; init; }

    public required DateTimeOffset AttachTime { get; init; }

    public string? Platform { get; init; }

    public DateTimeOffset LaunchTime { get; set; }

    public Ec2InstanceState State { get; set; }

    public string? GroupName { get; init; }

    public string? TemplateId { get; init; }

    public string? TemplateName { get; init; }

    public int TemplateVersion { get; init; }

    public LifecycleState Lifecycle { get; set; } = LifecycleState.Pending;

    public DateTimeOffset? InServiceAt { get; set; }

    public List<LifecycleAction> Actions { get; } = [];

    public bool Registered { get; set; }

    /// <summary>Scale-in protection (SetInstanceProtection): scale in passes it by; a refresh follows ScaleInProtectedInstances.</summary>
    public bool ProtectedFromScaleIn { get; set; }

    public ActivityRecord? LaunchActivity { get; set; }

    public ActivityRecord? TerminateActivity { get; set; }

    /// <summary>The refresh pass that launched it, if any.</summary>
    public ReplacementPass? LaunchedBy { get; init; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public List<string> SecurityGroupIds { get; } = [Ec2SecurityGroup.Nodes.GroupId];

    /// <summary><c>required</c> (IMDSv2 only) or <c>optional</c> (IMDSv1 allowed).</summary>
    public string HttpTokens { get; set; } = "required";

    public bool RootVolumeEncrypted { get; set; } = true;

    /// <summary>Whether its SSM Agent reports to Systems Manager (the instance role carries AmazonSSMManagedInstanceCore).</summary>
    public bool SsmAgent { get; set; } = true;

    /// <summary>The root EBS volume, created and deleted with the instance.</summary>
    public string RootVolumeId => "vol-" + Id[2..];

    public bool InGroup => GroupName is not null;

    public bool Live => InGroup && !Lifecycle.IsLeaving();

    /// <summary>Counted toward the group's desired capacity: a member not leaving and not in Standby.</summary>
    public bool Counted => Live && Lifecycle != LifecycleState.Standby;

    public bool IsWarm(DateTimeOffset now, TimeSpan warmup) =>
        Lifecycle == LifecycleState.InService && InServiceAt is { } inService && inService + warmup <= now;

    public Ec2Instance ToEc2() =>
        new(
            Id, ImageId, InstanceType, AvailabilityZone, State, LaunchTime, AttachTime, PrivateIp, PrivateDnsName, Platform,
            new Dictionary<string, string>(Tags, StringComparer.Ordinal), [.. SecurityGroupIds], HttpTokens, RootVolumeId);

    public Ec2Volume RootVolume() =>
        new(RootVolumeId, AvailabilityZone, 50, RootVolumeEncrypted, State == Ec2InstanceState.Terminated ? null : Id, Platform is null ? "/dev/xvda" : "/dev/sda1", AttachTime);

    public AutoScalingInstanceInfo ToAutoScaling() => new(
        Id,
        GroupName!,
        AvailabilityZone,
        Lifecycle,
        "Healthy",
        new LaunchTemplateSpecification(TemplateId, TemplateName, TemplateVersion.ToString(CultureInfo.InvariantCulture)),
        InstanceType,
        ProtectedFromScaleIn);
}
