using k8s.Models;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Planning;
using WindowsNodeOperator.Runtime.Watching;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>Gathers a policy's <see cref="FleetSnapshot"/>: its groups, instances, refreshes, the latest AMI and the nodes.</summary>
internal sealed class FleetGatherer(
    IAutoScaling autoScaling,
    IInstanceInventory inventory,
    IAmiCatalog amis,
    LaunchTemplateImageCache templateImages,
    ClusterVersionCache clusterVersion,
    IResourceCache<V1Node> nodes,
    IResourceCache<V1Pod> pods,
    IResourceCache<V1DaemonSet> daemonSets,
    TimeProvider time)
{
    /// <summary>The AMI catalog's cache lifetime: the planner looks again when it runs out.</summary>
    private static readonly TimeSpan AmiRecheck = TimeSpan.FromHours(1);

    public async Task<Gathered> GatherAsync(WindowsNodePolicy policy, PolicyLedger ledger, CancellationToken ct)
    {
        var spec = policy.Spec;

        // 1. The groups, by names or by tags; a group named but missing is the planner's to report.
        var groups = await DescribeGroupsAsync(spec.AutoScalingGroups, ct).ConfigureAwait(false);

        // 2. Instances with their original launch times, and their lifecycle state as the group reports it.
        var records = groups.Count == 0
            ? []
            : await inventory.ListAsync(groups.Select(g => g.Name).ToList(), ct).ConfigureAwait(false);
        var byId = records.ToDictionary(r => r.InstanceId, StringComparer.Ordinal);
        var instances = groups
            .SelectMany(g => g.Instances.Select(i => (Group: g.Name, Instance: i)))
            .Where(x => byId.ContainsKey(x.Instance.InstanceId))
            .Select(x =>
            {
                var record = byId[x.Instance.InstanceId];
                return new InstanceFacts(record.InstanceId, x.Group, record.ImageId, record.OriginalLaunchTime, x.Instance.LifecycleState);
            })
            .ToList();

        // 3. Each group's template image and refreshes.
        var facts = new List<GroupFacts>(groups.Count);
        foreach (var group in groups)
        {
            facts.Add(await GroupFactsAsync(group, ledger, ct).ConfigureAwait(false));
        }

        facts = WithPinnedTemplates(facts, ledger);

        // 4. The latest AMI; a missing parameter is a spec problem, anything else a failed lookup.
        var now = time.GetUtcNow();
        string? parameter = null;
        var missing = false;
        AmiLookup latest;
        try
        {
            var version = spec.Ami.SsmParameter is null && spec.Ami.KubernetesVersion == AmiSpec.AutoKubernetesVersion
                ? await clusterVersion.GetAsync(ct).ConfigureAwait(false)
                : spec.Ami.KubernetesVersion;
            parameter = spec.Ami.ResolveParameterName(version);
            var release = await amis.GetLatestAsync(parameter, ct).ConfigureAwait(false);
            latest = new AmiFound(release.ImageId, release.CreatedAt, release.CheckedAt, release.PublishedAt);
        }
        catch (AmiParameterNotFoundException e)
        {
            missing = true;
            latest = new AmiLookupFailed($"SSM parameter {e.ParameterName} does not exist", now);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ArgumentException)
        {
            latest = new AmiLookupFailed(e.Message, now);
        }

        // 5. Nodes and the pods that opt out of disruption, from the watch caches.
        var nodeList = nodes.List().ToList();
        var podList = pods.List().ToList();
        var doNotDisrupt = podList
            .Where(NodeReading.DoNotDisrupt)
            .Select(p => p.Spec?.NodeName)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var nodeFacts = nodeList.Where(n => n.Metadata?.Name is not null).Select(n => NodeReading.Facts(n, doNotDisrupt)).ToList();

        var checkedAt = latest switch
        {
            AmiFound found => found.CheckedAt,
            AmiLookupFailed failed => failed.CheckedAt,
            _ => now,
        };
        var snapshot = new FleetSnapshot(policy, now, nodeFacts, instances, facts, latest, checkedAt + AmiRecheck);
        return new Gathered(snapshot, groups, nodeList, podList, daemonSets.List(), parameter, missing);
    }

    /// <summary>
    /// A version the operator pinned from a group's current one is what the group will launch once a refresh applies it;
    /// judged by the current version, the template would be "updated" again on every look. Not once a refresh to its AMI
    /// failed in any of the groups: then the group's own template is what it launches and keeps launching.
    /// </summary>
    private static List<GroupFacts> WithPinnedTemplates(List<GroupFacts> facts, PolicyLedger ledger)
    {
        var failed = facts.SelectMany(f => f.FailedImageIds ?? new HashSet<string>()).ToHashSet(StringComparer.Ordinal);
        return facts
            .Select(f => f.LaunchTemplate is { } current
                && ledger.PinnedFor(f.Name, current.Id ?? string.Empty, current.Version) is { } pinned
                && !failed.Contains(pinned.ImageId)
                    ? f with { LaunchTemplate = new LaunchTemplateRef(pinned.TemplateId.Length == 0 ? null : pinned.TemplateId, pinned.TemplateName, pinned.PinnedVersion), LaunchTemplateImageId = pinned.ImageId }
                    : f)
            .ToList();
    }

    private Task<IReadOnlyList<AutoScalingGroup>> DescribeGroupsAsync(AutoScalingGroupSelector selector, CancellationToken ct)
    {
        if (selector.Names is { Count: > 0 } names)
        {
            return autoScaling.DescribeGroupsAsync(names, ct);
        }

        if (selector.Tags is { Count: > 0 } tags)
        {
            return autoScaling.DescribeGroupsByTagsAsync(tags.Select(t => new AutoScalingTagFilter(t.Key, [t.Value])).ToList(), ct);
        }

        return Task.FromResult<IReadOnlyList<AutoScalingGroup>>([]);
    }

    private async Task<GroupFacts> GroupFactsAsync(AutoScalingGroup group, PolicyLedger ledger, CancellationToken ct)
    {
        LaunchTemplateRef? template = null;
        string? image = null;
        if (group.LaunchTemplate is { } source)
        {
            var resolved = await templateImages.GetAsync(source, ct).ConfigureAwait(false);
            template = resolved.Template;
            image = resolved.ImageId;
        }

        var refreshes = await autoScaling.DescribeInstanceRefreshesAsync(group.Name, [], ct).ConfigureAwait(false);
        ActiveRefreshFacts? active = null;
        FinishedRefreshFacts? last = null;
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var refresh in refreshes.OrderByDescending(r => r.StartTime))
        {
            var target = ledger.Refreshes.TryGetValue(refresh.Id, out var mine) ? mine.ImageId : null;
            if (IsFinal(refresh.Status))
            {
                var finished = new FinishedRefreshFacts(refresh.Id, refresh.Status.ToString(), target, refresh.StatusReason, refresh.EndTime);
                last ??= finished;

                // Every failure counts, not only the last: a later refresh (to the previous AMI) must not clear a bad one.
                if (finished is { FailedOrRolledBack: true, TargetImageId: { } bad })
                {
                    failed.Add(bad);
                }
            }
            else
            {
                active ??= new ActiveRefreshFacts(
                    refresh.Id, refresh.Status.ToString(), refresh.PercentageComplete, refresh.StartTime, target, ledger.Started(refresh.Id), null);
            }
        }

        return new GroupFacts(
            group.Name,
            group.Tags,
            group.DesiredCapacity,
            group.MinSize,
            group.MaxSize,
            template,
            image,
            active,
            last,
            failed);
    }

    public static bool IsFinal(InstanceRefreshStatus status) => status is InstanceRefreshStatus.Successful
        or InstanceRefreshStatus.Failed
        or InstanceRefreshStatus.Cancelled
        or InstanceRefreshStatus.RollbackFailed
        or InstanceRefreshStatus.RollbackSuccessful;
}
