using WindowsNodeOperator.Api;
using k8s;
using k8s.Models;
using WindowsNodeOperator.Cli.Report.Checks;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Planning;
using WindowsNodeOperator.Reconciliation;

namespace WindowsNodeOperator.Cli.Report;

/// <summary>
/// Reads the cluster's Windows nodes and their instances through the operator's ports, only ever reading (Kubernetes GETs,
/// AWS Describe and Get calls), and judges each node with the planner and the hardening checks.
/// </summary>
internal sealed class ReportGatherer(
    IKubernetes cluster,
    IFleetAudit ec2,
    IManagedInstances ssm,
    IAmiCatalog amis,
    IAutoScaling autoScaling,
    TimeProvider time,
    Progress progress)
{
    private const string WindowsNodes = "kubernetes.io/os=windows";

    public async Task<IReadOnlyList<ReportRow>> GatherAsync(string maxNodeAge, bool checks, CancellationToken ct)
    {
        // 1. The cluster: its Windows nodes and its version (the version picks the EKS-optimized AMIs' parameters).
        progress.Say("reading Windows nodes");
        var nodes = (await AuditStep.ClusterAsync("list nodes", () => cluster.CoreV1.ListNodeAsync(labelSelector: WindowsNodes, cancellationToken: ct)).ConfigureAwait(false)).Items;
        var version = await AuditStep.ClusterAsync("read the server version", () => new KubernetesPolicyClient(cluster).GetKubernetesVersionAsync(ct)).ConfigureAwait(false);
        var facts = nodes.Where(n => n.Metadata?.Name is not null).Select(n => NodeReading.Facts(n, new HashSet<string>())).ToList();
        var ids = facts.Select(n => n.InstanceId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

        // 2. Their instances, the groups they belong to, and their images.
        progress.Say($"describing {ids.Count} instances");
        var instances = ids.Count == 0 ? [] : await AuditStep.AwsAsync("ec2:DescribeInstances", () => ec2.DescribeInstancesAsync(ids, ct)).ConfigureAwait(false);
        var byId = instances.ToDictionary(i => i.InstanceId, StringComparer.Ordinal);
        var groupNames = instances.Select(i => i.GroupName).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var groups = groupNames.Count == 0 ? [] : await AuditStep.AwsAsync("autoscaling:DescribeAutoScalingGroups", () => autoScaling.DescribeGroupsAsync(groupNames, ct)).ConfigureAwait(false);
        var imageIds = instances.Select(i => i.ImageId).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var images = imageIds.Count == 0 ? new Dictionary<string, AuditedImage>() : await AuditStep.AwsAsync("ec2:DescribeImages", () => ec2.DescribeImagesAsync(imageIds, ct)).ConfigureAwait(false);

        // 3. The latest AMI of each kind the nodes run, from the public SSM parameters.
        var kinds = instances.ToDictionary(i => i.InstanceId, i => WindowsAmiName.Parse(images.GetValueOrDefault(i.ImageId)?.Name), StringComparer.Ordinal);
        var parameters = kinds.Values.OfType<WindowsAmiName>().Select(k => k.LatestParameter(version)).Distinct(StringComparer.Ordinal).ToList();
        progress.Say($"reading {parameters.Count} SSM parameters");
        var latest = parameters.Count == 0 ? new Dictionary<string, AmiRelease>() : await AuditStep.AwsAsync("ssm:GetParameters", () => amis.GetLatestAsync(parameters, ct)).ConfigureAwait(false);

        // 4. What the hardening checks read: security groups, root volumes, SSM's managed instances.
        var now = time.GetUtcNow();
        IReadOnlyDictionary<string, SecurityGroupFacts> securityGroups = new Dictionary<string, SecurityGroupFacts>();
        IReadOnlyDictionary<string, VolumeFacts> volumes = new Dictionary<string, VolumeFacts>();
        IReadOnlyDictionary<string, string> pings = new Dictionary<string, string>();
        if (checks && instances.Count > 0)
        {
            progress.Say($"checking security groups, volumes and SSM for {instances.Count} instances");
            var sgIds = instances.SelectMany(i => i.SecurityGroupIds).Distinct(StringComparer.Ordinal).ToList();
            securityGroups = await AuditStep.AwsAsync("ec2:DescribeSecurityGroups", () => ec2.DescribeSecurityGroupsAsync(sgIds, ct)).ConfigureAwait(false);
            var volumeIds = instances.Select(i => i.RootVolumeId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            volumes = await AuditStep.AwsAsync("ec2:DescribeVolumes", () => ec2.DescribeVolumesAsync(volumeIds, ct)).ConfigureAwait(false);
            pings = await AuditStep.AwsAsync("ssm:DescribeInstanceInformation", () => ssm.PingStatusAsync([.. byId.Keys], ct)).ConfigureAwait(false);
        }

        progress.Clear();

        // 5. The planner's verdicts, one kind of AMI at a time; nodes whose AMI is not an EKS-optimized one are judged by age.
        var lifecycle = groups.SelectMany(g => g.Instances).ToDictionary(i => i.InstanceId, i => i.LifecycleState, StringComparer.Ordinal);
        var verdicts = new Dictionary<string, NodeVerdict>(StringComparer.Ordinal);
        var latestOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var kind in facts.GroupBy(n => n.InstanceId is { } id && kinds.TryGetValue(id, out var k) ? k : null))
        {
            AmiLookup lookup = kind.Key is { } k && latest.TryGetValue(k.LatestParameter(version), out var release)
                ? new AmiFound(release.ImageId, release.CreatedAt, release.CheckedAt, release.PublishedAt)
                : new AmiLookupFailed(kind.Key is null ? "not an EKS-optimized Windows AMI" : "no such SSM parameter", now);
            var kindInstances = kind.Select(n => n.InstanceId is { } id ? byId.GetValueOrDefault(id) : null).OfType<AuditedInstance>()
                .Select(i => new InstanceFacts(i.InstanceId, i.GroupName ?? string.Empty, i.ImageId, i.OriginalLaunchTime, lifecycle.GetValueOrDefault(i.InstanceId) ?? "InService"))
                .ToList();
            foreach (var (name, verdict) in ReportVerdicts.Judge([.. kind], kindInstances, groups, lookup, kind.Key, maxNodeAge, now))
            {
                verdicts[name] = verdict;
                latestOf[name] = (lookup as AmiFound)?.ImageId;
            }
        }

        var maxAge = Api.PolicyDuration.Parse(maxNodeAge).Value;
        return [.. facts.OrderBy(n => n.Name, StringComparer.Ordinal).Select(n =>
        {
            var verdict = verdicts[n.Name];
            var instance = n.InstanceId is { } id ? byId.GetValueOrDefault(id) : null;
            var image = instance is null ? null : images.GetValueOrDefault(instance.ImageId);
            var kind = instance is null ? null : kinds[instance.InstanceId];
            var target = latestOf.GetValueOrDefault(n.Name);
            return new ReportRow(
                n.Name,
                instance?.GroupName,
                n.InstanceId,
                instance?.AvailabilityZone,
                instance?.ImageId,
                image?.Name,
                target,
                target is null || instance is null ? null : instance.ImageId == target,
                kind?.WindowsVersion,
                kind?.Edition.ToString(),
                version,
                verdict.LaunchTime,
                verdict.Age,
                verdict.LaunchTime is { } launched ? launched + maxAge - now : null,
                verdict.Unmanaged ? ReportVerdict.Unmanaged : verdict.Expired ? ReportVerdict.Expired : verdict.Drifted ? ReportVerdict.Drifted : ReportVerdict.Compliant,
                checks ? HardeningChecks.Judge(instance, image, kind, securityGroups, volumes, pings, now) : []);
        })];
    }
}
