using Amazon.EC2;
using Amazon.EC2.Model;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws.Ec2;

/// <summary>
/// Lists the instances of Auto Scaling groups with DescribeInstances filtered on the group tag: one paginated
/// call per 200 groups, 1,000 instances a page, never one call per instance.
/// </summary>
internal sealed class Ec2InstanceInventory(IAmazonEC2 ec2, IAwsCallPipeline pipeline) : IInstanceInventory
{
    public const string GroupTag = "aws:autoscaling:groupName";

    private static readonly List<string> LiveStates = ["pending", "running", "shutting-down", "stopping", "stopped"];

    public async Task<IReadOnlyList<InstanceRecord>> ListAsync(IReadOnlyCollection<string> groupNames, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(groupNames);
        var wanted = groupNames.ToHashSet(StringComparer.Ordinal);
        var records = new Dictionary<string, InstanceRecord>(StringComparer.Ordinal);
        foreach (var chunk in wanted.Chunk(Ec2Limits.FilterValues))
        {
            string? token = null;
            do
            {
                var request = new DescribeInstancesRequest
                {
                    Filters =
                    [
                        new Filter("tag:" + GroupTag, [.. chunk]),
                        new Filter("instance-state-name", LiveStates),
                    ],
                    MaxResults = Ec2Limits.PageSize,
                    NextToken = token,
                };
                var response = await pipeline.ExecuteAsync(
                    AwsServices.Ec2, "DescribeInstances", safeToRepeat: true, c => ec2.DescribeInstancesAsync(request, c), ct);
                foreach (var instance in (response.Reservations ?? []).SelectMany(r => r.Instances ?? []))
                {
                    if (ToRecord(instance) is { } record && wanted.Contains(record.GroupName))
                    {
                        records[record.InstanceId] = record;
                    }
                }

                token = response.NextToken;
            }
            while (!string.IsNullOrEmpty(token));
        }

        return [.. records.Values.OrderBy(r => r.GroupName, StringComparer.Ordinal).ThenBy(r => r.InstanceId, StringComparer.Ordinal)];
    }

    internal static InstanceRecord? ToRecord(Instance instance)
    {
        var state = instance.State?.Name?.Value;
        var group = instance.Tags?.FirstOrDefault(t => t.Key == GroupTag)?.Value;
        if (state is null or "terminated" || group is null || instance.LaunchTime is not { } launchTime)
        {
            return null;
        }

        var launched = AwsTime.ToUtc(launchTime);
        return new InstanceRecord(
            instance.InstanceId,
            group,
            instance.ImageId ?? string.Empty,
            instance.InstanceType?.Value ?? string.Empty,
            instance.Placement?.AvailabilityZone ?? string.Empty,
            state,
            launched,
            OriginalLaunchTime(instance, launched),
            string.IsNullOrEmpty(instance.PrivateDnsName) ? null : instance.PrivateDnsName);
    }

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
