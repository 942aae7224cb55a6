using System.Xml.Linq;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using static WindowsNodeOperator.Sandbox.Cloud.Wire.QueryProtocol;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>The simulated account's Auto Scaling records in the shapes of botocore's <c>autoscaling/2011-01-01/service-2.json</c>.</summary>
internal static class AutoScalingXml
{
    public static XElement Group(AutoScalingGroupInfo group, string region) => E(
        "member",
        E("AutoScalingGroupName", group.AutoScalingGroupName),
        E("AutoScalingGroupARN", $"arn:aws:autoscaling:{region}:{Ec2Xml.AccountId}:autoScalingGroup:00000000-0000-0000-0000-000000000000:autoScalingGroupName/{group.AutoScalingGroupName}"),
        // A group with a mixed instances policy has its launch template there, not beside it.
        group.MixedInstancesPolicy is { } policy ? MixedInstancesPolicy(policy) : Template("LaunchTemplate", group.LaunchTemplate),
        E("MinSize", group.MinSize),
        E("MaxSize", group.MaxSize),
        E("DesiredCapacity", group.DesiredCapacity),
        E("DefaultCooldown", 300),
        Members("AvailabilityZones", group.AvailabilityZones),
        E("LoadBalancerNames"),
        E("TargetGroupARNs"),
        E("HealthCheckType", "EC2"),
        E("HealthCheckGracePeriod", group.HealthCheckGracePeriod),
        Members("Instances", group.Instances.Select(Instance)),
        E("SuspendedProcesses"),
        E("EnabledMetrics"),
        Members("Tags", group.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new object[]
        {
            E("ResourceId", group.AutoScalingGroupName),
            E("ResourceType", "auto-scaling-group"),
            E("Key", t.Key),
            E("Value", t.Value),
            E("PropagateAtLaunch", "true"),
        })),
        Members("TerminationPolicies", ["Default"]),
        E("NewInstancesProtectedFromScaleIn", "false"),
        E("ServiceLinkedRoleARN", $"arn:aws:iam::{Ec2Xml.AccountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"),
        Opt("DefaultInstanceWarmup", group.DefaultInstanceWarmup),
        E("CapacityRebalance", "false"));

    public static object?[] Instance(AutoScalingInstanceInfo instance) =>
    [
        E("InstanceId", instance.InstanceId),
        E("InstanceType", instance.InstanceType),
        E("AvailabilityZone", instance.AvailabilityZone),
        E("LifecycleState", instance.LifecycleState.ToAwsName()),
        E("HealthStatus", instance.HealthStatus),
        Template("LaunchTemplate", instance.LaunchTemplate),
        E("ProtectedFromScaleIn", WireFormat.Bool(instance.ProtectedFromScaleIn)),
    ];

    public static XElement Refresh(InstanceRefreshInfo refresh) => E(
        "member",
        E("InstanceRefreshId", refresh.InstanceRefreshId),
        E("AutoScalingGroupName", refresh.AutoScalingGroupName),
        E("Status", refresh.Status.ToString()),
        Opt("StatusReason", refresh.StatusReason),
        E("StartTime", WireFormat.Iso(refresh.StartTime)),
        Opt("EndTime", refresh.EndTime is { } end ? WireFormat.Iso(end) : null),
        E("PercentageComplete", refresh.PercentageComplete),
        E("InstancesToUpdate", refresh.InstancesToUpdate),
        Preferences(refresh.Preferences),
        refresh.DesiredConfiguration is { } desired
            ? E(
                "DesiredConfiguration",
                desired.LaunchTemplate is { } template ? Template("LaunchTemplate", template) : null,
                desired.MixedInstancesPolicy is { } policy ? MixedInstancesPolicy(policy) : null)
            : null,
        refresh.RollbackDetails is { } rollback
            ? E(
                "RollbackDetails",
                E("RollbackReason", rollback.RollbackReason),
                E("RollbackStartTime", WireFormat.Iso(rollback.RollbackStartTime)),
                E("PercentageCompleteOnRollback", rollback.PercentageCompleteOnRollback),
                E("InstancesToUpdateOnRollback", rollback.InstancesToUpdateOnRollback))
            : null,
        E("Strategy", "Rolling"));

    public static XElement Hook(LifecycleHookInfo hook) => E(
        "member",
        E("LifecycleHookName", hook.LifecycleHookName),
        E("AutoScalingGroupName", hook.AutoScalingGroupName),
        E("LifecycleTransition", hook.LifecycleTransition),
        E("HeartbeatTimeout", hook.HeartbeatTimeout),
        E("GlobalTimeout", hook.GlobalTimeout),
        E("DefaultResult", hook.DefaultResult));

    public static object?[] Activity(ScalingActivityInfo activity) =>
    [
        E("ActivityId", activity.ActivityId),
        E("AutoScalingGroupName", activity.AutoScalingGroupName),
        E("Description", activity.Description),
        E("Cause", activity.Cause),
        E("StartTime", WireFormat.Iso(activity.StartTime)),
        Opt("EndTime", activity.EndTime is { } end ? WireFormat.Iso(end) : null),
        E("StatusCode", activity.StatusCode),
        Opt("StatusMessage", activity.StatusMessage),
        E("Progress", activity.Progress),
    ];

    private static XElement Preferences(RefreshPreferences p) => E(
        "Preferences",
        E("MinHealthyPercentage", p.MinHealthyPercentage),
        Opt("MaxHealthyPercentage", p.MaxHealthyPercentage),
        Opt("InstanceWarmup", p.InstanceWarmup),
        p.CheckpointPercentages is { } checkpoints ? Members("CheckpointPercentages", checkpoints.Select(c => (object)c)) : null,
        E("CheckpointDelay", p.CheckpointDelay),
        E("SkipMatching", WireFormat.Bool(p.SkipMatching)),
        E("AutoRollback", WireFormat.Bool(p.AutoRollback)),
        E("ScaleInProtectedInstances", p.ScaleInProtectedInstances),
        E("StandbyInstances", p.StandbyInstances),
        E("BakeTime", p.BakeTime));

    /// <summary>https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_MixedInstancesPolicy.html</summary>
    private static XElement MixedInstancesPolicy(MixedInstancesPolicy policy) => E(
        "MixedInstancesPolicy",
        E(
            "LaunchTemplate",
            Template("LaunchTemplateSpecification", policy.LaunchTemplateSpecification),
            Members("Overrides", policy.Overrides.Select(o => new object?[]
            {
                E("InstanceType", o.InstanceType),
                Opt("WeightedCapacity", o.WeightedCapacity),
                o.LaunchTemplateSpecification is { } own ? Template("LaunchTemplateSpecification", own) : null,
            }))),
        policy.InstancesDistribution is { } d
            ? E(
                "InstancesDistribution",
                Opt("OnDemandAllocationStrategy", d.OnDemandAllocationStrategy),
                Opt("OnDemandBaseCapacity", d.OnDemandBaseCapacity),
                Opt("OnDemandPercentageAboveBaseCapacity", d.OnDemandPercentageAboveBaseCapacity),
                Opt("SpotAllocationStrategy", d.SpotAllocationStrategy),
                Opt("SpotInstancePools", d.SpotInstancePools),
                Opt("SpotMaxPrice", d.SpotMaxPrice))
            : null);

    private static XElement Template(string name, LaunchTemplateSpecification spec) => E(
        name,
        Opt("LaunchTemplateId", spec.LaunchTemplateId),
        Opt("LaunchTemplateName", spec.LaunchTemplateName),
        E("Version", spec.Version));
}
