using Amazon.EC2;
using Amazon.EC2.Model;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws.Ec2;

/// <summary>
/// Reads instances with DescribeInstances filtered on the group tag or on instance ids: one paginated call per 200 filter
/// values, 1,000 instances a page, never one call per instance.
/// </summary>
internal sealed class Ec2InstanceInventory(IAmazonEC2 ec2, IAwsCallPipeline pipeline) : IInstanceInventory
{
    public const string GroupTag = "aws:autoscaling:groupName";

    private static readonly List<string> LiveStates = ["pending", "running", "shutting-down", "stopping", "stopped"];

    /// <summary>The InstanceStateName enum of botocore's ec2 2016-11-15 model.</summary>
    private static readonly HashSet<string> KnownStates = new(StringComparer.Ordinal) { "pending", "running", "shutting-down", "terminated", "stopping", "stopped" };

    public async Task<IReadOnlyList<InstanceRecord>> ListAsync(IReadOnlyCollection<string> groupNames, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(groupNames);
        var wanted = groupNames.ToHashSet(StringComparer.Ordinal);
        var records = await DescribeFilteredAsync("tag:" + GroupTag, wanted, ct).ConfigureAwait(false);
        return [.. records.Where(r => wanted.Contains(r.GroupName))
            .OrderBy(r => r.GroupName, StringComparer.Ordinal).ThenBy(r => r.InstanceId, StringComparer.Ordinal)];
    }

    /// <summary>By the instance-id filter, not InstanceIds: an unknown id in InstanceIds fails the whole call (InvalidInstanceID.NotFound).</summary>
    public async Task<IReadOnlyList<InstanceRecord>> DescribeAsync(IReadOnlyCollection<string> instanceIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        var records = await DescribeFilteredAsync("instance-id", instanceIds.ToHashSet(StringComparer.Ordinal), ct).ConfigureAwait(false);
        return [.. records.OrderBy(r => r.InstanceId, StringComparer.Ordinal)];
    }

    /// <summary>By the instance-id filter and no state filter: terminated instances count, an unknown id fails nothing.</summary>
    public async Task<IReadOnlyList<string>> ExistingAsync(IReadOnlyCollection<string> instanceIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in instanceIds.Distinct(StringComparer.Ordinal).Chunk(Ec2Limits.FilterValues))
        {
            string? token = null;
            do
            {
                var request = new DescribeInstancesRequest { Filters = [new Filter("instance-id", [.. chunk])], MaxResults = Ec2Limits.PageSize, NextToken = token };
                var response = await pipeline.ExecuteAsync(
                    AwsServices.Ec2, "DescribeInstances", safeToRepeat: true, c => ec2.DescribeInstancesAsync(request, c), ct);
                found.UnionWith((response.Reservations ?? []).SelectMany(r => r.Instances ?? []).Select(i => i.InstanceId));
                token = response.NextToken;
            }
            while (!string.IsNullOrEmpty(token));
        }

        return [.. found.Order(StringComparer.Ordinal)];
    }

    private async Task<IReadOnlyCollection<InstanceRecord>> DescribeFilteredAsync(string filter, IReadOnlySet<string> values, CancellationToken ct)
    {
        var records = new Dictionary<string, InstanceRecord>(StringComparer.Ordinal);
        foreach (var chunk in values.Chunk(Ec2Limits.FilterValues))
        {
            string? token = null;
            do
            {
                var request = new DescribeInstancesRequest
                {
                    Filters =
                    [
                        new Filter(filter, [.. chunk]),
                        new Filter("instance-state-name", LiveStates),
                    ],
                    MaxResults = Ec2Limits.PageSize,
                    NextToken = token,
                };
                var response = await pipeline.ExecuteAsync(
                    AwsServices.Ec2, "DescribeInstances", safeToRepeat: true, c => ec2.DescribeInstancesAsync(request, c), ct);
                foreach (var instance in (response.Reservations ?? []).SelectMany(r => r.Instances ?? []))
                {
                    if (ToRecord(instance) is { } record)
                    {
                        records[record.InstanceId] = record;
                    }
                }

                token = response.NextToken;
            }
            while (!string.IsNullOrEmpty(token));
        }

        return records.Values;
    }

    /// <summary>
    /// The record of a live instance of a group; null for a terminated one, one of no group, and one whose id, state, image
    /// or launch time is missing or whose state the model does not list. Those last are reported to <see cref="SkippedItems"/>:
    /// an instance the operator cannot date or place is never judged expired or drifted.
    /// </summary>
    internal static InstanceRecord? ToRecord(Instance instance)
    {
        var state = instance.State?.Name?.Value;
        var group = instance.Tags?.FirstOrDefault(t => t.Key == GroupTag)?.Value;
        if (state is "terminated" || group is null)
        {
            return null;
        }

        var item = $"instance {instance.InstanceId ?? "(no id)"} of group {group}";
        if (Unusable(instance, state) is { } field)
        {
            SkippedItems.Report(new SkippedItem(
                "ec2:DescribeInstances", item, field.Name, field.Value, "the instance is not judged expired or drifted, and not replaced for it"));
            return null;
        }

        var launched = AwsTime.ToUtc(instance.LaunchTime!.Value);
        return new InstanceRecord(
            instance.InstanceId!,
            group,
            instance.ImageId!,
            instance.InstanceType?.Value ?? string.Empty,
            instance.Placement?.AvailabilityZone ?? string.Empty,
            state!,
            launched,
            OriginalLaunchTime(instance, launched),
            string.IsNullOrEmpty(instance.PrivateDnsName) ? null : instance.PrivateDnsName);
    }

    /// <summary>The first field the operator reads that is missing (value null) or holds a state the model does not list.</summary>
    private static (string Name, string? Value)? Unusable(Instance instance, string? state) =>
        string.IsNullOrEmpty(instance.InstanceId) ? ("instanceId", null)
        : state is null ? ("instanceState.name", null)
        : !KnownStates.Contains(state) ? ("instanceState.name", state)
        : string.IsNullOrEmpty(instance.ImageId) ? ("imageId", null)
        : instance.LaunchTime is null ? ("launchTime", null)
        : null;

    // LaunchTime moves on every stop/start; the primary network interface stays attached from the first launch.
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Instance.html
    internal static DateTimeOffset OriginalLaunchTime(Instance instance, DateTimeOffset launched)
    {
        var primary = instance.NetworkInterfaces?.FirstOrDefault(n => n.Attachment?.DeviceIndex == 0)?.Attachment?.AttachTime;
        if (primary is not { } attachTime)
        {
            return launched;
        }

        var attached = AwsTime.ToUtc(attachTime);
        return attached < launched ? attached : launched;
    }
}
