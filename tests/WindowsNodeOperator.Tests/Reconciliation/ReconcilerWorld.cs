using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Draining;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Reconciliation.Launch;
using WindowsNodeOperator.Reconciliation.Termination;
using WindowsNodeOperator.Runtime;
using WindowsNodeOperator.Runtime.Events;
using WindowsNodeOperator.Runtime.Reconciliation;
using WindowsNodeOperator.Runtime.Status;
using System.Diagnostics.Metrics;
using WindowsNodeOperator.Reconciliation.Status;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Tests.Reconciliation;

/// <summary>
/// A policy, its groups, instances and nodes behind Moq'd ports that read mutable state, so a test changes the world,
/// reconciles, and checks the calls, the status and the events.
/// </summary>
internal sealed class ReconcilerWorld
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    public const string OldAmi = "ami-old";
    public const string NewAmi = "ami-new";
    public const string Group = "win-a";
    public const string ClusterName = "test-cluster";

    private int _nextInstance;
    private int _nextVersion = 1;

    public ReconcilerWorld()
    {
        Time = new FakeTimeProvider(T0);
        Policy = new WindowsNodePolicy
        {
            Metadata = new V1ObjectMeta { Name = "windows", Generation = 1, ResourceVersion = "1" },
            Spec = new WindowsNodePolicySpec
            {
                AutoScalingGroups = new() { Names = [Group] },
                Ami = new AmiSpec { WindowsVersion = "2022", KubernetesVersion = "1.31", SoakTime = "24h" },
            },
        };
        Policies.Put(Policy);
        Groups[Group] = new AutoScalingGroup(Group, 0, 10, 0, new LaunchTemplateRef("lt-1", "win", "1"), OwnedTags(), []);
        TemplateImages[("lt-1", "1")] = OldAmi;
        Ami = new AmiRelease("/aws/param", NewAmi, "new", T0 - TimeSpan.FromDays(10), T0);

        AutoScaling.Setup(a => a.DescribeGroupsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> names, CancellationToken _) => names.Where(Groups.ContainsKey).Select(n => Groups[n]).ToList());
        AutoScaling.Setup(a => a.DescribeInstanceRefreshesAsync(It.IsAny<string>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string g, IReadOnlyCollection<string> _, CancellationToken _) => Refreshes.Where(r => r.GroupName == g).OrderByDescending(r => r.StartTime).ToList());
        AutoScaling.Setup(a => a.StartInstanceRefreshAsync(It.IsAny<InstanceRefreshRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((InstanceRefreshRequest r, CancellationToken _) =>
            {
                Calls.Add("StartInstanceRefresh");
                var id = $"refresh-{Refreshes.Count + 1}";
                Refreshes.Add(new InstanceRefresh(id, r.GroupName, InstanceRefreshStatus.Pending, null, 0, null, Time.GetUtcNow(), null, null));
                return RefreshStart.Started(id);
            });
        AutoScaling.Setup(a => a.PutLifecycleHookAsync(It.IsAny<LifecycleHook>(), It.IsAny<CancellationToken>()))
            .Callback((LifecycleHook h, CancellationToken _) => { Calls.Add("PutLifecycleHook:" + h.Name); Hooks.Add((h.GroupName, h.Name)); })
            .Returns(Task.CompletedTask);
        AutoScaling.Setup(a => a.DescribeLifecycleHooksAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string g, CancellationToken _) => Hooks.Where(h => h.Group == g)
                .Select(h => new LifecycleHook(g, h.Name, LifecycleTransition.InstanceLaunching, TimeSpan.FromMinutes(5), LifecycleActionResult.Continue)).ToList());
        AutoScaling.Setup(a => a.DeleteLifecycleHookAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string g, string n, CancellationToken _) => { Calls.Add("DeleteLifecycleHook:" + n); Hooks.Remove((g, n)); })
            .Returns(Task.CompletedTask);
        AutoScaling.Setup(a => a.TerminateInstanceInGroupAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool _, CancellationToken _) =>
            {
                Calls.Add("Terminate:" + id);
                return new ScalingActivity("act-1", Group, "InProgress", null, null, Time.GetUtcNow());
            });
        AutoScaling.Setup(a => a.CompleteLifecycleActionAsync(It.IsAny<LifecycleActionTarget>(), It.IsAny<LifecycleActionResult>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((LifecycleActionTarget t, LifecycleActionResult r, CancellationToken _) =>
            {
                Calls.Add($"Complete:{t.HookName}:{t.InstanceId}:{r}");
                return Completed.Add(t.InstanceId!) ? LifecycleActionOutcome.Done : LifecycleActionOutcome.NotActive;
            });
        AutoScaling.Setup(a => a.RecordLifecycleActionHeartbeatAsync(It.IsAny<LifecycleActionTarget>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((LifecycleActionTarget t, CancellationToken _) =>
            {
                Calls.Add($"Heartbeat:{t.InstanceId}");
                return Completed.Contains(t.InstanceId!) ? LifecycleActionOutcome.NotActive : LifecycleActionOutcome.Done;
            });
        AutoScaling.Setup(a => a.DescribeScalingActivitiesAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string g, CancellationToken _) => Activities.Where(a => a.GroupName == g).OrderByDescending(a => a.StartTime).ToList());
        AutoScaling.Setup(a => a.RollbackInstanceRefreshAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string g, CancellationToken _) =>
            {
                Calls.Add("RollbackInstanceRefresh:" + g);
                var index = Refreshes.FindIndex(r => r.GroupName == g && r.Status is InstanceRefreshStatus.Pending or InstanceRefreshStatus.InProgress);
                if (index < 0)
                {
                    return RefreshRollback.NoneActive;
                }

                if (RollbackRefused)
                {
                    return RefreshRollback.Irreversible;
                }

                Refreshes[index] = Refreshes[index] with
                {
                    Status = InstanceRefreshStatus.RollbackInProgress,
                    Rollback = new InstanceRefreshRollback("The rollback was started by a RollbackInstanceRefresh request.", Time.GetUtcNow(), 0, 1),
                };
                return RefreshRollback.RollingBack(Refreshes[index].Id);
            });
        AutoScaling.Setup(a => a.CancelInstanceRefreshAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string g, bool _, CancellationToken _) => { Calls.Add("CancelInstanceRefresh:" + g); return new RefreshCancel(true, "refresh-1"); });
        Inventory.Setup(i => i.ListAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> groups, CancellationToken _) => Records.Values.Where(r => groups.Contains(r.GroupName)).ToList());
        Inventory.Setup(i => i.DescribeAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> ids, CancellationToken _) => Records.Values.Where(r => ids.Contains(r.InstanceId)).ToList());
        Templates.Setup(t => t.GetImageIdAsync(It.IsAny<LaunchTemplateRef>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((LaunchTemplateRef t, CancellationToken _) => new LaunchTemplateImage(t, TemplateImages[(t.Id!, t.Version)]));
        Templates.Setup(t => t.CreateVersionWithImageAsync(It.IsAny<LaunchTemplateRef>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((LaunchTemplateRef source, string image, string _, CancellationToken _) =>
            {
                Calls.Add("CreateLaunchTemplateVersion:" + image);
                var version = (++_nextVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
                TemplateImages[(source.Id!, version)] = image;
                return source with { Version = version };
            });
        Amis.Setup(a => a.GetLatestAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(() => Ami);
        Amis.Setup(a => a.GetImageNamesAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> ids, CancellationToken _) =>
                ids.ToDictionary(id => id, id => ImageNames.GetValueOrDefault(id, $"Windows_Server-2022-English-Core-EKS_Optimized-1.31-{id}")));
        NodeClient.Setup(n => n.CordonAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string name, string policy, CancellationToken _) =>
            {
                Calls.Add("Cordon:" + name);
                var node = Nodes.List().Single(n => n.Metadata.Name == name);
                if (node.Spec.Unschedulable == true)
                {
                    return CordonResult.AlreadyOurs;
                }

                node.Spec.Unschedulable = true;
                node.Metadata.Annotations["windowsnode.io/cordoned-by"] = policy;
                node.Metadata.Annotations["windowsnode.io/cordoned-at"] = OperatorAnnotations.FormatTime(Time.GetUtcNow());
                return CordonResult.Cordoned;
            });
        NodeClient.Setup(n => n.AnnotateAsync(It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string name, IReadOnlyDictionary<string, string> values, CancellationToken _) =>
            {
                var node = Nodes.List().Single(n => n.Metadata.Name == name);
                foreach (var (key, value) in values)
                {
                    node.Metadata.Annotations[key] = value;
                }

                return true;
            });
        NodeClient.Setup(n => n.UncordonIfOursAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string name, CancellationToken _) => { Calls.Add("Uncordon:" + name); return true; });
        PodClient.Setup(p => p.ListUnschedulablePodsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        PodClient.Setup(p => p.ListPodObjectsOnNodeAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string node, CancellationToken _) =>
            {
                PodListings.Add(node);
                return Pods.List().Where(p => p.Spec.NodeName == node).ToList();
            });
        PodClient.Setup(p => p.ListPodsOnNodeAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string node, CancellationToken _) =>
            {
                PodListings.Add(node);
                return Pods.List().Where(p => p.Spec.NodeName == node).Select(ClusterMapping.ToPod).ToList();
            });
        PodClient.Setup(p => p.ListDisruptionBudgetsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string ns, CancellationToken _) => Budgets.Where(b => b.Namespace == ns).ToList());
        PolicyClient.Setup(c => c.SetFinalizersAsync(It.IsAny<WindowsNodePolicy>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((WindowsNodePolicy p, IReadOnlyList<string> f, CancellationToken _) => Store(p, c => c.Metadata.Finalizers = f.ToList()));
        PolicyClient.Setup(c => c.SetLedgerAsync(It.IsAny<WindowsNodePolicy>(), It.IsAny<PolicyLedger>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((WindowsNodePolicy p, PolicyLedger l, CancellationToken _) => Store(p, c =>
            {
                c.Metadata.Annotations ??= new Dictionary<string, string>();
                c.Metadata.Annotations[PolicyLedger.AnnotationKey] = l.Write();
            }));
        StatusWriter.Setup(s => s.WriteAsync(It.IsAny<ResourceType>(), It.IsAny<ObjectKey>(), It.IsAny<object>(), It.IsAny<long?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ResourceType _, ObjectKey _, object status, long? gen, CancellationToken _) =>
            {
                var copy = JsonSerializer.Deserialize<WindowsNodePolicyStatus>(JsonSerializer.Serialize(status))!;
                copy.ObservedGeneration = gen;
                Statuses.Add(copy);
                Policy.Status = copy;
                return true;
            });
        Events.Setup(e => e.RecordAsync(It.IsAny<IKubernetesObject<V1ObjectMeta>>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Callback((IKubernetesObject<V1ObjectMeta> o, string type, string reason, string _, string? note, CancellationToken _) =>
            {
                lock (Recorded) { Recorded.Add(new RecordedEvent(o.GetType().Name.TrimStart('V', '1'), o.Metadata.Name, type, reason, note ?? string.Empty)); }
            })
            .Returns(Task.CompletedTask);
        Metrics = new ReconciliationMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
        NewOperator();
    }

    public FakeTimeProvider Time { get; }

    public WindowsNodePolicy Policy { get; private set; }

    public WindowsNodePolicySpec Spec => Policy.Spec;

    public FakeCache<WindowsNodePolicy> Policies { get; } = new();

    public FakeCache<V1Node> Nodes { get; } = new();

    /// <summary>The cluster's pods: the operator caches none, it lists a node's when it needs them (<see cref="PodListings"/>).</summary>
    public FakeCache<V1Pod> Pods { get; } = new();

    /// <summary>The nodes whose pods the operator listed, in order.</summary>
    public List<string> PodListings { get; } = [];

    public FakeCache<V1DaemonSet> DaemonSets { get; } = new();

    public Dictionary<string, AutoScalingGroup> Groups { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, InstanceRecord> Records { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string, string), string> TemplateImages { get; } = [];

    public List<InstanceRefresh> Refreshes { get; } = [];

    /// <summary>The groups' scaling activities, as DescribeScalingActivities answers them (newest first).</summary>
    public List<ScalingActivity> Activities { get; } = [];

    /// <summary>RollbackInstanceRefresh answers IrreversibleInstanceRefresh (a group on $Latest or $Default).</summary>
    public bool RollbackRefused { get; set; }

    public HashSet<(string Group, string Name)> Hooks { get; } = [];

    public List<DisruptionBudgetInfo> Budgets { get; } = [];

    public AmiRelease Ami { get; set; }

    /// <summary>Image names the catalog answers; any other image is a Windows Server 2022 Core EKS-optimized AMI.</summary>
    public Dictionary<string, string> ImageNames { get; } = new(StringComparer.Ordinal);

    public List<string> Calls { get; } = [];

    public List<WindowsNodePolicyStatus> Statuses { get; } = [];

    public List<RecordedEvent> Recorded { get; } = [];

    public Mock<IAutoScaling> AutoScaling { get; } = new();

    public Mock<IInstanceInventory> Inventory { get; } = new();

    public Mock<ILaunchTemplates> Templates { get; } = new();

    public Mock<IAmiCatalog> Amis { get; } = new();

    public Mock<INodeClient> NodeClient { get; } = new();

    public Mock<IPodClient> PodClient { get; } = new();

    public Mock<IPolicyClient> PolicyClient { get; } = new();

    public Mock<IStatusWriter> StatusWriter { get; } = new();

    public Mock<IEventRecorder> Events { get; } = new();

    public ReconciliationMetrics Metrics { get; }

    /// <summary>Instances whose lifecycle action was completed: AWS answers NotActive for them from then on.</summary>
    public HashSet<string> Completed { get; } = new(StringComparer.Ordinal);

    public PolicyReconciler Reconciler { get; private set; } = null!;

    public WindowsNodePolicyStatus? Status => Policy.Status;

    /// <summary>A fresh operator process: new caches and services, the same AWS and cluster.</summary>
    public void NewOperator()
    {
        var events = new PolicyEvents(Events.Object);
        var templates = new LaunchTemplateImageCache(Templates.Object);
        var gatherer = new FleetGatherer(AutoScaling.Object, new KnownInstances(Inventory.Object, Time), Amis.Object, templates,
            new ClusterVersionCache(PolicyClient.Object, Time), Nodes, DaemonSets, Time);
        var doNotDisrupt = new DoNotDisruptCheck(PodClient.Object);
        var executor = new PlanExecutor(
            AutoScaling.Object, Templates.Object, NodeClient.Object, new DisruptionPreflight(PodClient.Object),
            new RollbackImageCheck(templates, Amis.Object, events), doNotDisrupt, events, Metrics, Time);
        var drainer = new Drainer(NodeClient.Object, PodClient.Object, Time, NullLogger<Drainer>.Instance);
        var actions = new LifecycleActions(AutoScaling.Object, NodeClient.Object, Time, NullLogger<LifecycleActions>.Instance);
        var termination = new TerminationController(drainer, actions, events, Metrics);
        var hooks = new HookDriver(termination, new LaunchGate(AutoScaling.Object, PodClient.Object, NullLogger<LaunchGate>.Instance));
        Reconciler = new PolicyReconciler(
            Policies, PolicyClient.Object, gatherer, executor, doNotDisrupt, new NewNodePods(PodClient.Object, new PodWaitClock(Time), Time), hooks,
            new PolicyCleanup(AutoScaling.Object, NodeClient.Object, executor, gatherer, hooks, StatusWriter.Object, Time, NullLogger<PolicyCleanup>.Instance),
            StatusWriter.Object, events, Metrics, Time, new PolicyKeyIndex(), new GroupOwnership(ClusterName),
            new UnmatchedNodes(new InstanceExistence(Inventory.Object, Time)),
            new SkippedItemReports(events, NullLogger<SkippedItemReports>.Instance), NullLogger<PolicyReconciler>.Instance);
    }

    /// <summary>The tags that make a group the operator's in <see cref="ClusterName"/>; a test adds its own to a copy.</summary>
    public static Dictionary<string, string> OwnedTags() => new(StringComparer.Ordinal)
    {
        ["windowsnode.io/managed"] = "true",
        [$"kubernetes.io/cluster/{ClusterName}"] = "owned",
    };

    public Task<ReconcileResult> ReconcileAsync() => Reconciler.ReconcileAsync(new ObjectKey(null, Policy.Metadata.Name), CancellationToken.None);

    /// <summary>A Windows node and its instance in the group, launched <paramref name="age"/> ago on <paramref name="image"/>.</summary>
    public string AddNode(string name, TimeSpan age, string image = NewAmi, string state = "InService", bool withNode = true, string group = Group)
    {
        var id = $"i-{++_nextInstance:x8}";
        Records[id] = new InstanceRecord(id, group, image, "m5.large", "us-east-1a", "running", Time.GetUtcNow() - age, Time.GetUtcNow() - age, null);
        SetState(id, state, group);
        if (withNode)
        {
            Nodes.Put(new V1Node
            {
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    Labels = new Dictionary<string, string> { ["kubernetes.io/os"] = "windows" },
                    Annotations = new Dictionary<string, string>(),
                },
                Spec = new V1NodeSpec { ProviderID = $"aws:///us-east-1a/{id}" },
                Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }] },
            });
        }

        return id;
    }

    public void SetState(string instanceId, string state, string group = Group, bool protectedFromScaleIn = false)
    {
        var g = Groups[group];
        var others = g.Instances.Where(i => i.InstanceId != instanceId).ToList();
        others.Add(new AutoScalingInstance(instanceId, "us-east-1a", state, "Healthy", "1", protectedFromScaleIn));
        Groups[group] = g with { Instances = others, DesiredCapacity = others.Count };
    }

    /// <summary>A launch of a new instance that a lifecycle action abandoned, worded as AWS words it.</summary>
    public void AbandonedLaunch(string instanceId, string group = Group)
    {
        const string message = "Instance failed to complete user's Lifecycle Action: Lifecycle Action with token 0d8a7a3c-0000-4000-8000-000000000001 "
            + "was abandoned: Lifecycle Action Completed with ABANDON Result";
        Activities.Add(new ScalingActivity(
            $"act-{Activities.Count + 1}", group, "Cancelled", $"Launching a new EC2 instance: {instanceId}.  Status Reason: {message}",
            "an instance was launched in response to an instance refresh", Time.GetUtcNow() - TimeSpan.FromMinutes(30), message, Time.GetUtcNow()));
    }

    public void Cordon(string node, string by)
    {
        Nodes.List().Single(n => n.Metadata.Name == node).Metadata.Annotations["windowsnode.io/cordoned-by"] = by;
        Nodes.List().Single(n => n.Metadata.Name == node).Spec.Unschedulable = true;
    }

    public void AddPod(
        string ns, string name, string node, bool ready = true, string? daemonSet = null, IDictionary<string, string>? labels = null, IDictionary<string, string>? annotations = null)
    {
        Pods.Put(new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = labels ?? new Dictionary<string, string>(),
                Annotations = annotations,
                OwnerReferences = daemonSet is null ? null : [new V1OwnerReference { Kind = "DaemonSet", Name = daemonSet, Controller = true, ApiVersion = "apps/v1", Uid = "u" }],
            },
            Spec = new V1PodSpec { NodeName = node },
            Status = new V1PodStatus { Phase = "Running", Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
        });
    }

    /// <summary>A DaemonSet whose pods select Windows nodes.</summary>
    public void AddWindowsDaemonSet(string ns, string name) =>
        DaemonSets.Put(new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new V1DaemonSetSpec
            {
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec { NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "windows" } },
                },
            },
        });

    public void SetRefresh(string id, InstanceRefreshStatus status, string group = Group)
    {
        var index = Refreshes.FindIndex(r => r.Id == id);
        Refreshes[index] = Refreshes[index] with { Status = status, EndTime = status is InstanceRefreshStatus.InProgress or InstanceRefreshStatus.Pending ? null : Time.GetUtcNow() };
    }

    public IReadOnlyList<string> Reasons() => Recorded.Select(e => e.Reason).ToList();

    public V1Condition Condition(string type) => Status!.Conditions!.Single(c => c.Type == type);

    private WindowsNodePolicy Store(WindowsNodePolicy source, Action<WindowsNodePolicy> change)
    {
        var copy = KubernetesJson.Deserialize<WindowsNodePolicy>(KubernetesJson.Serialize(source));
        change(copy);
        copy.Metadata.ResourceVersion = (long.Parse(copy.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        copy.Status = Policy.Status;
        Policy = copy;
        Policies.Put(copy);
        return copy;
    }
}
