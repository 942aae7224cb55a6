using k8s.Models;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Planning;
using WindowsNodeOperator.Runtime.Watching;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>Gathers a policy's <see cref="FleetSnapshot"/>: its groups, instances, refreshes, the latest AMI and the nodes.</summary>
internal sealed class FleetGatherer(
    IAutoScaling autoScaling,
    KnownInstances knownInstances,
    IAmiCatalog amis,
    LaunchTemplateImageCache templateImages,
    ClusterVersionCache clusterVersion,
    IResourceCache<V1Node> nodes,
    IResourceCache<V1DaemonSet> daemonSets,
    TimeProvider time)
{
    /// <summary>The AMI catalog's cache lifetime: the planner looks again when it runs out.</summary>
    private static readonly TimeSpan AmiRecheck = TimeSpan.FromHours(1);

    public async Task<Gathered> GatherAsync(WindowsNodePolicy policy, PolicyLedger ledger, CancellationToken ct)
    {
        var spec = policy.Spec;

        // 0. What the adapters skip in this look's answers (a field missing, a value the model does not list) is collected
        //    beside the snapshot, to be reported once.
        var skipped = SkippedItems.Collect();

        // 1. The groups, by names or by tags; a group named but missing is the planner's to report.
        var groups = await DescribeGroupsAsync(spec.AutoScalingGroups, ct).ConfigureAwait(false);

        // 2. Instances with their original launch times (EC2 is asked only about instances not known in service), and their
        //    lifecycle state as the group reports it.
        var byId = await knownInstances.ReadAsync(groups, ct).ConfigureAwait(false);
        var instances = groups
            .SelectMany(g => g.Instances.Select(i => (Group: g.Name, Instance: i)))
            .Where(x => byId.ContainsKey(x.Instance.InstanceId))
            .Select(x =>
            {
                var record = byId[x.Instance.InstanceId];
                return new InstanceFacts(
                    record.InstanceId, x.Group, record.ImageId, record.OriginalLaunchTime, x.Instance.LifecycleState, x.Instance.ProtectedFromScaleIn);
            })
            .ToList();

        // 3. Each group's template image and refreshes; the AMIs held as failed, with any a refresh seen ending now failed for.
        var facts = new List<GroupFacts>(groups.Count);
        var finished = new Dictionary<string, LedgerRefresh>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            facts.Add(await GroupFactsAsync(group, ledger, finished, ct).ConfigureAwait(false));
        }

        var failedAmis = FailedAmis(ledger, finished);
        facts = WithPinnedTemplates(facts, ledger, failedAmis);

        // 4. Nodes from the watch cache. Their pods are read only for the nodes an action would take (DoNotDisruptCheck).
        var nodeList = nodes.List().ToList();
        var nodeFacts = nodeList.Where(n => n.Metadata?.Name is not null).Select(n => NodeReading.Facts(n, new HashSet<string>())).ToList();

        // 5. The Windows version and edition each group runs, from its template AMI's name (described once per image,
        //    cached) and its nodes' build labels; the AMI families to read are the distinct ones, not one per group.
        var families = new List<WindowsAmiFamily>();
        if (spec.Ami.SsmParameter is null)
        {
            facts = await WithImageNamesAsync(facts, ct).ConfigureAwait(false);
            var builds = GroupWindows.BuildsByGroup(nodeFacts, instances);
            families = facts
                .Where(f => PolicyScope.Owns(spec, f) && GroupAmis.Applies(f, spec.Ami))
                .Select(f => GroupAmis.Family(f.Name, GroupWindows.Read(f, builds.TryGetValue(f.Name, out var b) ? b : []), spec.Ami).Family)
                .OfType<WindowsAmiFamily>()
                .ToList();
        }

        // 6. The latest AMI of each family; a missing parameter the policy names is a spec problem, anything else a failed lookup.
        var now = time.GetUtcNow();
        var lookups = new Dictionary<WindowsAmiFamily, AmiLookup>();
        var parameters = new Dictionary<WindowsAmiFamily, string>();
        var named = spec.Ami.WindowsVersion is { } version ? new WindowsAmiFamily(version, spec.Ami.Edition ?? WindowsEdition.Core) : null;
        var primary = families.GroupBy(f => f).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key.Version, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault() ?? named;
        string? parameter = null;
        string? problem = null;
        AmiLookup latest;
        if (spec.Ami.SsmParameter is { } explicitParameter)
        {
            parameter = explicitParameter;
            (latest, problem) = await LookUpAsync(explicitParameter, now, ct).ConfigureAwait(false);
        }
        else
        {
            var kubernetesVersion = primary is null ? null : await KubernetesVersionAsync(spec.Ami, ct).ConfigureAwait(false);
            foreach (var family in families.Append(primary).OfType<WindowsAmiFamily>().Distinct())
            {
                parameters[family] = spec.Ami.ResolveParameterName(kubernetesVersion!, family.Version, family.Edition);
                (lookups[family], var familyProblem) = await LookUpAsync(parameters[family], now, ct).ConfigureAwait(false);
                problem ??= family == named ? familyProblem : null;
            }

            parameter = primary is null ? null : parameters[primary];
            latest = primary is null
                ? new AmiLookupFailed("no group of the policy runs a Windows Server version the operator can tell", now)
                : lookups[primary];
        }

        // The catalog looks again when the oldest of its answers runs out.
        var checkedAt = lookups.Values.Append(latest).Min(l => l switch
        {
            AmiFound found => found.CheckedAt,
            AmiLookupFailed failed => failed.CheckedAt,
            _ => now,
        });
        var snapshot = new FleetSnapshot(policy, now, nodeFacts, instances, facts, latest, checkedAt + AmiRecheck, failedAmis, lookups);
        return new Gathered(snapshot, groups, nodeList, daemonSets.List(), parameter, problem, finished, parameters) { Skipped = skipped.Items };
    }

    private async Task<string> KubernetesVersionAsync(AmiSpec ami, CancellationToken ct) =>
        ami.KubernetesVersion == AmiSpec.AutoKubernetesVersion
            ? await clusterVersion.GetAsync(ct).ConfigureAwait(false)
            : ami.KubernetesVersion;

    /// <summary>The latest AMI a parameter names; a parameter missing, or holding no AMI id, is also a spec problem, said for a person.</summary>
    private async Task<(AmiLookup Latest, string? Problem)> LookUpAsync(string parameter, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            var release = await amis.GetLatestAsync(parameter, ct).ConfigureAwait(false);
            return (new AmiFound(release.ImageId, release.CreatedAt, release.CheckedAt, release.PublishedAt), null);
        }
        catch (AmiParameterNotFoundException e)
        {
            return (new AmiLookupFailed($"SSM parameter {e.ParameterName} does not exist", now), $"SSM parameter {parameter} does not exist: check spec.ami");
        }
        catch (AmiParameterNotAnImageException e)
        {
            return (new AmiLookupFailed(e.Message, now), $"spec.ami.ssmParameter: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException and not ArgumentException)
        {
            return (new AmiLookupFailed(e.Message, now), null);
        }
    }

    /// <summary>Each group's template AMI name; an image EC2 does not know (deregistered) has none, and tells no version.</summary>
    private async Task<List<GroupFacts>> WithImageNamesAsync(List<GroupFacts> facts, CancellationToken ct)
    {
        var ids = facts.Select(f => f.LaunchTemplateImageId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return facts;
        }

        var names = await amis.GetImageNamesAsync(ids, ct).ConfigureAwait(false) ?? new Dictionary<string, string>();
        return facts
            .Select(f => f.LaunchTemplateImageId is { } id && names.TryGetValue(id, out var name) ? f with { LaunchTemplateImageName = name } : f)
            .ToList();
    }

    /// <summary>
    /// A version the operator pinned from a group's current one is what the group will launch once a refresh applies it;
    /// judged by the current version, the template would be "updated" again on every look. Not once a refresh to its AMI
    /// failed in any of the groups: then the group's own template is what it launches and keeps launching.
    /// </summary>
    private static List<GroupFacts> WithPinnedTemplates(List<GroupFacts> facts, PolicyLedger ledger, IReadOnlyList<FailedAmiFacts> failedAmis)
    {
        var failed = failedAmis.Select(f => f.ImageId).ToHashSet(StringComparer.Ordinal);
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

    private async Task<GroupFacts> GroupFactsAsync(
        AutoScalingGroup group, PolicyLedger ledger, Dictionary<string, LedgerRefresh> finished, CancellationToken ct)
    {
        LaunchTemplateRef? template = null;
        string? image = null;
        if (group.LaunchTemplate is { } source)
        {
            var resolved = await templateImages.GetAsync(source, ct).ConfigureAwait(false);
            template = resolved.Template;
            image = resolved.ImageId;
        }

        // Only refreshes the operator started and has not seen finish are asked about; how the others ended is in the
        // ledger. A refresh someone else started is not looked for: StartInstanceRefresh would meet it (AlreadyRunning).
        var open = ledger.Refreshes.Where(r => r.Value.Group == group.Name && !r.Value.Finished).Select(r => r.Key).ToList();
        var refreshes = open.Count == 0
            ? []
            : await autoScaling.DescribeInstanceRefreshesAsync(group.Name, open, ct).ConfigureAwait(false);

        // The group's latest scaling activities show abandoned and failed launches: asked for only while one of ours runs
        // or has just been seen to fail, once per look.
        IReadOnlyList<ScalingActivity>? activities = null;
        async Task<IReadOnlyList<ScalingActivity>> ActivitiesAsync() =>
            activities ??= await autoScaling.DescribeScalingActivitiesAsync(group.Name, ct).ConfigureAwait(false);

        ActiveRefreshFacts? active = null;
        foreach (var refresh in refreshes.OrderByDescending(r => r.StartTime))
        {
            if (!ledger.Refreshes.TryGetValue(refresh.Id, out var mine))
            {
                // An answer's refresh without its id (reported by the adapter) may be running: it blocks another on the group,
                // and is never cancelled, for it cannot be told for the operator's.
                active ??= new ActiveRefreshFacts(refresh.Id, nameof(InstanceRefreshStatus.Unknown), null, refresh.StartTime, null, false, null);
                continue;
            }

            if (refresh.Status.IsFinished())
            {
                var (cause, message) = refresh.Status is InstanceRefreshStatus.Failed or InstanceRefreshStatus.RollbackFailed or InstanceRefreshStatus.RollbackSuccessful
                    ? RefreshFailures.Classify(refresh, await ActivitiesAsync().ConfigureAwait(false), ledger.FailedAmi(mine.ImageId))
                    : ((RefreshFailureCause?)null, (string?)null);
                finished[refresh.Id] = mine with
                {
                    Status = refresh.Status.ToString(),
                    StatusReason = refresh.StatusReason ?? refresh.Rollback?.Reason,
                    FinishedAt = refresh.EndTime ?? time.GetUtcNow(),
                    Cause = cause?.ToString(),
                    CauseMessage = message,
                };
            }
            else if (active is null)
            {
                // The launch gate's evidence counts only while the refresh rolls forward: a rollback's launches are the old AMI's.
                var failedLaunches = RefreshStatuses.IsCancellable(refresh.Status.ToString())
                    ? RefreshFailures.AbandonedLaunches(await ActivitiesAsync().ConfigureAwait(false), refresh.StartTime ?? mine.StartedAt, null)
                    : [];
                active = new ActiveRefreshFacts(
                    refresh.Id, refresh.Status.ToString(), refresh.PercentageComplete, refresh.StartTime, mine.ImageId, true, null, failedLaunches);
            }
        }

        var ended = ledger.Refreshes
            .Select(r => finished.TryGetValue(r.Key, out var now) ? (r.Key, Value: now) : (r.Key, r.Value))
            .Where(r => r.Value.Group == group.Name && r.Value.Finished)
            .Select(r => new FinishedRefreshFacts(
                r.Key, r.Value.Status!, r.Value.ImageId, r.Value.StatusReason, r.Value.FinishedAt, ParseCause(r.Value.Cause), r.Value.CauseMessage))
            .OrderByDescending(f => f.FinishedAt)
            .ToList();
        var last = ended.FirstOrDefault();

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
            group.MixedInstancesPolicy);
    }

    /// <summary>The ledger's failed AMIs, and those of refreshes this look saw fail for their AMI (recorded by the reconciler).</summary>
    private static List<FailedAmiFacts> FailedAmis(PolicyLedger ledger, IReadOnlyDictionary<string, LedgerRefresh> finished)
    {
        var held = (ledger.FailedAmis ?? []).Select(f => new FailedAmiFacts(f.ImageId, f.Group, f.RefreshId, f.Reason, f.FailedAt)).ToList();
        foreach (var (id, refresh) in finished.Where(f => f.Value.Cause == nameof(RefreshFailureCause.Ami)))
        {
            if (held.All(h => h.ImageId != refresh.ImageId))
            {
                held.Add(new FailedAmiFacts(refresh.ImageId, refresh.Group, id, refresh.CauseMessage ?? refresh.Status!, refresh.FinishedAt ?? refresh.StartedAt));
            }
        }

        return held;
    }

    private static RefreshFailureCause? ParseCause(string? cause) =>
        Enum.TryParse<RefreshFailureCause>(cause, out var parsed) ? parsed : null;
}
