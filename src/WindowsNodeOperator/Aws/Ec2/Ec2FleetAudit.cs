using Amazon.EC2;
using Amazon.EC2.Model;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws.Ec2;

/// <summary>
/// The audit's EC2 reads, each filtered by id in chunks of 200 and paginated: DescribeInstances, DescribeImages,
/// DescribeSecurityGroups, DescribeVolumes. Filters rather than id lists, so one unknown id does not fail a whole call.
/// </summary>
internal sealed class Ec2FleetAudit(IAmazonEC2 ec2, IAwsCallPipeline pipeline, Ec2ImageReader images) : IFleetAudit
{
    private const int VolumePageSize = 500;

    public async Task<IReadOnlyList<AuditedInstance>> DescribeInstancesAsync(IReadOnlyCollection<string> instanceIds, CancellationToken ct)
    {
        var found = new Dictionary<string, AuditedInstance>(StringComparer.Ordinal);
        await PagesAsync(instanceIds, "DescribeInstances", async (chunk, token, c) =>
        {
            var request = new DescribeInstancesRequest { Filters = [new Filter("instance-id", chunk)], MaxResults = Ec2Limits.PageSize, NextToken = token };
            var response = await ec2.DescribeInstancesAsync(request, c).ConfigureAwait(false);
            foreach (var instance in (response.Reservations ?? []).SelectMany(r => r.Instances ?? []))
            {
                if (ToAudited(instance) is { } audited)
                {
                    found[audited.InstanceId] = audited;
                }
            }

            return response.NextToken;
        }, ct).ConfigureAwait(false);
        return [.. found.Values.OrderBy(i => i.InstanceId, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyDictionary<string, AuditedImage>> DescribeImagesAsync(IReadOnlyCollection<string> imageIds, CancellationToken ct)
    {
        var facts = await images.DescribeAsync(imageIds, ct).ConfigureAwait(false);
        return facts.Values.ToDictionary(
            f => f.ImageId, f => new AuditedImage(f.ImageId, f.Name, f.CreatedAt, f.DeprecationTime, f.State, f.Public), StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, SecurityGroupFacts>> DescribeSecurityGroupsAsync(IReadOnlyCollection<string> groupIds, CancellationToken ct)
    {
        var found = new Dictionary<string, SecurityGroupFacts>(StringComparer.Ordinal);
        await PagesAsync(groupIds, "DescribeSecurityGroups", async (chunk, token, c) =>
        {
            var request = new DescribeSecurityGroupsRequest { Filters = [new Filter("group-id", chunk)], MaxResults = Ec2Limits.PageSize, NextToken = token };
            var response = await ec2.DescribeSecurityGroupsAsync(request, c).ConfigureAwait(false);
            foreach (var group in response.SecurityGroups ?? [])
            {
                found[group.GroupId] = new SecurityGroupFacts(group.GroupId, group.GroupName, [.. (group.IpPermissions ?? []).Select(Rule)]);
            }

            return response.NextToken;
        }, ct).ConfigureAwait(false);
        return found;
    }

    public async Task<IReadOnlyDictionary<string, VolumeFacts>> DescribeVolumesAsync(IReadOnlyCollection<string> volumeIds, CancellationToken ct)
    {
        var found = new Dictionary<string, VolumeFacts>(StringComparer.Ordinal);
        await PagesAsync(volumeIds, "DescribeVolumes", async (chunk, token, c) =>
        {
            var request = new DescribeVolumesRequest { Filters = [new Filter("volume-id", chunk)], MaxResults = VolumePageSize, NextToken = token };
            var response = await ec2.DescribeVolumesAsync(request, c).ConfigureAwait(false);
            foreach (var volume in response.Volumes ?? [])
            {
                found[volume.VolumeId] = new VolumeFacts(volume.VolumeId, volume.Encrypted == true);
            }

            return response.NextToken;
        }, ct).ConfigureAwait(false);
        return found;
    }

    internal static AuditedInstance? ToAudited(Instance instance)
    {
        var state = instance.State?.Name?.Value;
        if (state is null or "terminated" || instance.LaunchTime is not { } launchTime)
        {
            return null;
        }

        var root = instance.BlockDeviceMappings?.FirstOrDefault(m => m.DeviceName == instance.RootDeviceName)?.Ebs?.VolumeId;
        return new AuditedInstance(
            instance.InstanceId,
            instance.Tags?.FirstOrDefault(t => t.Key == Ec2InstanceInventory.GroupTag)?.Value,
            instance.ImageId ?? string.Empty,
            instance.Placement?.AvailabilityZone ?? string.Empty,
            state,
            Ec2InstanceInventory.OriginalLaunchTime(instance, AwsTime.ToUtc(launchTime)),
            [.. (instance.SecurityGroups ?? []).Select(g => g.GroupId)],
            instance.MetadataOptions?.HttpTokens?.Value,
            root);
    }

    private static IngressRule Rule(IpPermission permission) => new(
        permission.IpProtocol ?? "-1",
        permission.FromPort,
        permission.ToPort,
        [.. (permission.Ipv4Ranges ?? []).Select(r => r.CidrIp), .. (permission.Ipv6Ranges ?? []).Select(r => r.CidrIpv6)]);

    private async Task PagesAsync(
        IReadOnlyCollection<string> ids, string operation, Func<List<string>, string?, CancellationToken, Task<string?>> page, CancellationToken ct)
    {
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(Ec2Limits.FilterValues))
        {
            string? token = null;
            do
            {
                var next = token;
                token = await pipeline.ExecuteAsync(AwsServices.Ec2, operation, safeToRepeat: true, c => page([.. chunk], next, c), ct).ConfigureAwait(false);
            }
            while (!string.IsNullOrEmpty(token));
        }
    }
}
