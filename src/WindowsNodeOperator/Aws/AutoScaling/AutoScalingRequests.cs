using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws.AutoScaling;

/// <summary>Builds the Query requests of the Auto Scaling operations the operator uses.</summary>
internal static class AutoScalingRequests
{
    public const int MaxRecords = 100;

    public static QueryRequest DescribeGroupsByNames(IEnumerable<string> names, string? nextToken, int maxRecords = MaxRecords) =>
        new QueryRequest("DescribeAutoScalingGroups")
            .AddList("AutoScalingGroupNames", names)
            .Add("IncludeInstances", true)
            .Add("MaxRecords", maxRecords)
            .Add("NextToken", nextToken);

    public static QueryRequest DescribeGroupsByTags(IEnumerable<AutoScalingTagFilter> filters, string? nextToken, int maxRecords = MaxRecords)
    {
        var request = new QueryRequest("DescribeAutoScalingGroups");
        var index = 0;
        foreach (var filter in filters)
        {
            var prefix = $"Filters.member.{++index}";
            // A filter without values asks only that the key be there: the API's tag-key filter.
            if (filter.Values.Count == 0)
            {
                request.Add($"{prefix}.Name", "tag-key").AddList($"{prefix}.Values", [filter.Key]);
            }
            else
            {
                request.Add($"{prefix}.Name", $"tag:{filter.Key}").AddList($"{prefix}.Values", filter.Values);
            }
        }

        return request
            .Add("IncludeInstances", true)
            .Add("MaxRecords", maxRecords)
            .Add("NextToken", nextToken);
    }

    public static QueryRequest DescribeLifecycleHooks(string groupName) =>
        new QueryRequest("DescribeLifecycleHooks").Add("AutoScalingGroupName", groupName);

    public static QueryRequest StartInstanceRefresh(InstanceRefreshRequest refresh)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        var template = refresh.DesiredLaunchTemplate;
        // $Latest or $Default would let a later template change slip into a running refresh.
        if (!template.IsExplicit)
        {
            throw new ArgumentException(
                $"An instance refresh needs an explicit launch template version, not '{template.Version}'.", nameof(refresh));
        }

        var p = refresh.Preferences;
        var request = new QueryRequest("StartInstanceRefresh")
            .Add("AutoScalingGroupName", refresh.GroupName)
            .Add("Strategy", "Rolling");

        // A successful refresh replaces the group's configuration with the desired one: a group with a mixed instances
        // policy must get its policy back (the new version, its own overrides and distribution), not a launch template alone.
        // https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DesiredConfiguration.html
        if (refresh.MixedInstancesPolicy is { } policy)
        {
            AddMixedInstancesPolicy(request, "DesiredConfiguration.MixedInstancesPolicy", policy, template);
        }
        else
        {
            AddTemplate(request, "DesiredConfiguration.LaunchTemplate", template);
        }

        return request
            .Add("Preferences.MinHealthyPercentage", p.MinHealthyPercentage)
            .Add("Preferences.MaxHealthyPercentage", p.MaxHealthyPercentage)
            .Add("Preferences.InstanceWarmup", p.InstanceWarmup)
            .Add("Preferences.SkipMatching", p.SkipMatching)
            .AddList("Preferences.CheckpointPercentages", (p.CheckpointPercentages ?? []).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Add("Preferences.CheckpointDelay", p.CheckpointDelay)
            .Add("Preferences.AutoRollback", p.AutoRollback)
            .Add("Preferences.ScaleInProtectedInstances", p.ScaleInProtectedInstances?.ToString())
            .Add("Preferences.StandbyInstances", p.StandbyInstances?.ToString())
            .Add("Preferences.BakeTime", p.BakeTime);
    }

    public static QueryRequest DescribeInstanceRefreshes(string groupName, IEnumerable<string> refreshIds, string? nextToken, int maxRecords = MaxRecords) =>
        new QueryRequest("DescribeInstanceRefreshes")
            .Add("AutoScalingGroupName", groupName)
            .AddList("InstanceRefreshIds", refreshIds)
            .Add("MaxRecords", maxRecords)
            .Add("NextToken", nextToken);

    public static QueryRequest CancelInstanceRefresh(string groupName, bool waitForTransitioningInstances) =>
        new QueryRequest("CancelInstanceRefresh")
            .Add("AutoScalingGroupName", groupName)
            .Add("WaitForTransitioningInstances", waitForTransitioningInstances);

    /// <summary>The group's newest activities: the first page, at most <see cref="MaxRecords"/> (the default and the maximum is 100).</summary>
    public static QueryRequest DescribeScalingActivities(string groupName) =>
        new QueryRequest("DescribeScalingActivities")
            .Add("AutoScalingGroupName", groupName)
            .Add("MaxRecords", MaxRecords);

    public static QueryRequest RollbackInstanceRefresh(string groupName) =>
        new QueryRequest("RollbackInstanceRefresh").Add("AutoScalingGroupName", groupName);

    public static QueryRequest PutLifecycleHook(LifecycleHook hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return new QueryRequest("PutLifecycleHook")
            .Add("AutoScalingGroupName", hook.GroupName)
            .Add("LifecycleHookName", hook.Name)
            .Add("LifecycleTransition", AutoScalingValues.Transition(hook.Transition))
            .Add("HeartbeatTimeout", hook.HeartbeatTimeout)
            .Add("DefaultResult", AutoScalingValues.Result(hook.DefaultResult))
            .Add("NotificationTargetARN", hook.NotificationTargetArn)
            .Add("RoleARN", hook.RoleArn)
            .Add("NotificationMetadata", hook.NotificationMetadata);
    }

    public static QueryRequest DeleteLifecycleHook(string groupName, string hookName) =>
        new QueryRequest("DeleteLifecycleHook")
            .Add("AutoScalingGroupName", groupName)
            .Add("LifecycleHookName", hookName);

    public static QueryRequest CompleteLifecycleAction(LifecycleActionTarget target, LifecycleActionResult result) =>
        WithTarget(new QueryRequest("CompleteLifecycleAction"), target)
            .Add("LifecycleActionResult", AutoScalingValues.Result(result));

    public static QueryRequest RecordLifecycleActionHeartbeat(LifecycleActionTarget target) =>
        WithTarget(new QueryRequest("RecordLifecycleActionHeartbeat"), target);

    public static QueryRequest TerminateInstanceInGroup(string instanceId, bool shouldDecrementDesiredCapacity) =>
        new QueryRequest("TerminateInstanceInAutoScalingGroup")
            .Add("InstanceId", instanceId)
            .Add("ShouldDecrementDesiredCapacity", shouldDecrementDesiredCapacity);

    private static void AddMixedInstancesPolicy(QueryRequest request, string prefix, MixedInstancesPolicy policy, LaunchTemplateRef template)
    {
        if (policy.Uncarried.Count > 0)
        {
            throw new ArgumentException(
                $"The mixed instances policy holds {string.Join(", ", policy.Uncarried)}, which the operator cannot send back; a refresh would drop it.",
                nameof(policy));
        }

        AddTemplate(request, $"{prefix}.LaunchTemplate.LaunchTemplateSpecification", template);
        var index = 0;
        foreach (var item in policy.Overrides)
        {
            var member = $"{prefix}.LaunchTemplate.Overrides.member.{++index}";
            request.Add($"{member}.InstanceType", item.InstanceType).Add($"{member}.WeightedCapacity", item.WeightedCapacity);
            if (item.LaunchTemplate is { } own)
            {
                AddTemplate(request, $"{member}.LaunchTemplateSpecification", own);
            }
        }

        if (policy.Distribution is { } d)
        {
            request
                .Add($"{prefix}.InstancesDistribution.OnDemandAllocationStrategy", d.OnDemandAllocationStrategy)
                .Add($"{prefix}.InstancesDistribution.OnDemandBaseCapacity", d.OnDemandBaseCapacity)
                .Add($"{prefix}.InstancesDistribution.OnDemandPercentageAboveBaseCapacity", d.OnDemandPercentageAboveBaseCapacity)
                .Add($"{prefix}.InstancesDistribution.SpotAllocationStrategy", d.SpotAllocationStrategy)
                .Add($"{prefix}.InstancesDistribution.SpotInstancePools", d.SpotInstancePools)
                .Add($"{prefix}.InstancesDistribution.SpotMaxPrice", d.SpotMaxPrice);
        }
    }

    // A template is named by id, or by name when there is no id: the API takes one of the two.
    private static void AddTemplate(QueryRequest request, string prefix, LaunchTemplateRef template) =>
        request
            .Add($"{prefix}.LaunchTemplateId", template.Id)
            .Add($"{prefix}.LaunchTemplateName", template.Id is null ? template.Name : null)
            .Add($"{prefix}.Version", template.Version);

    private static QueryRequest WithTarget(QueryRequest request, LifecycleActionTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.InstanceId is null == target.Token is null)
        {
            throw new ArgumentException("Name the lifecycle action by instance id or by token, not both.", nameof(target));
        }

        return request
            .Add("AutoScalingGroupName", target.GroupName)
            .Add("LifecycleHookName", target.HookName)
            .Add("InstanceId", target.InstanceId)
            .Add("LifecycleActionToken", target.Token);
    }
}
