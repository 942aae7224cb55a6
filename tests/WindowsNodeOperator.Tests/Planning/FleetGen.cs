using CsCheck;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Planning;

using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Tests.Planning;

/// <summary>Random policies and fleets: small pools of names and AMIs so collisions (shared groups, same images) are common.</summary>
internal static class FleetGen
{
    public static readonly DateTimeOffset Epoch = new(2026, 3, 7, 0, 0, 0, TimeSpan.Zero);
    public static readonly string[] Amis = ["ami-1", "ami-2", "ami-3"];
    public static readonly string[] GroupNames = ["g0", "g1", "g2", "g3"];

    private static readonly string[] ActiveStatuses =
        [RefreshStatuses.Pending, RefreshStatuses.InProgress, RefreshStatuses.Baking, RefreshStatuses.Cancelling, RefreshStatuses.RollbackInProgress];

    private static readonly string[] FinalStatuses =
        [RefreshStatuses.Successful, RefreshStatuses.Failed, RefreshStatuses.Cancelled, RefreshStatuses.RollbackFailed, RefreshStatuses.RollbackSuccessful];

    private static readonly Gen<string> Ami = Gen.Frequency((4, Amis[0]), (1, Amis[1]), (1, Amis[2]));

    /// <summary>True about one draw in <paramref name="n"/>.</summary>
    private static Gen<bool> OneIn(int n) => Gen.Int[1, n].Select(i => i == 1);

    private static Gen<T?> Sometimes<T>(int oneIn, Gen<T> gen) where T : class =>
        OneIn(oneIn).SelectMany(yes => yes ? gen.Select(v => (T?)v) : Gen.Const<T?>(default(T)));

    public static readonly Gen<MaintenanceWindow> Window =
        Gen.Select(
            Gen.OneOf("0 2 * * 6", "0 * * * *", "30 1 * * *", "0 12 * * 1-5", "*/20 * * * *"),
            Gen.OneOf("10m", "30m", "4h"),
            Gen.OneOf("UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"),
            (schedule, duration, zone) => new MaintenanceWindow { Schedule = schedule, Duration = duration, TimeZone = zone });

    public static readonly Gen<WindowsNodePolicy> Policy =
        Gen.Select(
            Gen.Int[2, 60],
            Gen.OneOf("0s", "1h", "24h", "72h"),
            Gen.Select(OneIn(3), Gen.Int[1, 3], Gen.Int[10, 60]),
            Sometimes(2, Window.List[1, 2]),
            Gen.Select(OneIn(6), OneIn(6), OneIn(6)),
            Gen.Select(Gen.Int[1, 3], Gen.Int[0, 400].Select(i => i <= 100 ? (int?)i : null), Gen.Int[100, 150]),
            Gen.Select(OneIn(3), Gen.Int[1, 15], OneIn(25)),
            (age, soak, maxUnavailable, windows, flags, refresh, scope) =>
            {
                var (paused, dryRun, keepTemplate) = flags;
                var (concurrent, minHealthy, maxHealthy) = refresh;
                var (bySelector, groupMask, invalid) = scope;
                var policy = new WindowsNodePolicy { Metadata = new() { Name = "random" } };
                var spec = policy.Spec;
                spec.MaxNodeAge = $"{age}d";
                spec.Ami.SoakTime = soak;
                spec.Ami.UpdateLaunchTemplate = !keepTemplate;

                // One policy in five names Windows Server 2022, so groups on 2019 (or of unknown version) are left alone.
                spec.Ami.WindowsVersion = age % 5 == 0 ? WindowsVersions.V2022 : null;
                var (percent, count, share) = maxUnavailable;
                spec.Disruption.MaxUnavailable = percent ? $"{share}%" : count;
                spec.Disruption.MaintenanceWindows = windows;
                spec.Disruption.Paused = paused;
                spec.Disruption.DryRun = dryRun;
                spec.Refresh.ConcurrentGroups = concurrent;
                spec.Refresh.MinHealthyPercentage = minHealthy;
                spec.Refresh.MaxHealthyPercentage = maxHealthy;
                spec.Refresh.CheckpointPercentages = invalid ? [50, 20] : null;
                spec.NodeSelector = bySelector ? new() { ["pool"] = "web" } : null;
                spec.AutoScalingGroups.Names = GroupNames.Where((_, i) => (groupMask & (1 << i)) != 0).ToList();
                return policy;
            });

    private static Gen<ActiveRefreshFacts> ActiveRefresh(DateTimeOffset now) =>
        Gen.Select(Gen.OneOf(ActiveStatuses), Ami, Gen.Bool, Gen.Int[0, 100].Select(i => i <= 80 ? (int?)i : null), Gen.Int[0, 3],
            (status, ami, ours, min, failed) => new ActiveRefreshFacts(
                "r-active", status, 30, now - TimeSpan.FromMinutes(20), ami, ours, min, [.. Enumerable.Range(0, failed).Select(i => $"i-bad{i}")]));

    private static Gen<FinishedRefreshFacts> LastRefresh(DateTimeOffset now) =>
        Gen.Select(Gen.OneOf(FinalStatuses), Ami, Gen.Enum<RefreshFailureCause>(),
            (status, ami, cause) => new FinishedRefreshFacts(
                "r-last", status, ami, "reason", now - TimeSpan.FromDays(1), RefreshStatuses.IsFailure(status) ? cause : null, "the cause"));

    /// <summary>The AMIs a ledger holds: usually none, sometimes one or two of the pool.</summary>
    private static Gen<List<FailedAmiFacts>> FailedAmis(DateTimeOffset now) =>
        Gen.Int[0, 7].Select(mask => Amis
            .Where((_, i) => (mask & (1 << i)) != 0 && mask < 4)
            .Select(a => new FailedAmiFacts(a, GroupNames[0], "r-old", "new instances never became Ready nodes", now - TimeSpan.FromDays(50)))
            .ToList());

    /// <summary>The cluster every snapshot's operator runs in: a group must be tagged as its own, and the operator's, to be acted on.</summary>
    public const string ClusterName = "prod";

    /// <summary>
    /// A group's tags: usually both ownership tags; one group in four lacks the managed tag, or the cluster's, or is another
    /// cluster's; one in six belongs to an EKS managed node group.
    /// </summary>
    private static Gen<Dictionary<string, string>> Tags(string name) =>
        Gen.Select(OneIn(6), Gen.Int[0, 11], (managed, ownership) =>
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            if (managed)
            {
                tags[OperatorAnnotations.EksNodeGroupTag] = name;
            }

            if (ownership != 0)
            {
                tags[OperatorAnnotations.ManagedTag] = "true";
            }

            if (ownership != 1)
            {
                tags[OperatorAnnotations.ClusterTagPrefix + (ownership == 2 ? "staging" : ClusterName)] = "owned";
            }

            return tags;
        });

    private static Gen<GroupFacts> Group(string name, DateTimeOffset now) =>
        Gen.Select(
            Tags(name),
            Ami,
            OneIn(12),
            Sometimes(4, ActiveRefresh(now)),
            Sometimes(4, LastRefresh(now)),
            Gen.Int[0, 79],
            (tags, ami, noTemplate, active, last, draw) => new GroupFacts(
                name,
                tags,
                0, 0, 50,
                noTemplate ? null : new LaunchTemplateRef("lt-" + name, name, "$Latest"),
                noTemplate ? null : ami,
                active,
                last,
                MixedInstancesPolicy: noTemplate ? null : MixedPolicy(name, draw % 8),
                LaunchTemplateImageName: noTemplate ? null : (draw / 8) switch
                {
                    0 => "Windows_Server-2019-English-Core-EKS_Optimized-1.31-2026.02.11",
                    1 => "golden-windows",
                    _ => Fleet.Core2022Name,
                }));

    // One group in eight carries a policy a refresh can send back, one in eight an override on a launch template of its own.
    private static MixedInstancesPolicy? MixedPolicy(string name, int draw) => draw switch
    {
        0 => new MixedInstancesPolicy(
            new LaunchTemplateRef("lt-" + name, name, "$Latest"),
            [new LaunchTemplateOverride("m6i.xlarge"), new LaunchTemplateOverride("m5.xlarge")],
            new InstancesDistribution("prioritized", 1, 50, "price-capacity-optimized", null, null)),
        1 => new MixedInstancesPolicy(
            new LaunchTemplateRef("lt-" + name, name, "$Latest"),
            [new LaunchTemplateOverride("g4dn.xlarge", null, new LaunchTemplateRef("lt-gpu-" + name, name + "-gpu", "1"))],
            null),
        _ => null,
    };

    private static Gen<Func<int, (NodeFacts? Node, InstanceFacts? Instance)>> Member(DateTimeOffset now) =>
        Gen.Select(
            Gen.Select(OneIn(7), OneIn(4), Gen.Int[0, GroupNames.Length]),
            Gen.Select(OneIn(7), OneIn(9), OneIn(9), OneIn(9)),
            Gen.Select(Ami, Gen.Int[0, 90 * 24], Gen.Int[1, 12]),
            Gen.Select(OneIn(10), OneIn(12), OneIn(12)),
            (where, health, instance, presence) => (Func<int, (NodeFacts?, InstanceFacts?)>)(index =>
            {
                var (linux, batch, groupIndex) = where;
                var (notReady, cordoned, annotated, podProtected) = health;
                var (ami, ageHours, stateDraw) = instance;
                var (noInstance, noNode, scaleInProtected) = presence;
                var state = stateDraw switch
                {
                    1 => LifecycleStates.Pending,
                    2 => LifecycleStates.PendingWait,
                    3 => LifecycleStates.TerminatingWait,
                    4 => LifecycleStates.Terminating,
                    5 => LifecycleStates.Standby,
                    _ => LifecycleStates.InService,
                };
                var id = $"i-{index:x4}";
                var group = groupIndex < GroupNames.Length ? GroupNames[groupIndex] : "not-ours";
                var facts = noInstance ? null : new InstanceFacts(id, group, ami, now - TimeSpan.FromHours(ageHours), state, scaleInProtected);
                var annotations = new Dictionary<string, string>();
                if (cordoned)
                {
                    annotations[OperatorAnnotations.CordonedBy] = "random";
                }

                if (annotated)
                {
                    annotations[OperatorAnnotations.DoNotDisrupt] = "true";
                }

                var node = noNode ? null : new NodeFacts(
                    $"node-{index}",
                    new Dictionary<string, string>
                    {
                        [WindowsNodePolicySpec.OsLabel] = linux ? "linux" : "windows",
                        ["pool"] = batch ? "batch" : "web",
                    },
                    !notReady,
                    cordoned,
                    noInstance ? null : id,
                    annotations,
                    podProtected,
                    // NotReady for 0, 20 or 40 minutes: either side of notReadyReplaceAfter's default 30m.
                    notReady ? now - TimeSpan.FromMinutes(ageHours % 3 * 20) : null);
                return (node, facts);
            }));

    private static Gen<AmiLookup> Latest(DateTimeOffset now) =>
        Gen.Int[1, 10].SelectMany(draw => draw switch
        {
            1 => Gen.Const<AmiLookup>(new AmiLookupFailed("throttled", now)),
            2 => Ami.Select(a => (AmiLookup)new AmiFound(a, null, now)),
            _ => Gen.Select(Ami, Gen.Int[0, 100], (a, hours) => (AmiLookup)new AmiFound(a, now - TimeSpan.FromHours(hours), now)),
        });

    public static readonly Gen<FleetSnapshot> Snapshot =
        Gen.Int[0, 14 * 24 * 60].SelectMany(minutes =>
        {
            var now = Epoch + TimeSpan.FromMinutes(minutes);
            // Each group is present four times in five; a missing one is a name the policy may still list.
            var groups = Gen.Select(
                Group(GroupNames[0], now).Null(0.2), Group(GroupNames[1], now).Null(0.2),
                Group(GroupNames[2], now).Null(0.2), Group(GroupNames[3], now).Null(0.2),
                (a, b, c, d) => new[] { a, b, c, d }.OfType<GroupFacts>().ToList());
            var members = Member(now).List[0, 14].Select(makers => makers.Select((make, i) => make(i)).ToList());
            return Gen.Select(Policy, groups, members, Latest(now), Gen.Int[-120, 600].Select(m => m > 500 ? (DateTimeOffset?)null : now + TimeSpan.FromMinutes(m)), FailedAmis(now),
                (policy, groupList, memberList, latest, cache, failed) =>
                {
                    var instances = memberList.Select(m => m.Instance).OfType<InstanceFacts>().ToList();
                    var sized = groupList.Select(g => g with { DesiredCapacity = instances.Count(i => i.Group == g.Name) }).ToList();
                    return new FleetSnapshot(
                        policy, now, memberList.Select(m => m.Node).OfType<NodeFacts>().ToList(), instances, sized, latest, cache, failed,
                        new Dictionary<WindowsAmiFamily, AmiLookup> { [Fleet.Core2022] = latest, [new(WindowsVersions.V2019, WindowsEdition.Core)] = latest },
                        new GroupOwnership(ClusterName));
                });
        });

    /// <summary>A short text of a snapshot for a failing sample.</summary>
    public static string Print(FleetSnapshot s) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            s.Now,
            s.Policy.Spec,
            Nodes = s.Nodes,
            s.Instances,
            s.Groups,
            Latest = s.LatestAmi.ToString(),
            s.AmiCacheExpiresAt,
            s.FailedAmis,
        });
}
